package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import javafx.beans.Observable;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import javafx.util.StringConverter;
import lab.wolpertinger.train.Parameter;

/**
 * Branch and compare: the run list (one colour per run, show/hide, on show / training in turn /
 * ended) and its buttons. "Branch…" copies the paused run on show whole, in memory, and continues
 * the copy with one parameter changed; up to 4 runs then train in turn. "Show" puts another run
 * on show (its agent is the one the views, sliders, Evaluate and Save act on); "Remove" stops a
 * run training in turn, or forgets an ended run's curves. The learning curves overlay the mean
 * return of every shown run.
 */
final class RunsPanel {
    private final LabModel model;
    private final ListView<RunList.Entry> list = new ListView<>();
    private final TitledPane pane;
    private final Supplier<Palette> palette;
    private final CurvesView curves;

    RunsPanel(LabModel model, CurvesView curves, Supplier<Palette> palette) {
        this.model = model;
        this.curves = curves;
        this.palette = palette;
        list.setId("runList");
        list.setItems(model.runs().entries());
        list.setPrefHeight(120);
        list.setCellFactory(v -> new RunCell());
        Button branch = Controls.button("Branch…", "branchButton", e -> askBranch(),
                "While paused: copy this run whole (networks, optimizer, replay, random state) and go on with one "
                        + "parameter changed; both then train in turn, step for step (up to 4 runs).");
        Button show = Controls.button("Show", "showRunButton", e -> selected(id -> model.focus(id)),
                "Put the selected run on show: the views, sliders, Evaluate and Save then act on it.");
        Button remove = Controls.button("Remove", "removeRunButton", e -> selected(model::removeRun),
                "Stop the selected run training in turn, or forget an ended run's curves.");
        FlowPane buttons = new FlowPane(8, 8, branch, show, remove);
        VBox box = new VBox(8, list, buttons);
        pane = new TitledPane("Runs", box);
        pane.setCollapsible(false);
        model.runs().entries().addListener((ListChangeListener<RunList.Entry>) c -> {
            while (c.next()) {
                for (RunList.Entry e : c.getAddedSubList()) {
                    e.visibleProperty().addListener(this::refresh);
                    e.aliveProperty().addListener(this::refresh);
                }
            }
            refresh(null);
        });
        model.curvesRevisionProperty().addListener(this::refresh);
    }

    /** The panel for the sidebar. */
    TitledPane node() {
        return pane;
    }

    private void selected(java.util.function.LongConsumer action) {
        RunList.Entry e = list.getSelectionModel().getSelectedItem();
        if (e == null) {
            model.showMessage("Select a run in the run list first");
            return;
        }
        action.accept(e.id());
    }

    /** Recomputes the curves' overlays: every shown run's mean return. */
    private void refresh(Observable ignored) {
        List<CurvesView.Overlay> overlays = new ArrayList<>();
        long focused = model.runs().focused();
        for (RunList.Entry e : model.runs().entries()) {
            if (e.visibleProperty().get()) {
                overlays.add(new CurvesView.Overlay(e.curves().averageReturns(), e.colour(), "run " + e.id(),
                        e.id() == focused));
            }
        }
        curves.setOverlays(overlays.size() > 1 || overlays.stream().anyMatch(o -> !o.focused()) ? overlays : List.of());
        list.refresh();
    }

    /** The branch dialog: which parameter, which value (starting from the live one). */
    private void askBranch() {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Branch this run");
        dialog.setHeaderText("Copy the run on show and go on with one parameter changed");
        ChoiceBox<Parameter> parameter = new ChoiceBox<>();
        parameter.getItems().setAll(Parameter.values());
        parameter.setConverter(new StringConverter<>() {
            @Override
            public String toString(Parameter p) {
                return p == null ? "" : p.label();
            }

            @Override
            public Parameter fromString(String s) {
                return null;
            }
        });
        TextField value = new TextField();
        value.setId("branchValue");
        parameter.valueProperty().addListener((obs, a, p) ->
                value.setText(LabModel.format(p, model.appliedProperty(p).get())));
        parameter.setValue(Parameter.K_RATIO);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.addRow(0, new Label("parameter"), parameter);
        grid.addRow(1, new Label("new value"), value);
        dialog.getDialogPane().setContent(grid);
        dialog.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        dialog.showAndWait().filter(b -> b == ButtonType.OK).ifPresent(b -> {
            String text = value.getText().trim();
            try {
                model.branch(parameter.getValue(), Double.parseDouble(text));
            } catch (NumberFormatException ex) {
                model.showMessage(String.format(Locale.ROOT, "%s: '%s' is not a number (e.g. 0.01)",
                        parameter.getValue().label(), text));
            }
        });
    }

    /** A run: show/hide box, its colour, its label and state. */
    private final class RunCell extends ListCell<RunList.Entry> {
        private final CheckBox shown = new CheckBox();
        private final Rectangle swatch = new Rectangle(14, 4);
        private final Label text = new Label();
        private final HBox row = new HBox(6, shown, swatch, text);
        private RunList.Entry bound;

        RunCell() {
            row.setAlignment(Pos.CENTER_LEFT);
            HBox.setHgrow(text, Priority.ALWAYS);
            text.setWrapText(true); // long branch labels wrap instead of scrolling sideways
            text.maxWidthProperty().bind(list.widthProperty().subtract(64));
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(RunList.Entry e, boolean empty) {
            super.updateItem(e, empty);
            if (bound != null) {
                shown.selectedProperty().unbindBidirectional(bound.visibleProperty());
                bound = null;
            }
            if (empty || e == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            bound = e;
            shown.selectedProperty().bindBidirectional(e.visibleProperty());
            swatch.setFill(CurvesView.runColour(palette.get(), e.colour()));
            String state = e.id() == model.runs().focused() ? "on show"
                    : e.aliveProperty().get() ? "training in turn" : "ended";
            text.setText(e.label() + "  (" + state + ")");
            setGraphic(row);
            setText(null);
        }
    }
}

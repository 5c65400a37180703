package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Parameter;

/**
 * The lab's left column: the live parameters (a slider and a value field each, the k readout,
 * the critic target choice), the diagnostics and the run list, the action-axis zoom buttons, the
 * exports and the key hints. In
 * presenter mode all but k ratio and noise fold away.
 */
final class Sidebar {
    private final LabModel model;
    private final PresenterMode presenter;
    private final ActionSpaceView actionView;
    private final List<Node> panels;
    private final Runnable exportPng;
    private final Runnable exportCsv;
    private final List<ParameterControl> controls = new ArrayList<>();
    private final List<Node> lineOnlyControls = new ArrayList<>();
    private ParameterControl kRatioControl;
    private final ScrollPane node;

    /** @param panels boxes shown under the live parameters (the diagnostics, the run list) */
    Sidebar(LabModel model, PresenterMode presenter, ActionSpaceView actionView, List<Node> panels, Runnable exportPng,
            Runnable exportCsv) {
        this.model = model;
        this.panels = List.copyOf(panels);
        this.presenter = presenter;
        this.actionView = actionView;
        this.exportPng = exportPng;
        this.exportCsv = exportCsv;
        this.node = build();
    }

    /** The k ratio control (its range follows N). */
    ParameterControl kRatioControl() {
        return kRatioControl;
    }

    /** Controls that only apply to a 1-D action axis. */
    List<Node> lineOnlyControls() {
        return lineOnlyControls;
    }

    /** The sidebar's scroll pane. */
    ScrollPane node() {
        return node;
    }

    private ScrollPane build() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("parameter-grid");
        int row = 0;
        kRatioControl = add(grid, row++, new ParameterControl(model, Parameter.K_RATIO, "kRatio", "k ratio",
                "k ratio: the share of all N actions handed to the critic as candidates (k = N × ratio); "
                        + "a larger k searches wider but each step costs more.", 1e-5, 1, true));
        Label kLabel = new Label();
        kLabel.setId("kLabel");
        kLabel.getStyleClass().add("k-label");
        kLabel.textProperty().bind(Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "k = %,d of N = %,d", model.kProperty().get(), model.nProperty().get()),
                model.kProperty(), model.nProperty()));
        // across all three columns, right-aligned under the field: at N = 1,000,000 the slider's and
        // field's columns alone cut "k = 1,000 of N = 1,000,000" short
        grid.add(kLabel, 0, row++, 3, 1);
        GridPane.setHalignment(kLabel, javafx.geometry.HPos.RIGHT);
        add(grid, row++, new ParameterControl(model, Parameter.NOISE_SCALE, "noise", "noise",
                "noise: how much random jitter is added to the proto-action, so the agent also tries actions it "
                        + "would not pick itself.", 0, 1, false));
        add(grid, row++, new ParameterControl(model, Parameter.TAU, "tau", "tau",
                "tau: how quickly the slow target networks follow the learning networks; smaller means steadier "
                        + "learning targets.", 1e-4, 1, true));
        add(grid, row++, new ParameterControl(model, Parameter.ACTOR_LR, "actorLr", "actor lr",
                "actor lr: the step size with which the actor moves its proto-action towards higher Q.", 1e-5, 1e-1, true));
        add(grid, row++, new ParameterControl(model, Parameter.CRITIC_LR, "criticLr", "critic lr",
                "critic lr: the step size with which the critic fits its Q values to the Bellman targets.", 1e-5, 1e-1, true));
        add(grid, row++, new ParameterControl(model, Parameter.GAMMA, "gamma", "gamma",
                "gamma: how much future reward counts compared with reward now (0.99 looks about 100 steps ahead).",
                0.8, 0.999, false));
        add(grid, row++, new ParameterControl(model, Parameter.BATCH_SIZE, "batchSize", "batch size",
                "batch size: how many remembered transitions each learning update averages over.", 1, 1024, true));
        ComboBox<String> target = choice(grid, row++, "critic target", "targetModeChoice",
                List.of(WolpertingerConfig.TARGET_WOLPERTINGER, WolpertingerConfig.TARGET_PROTO),
                model.targetModeProperty(), model::setTargetMode,
                "critic target: the action the critic's Bellman target scores at the next state. wolpertinger: "
                + "the target actor's proto-action through the k nearest and the critic's best of them, as acting does; "
                + "proto: the raw proto-action, as plain DDPG does.");
        ComboBox<String> search = choice(grid, row++, "neighbour search", "searchChoice",
                List.of(WolpertingerConfig.EXACT, WolpertingerConfig.APPROX), model.searchProperty(), model::setSearch,
                "neighbour search: how the k nearest items to the proto-action are found, for "
                + "acting and for the critic's targets. exact: all of them, provably; approx: only the items of the "
                + "k-means cells nearest the proto-action (about 12 k of them), several times faster at N = 1,000,000, "
                + "its recall against exact shown under the embedding view. Catalogs only: "
                + "a grid's own search is exact and fast.");
        // only an embedded catalog has an approximate index; a grid's nearest neighbours are a walk along it
        search.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                () -> !(model.actionsProperty().get() instanceof lab.wolpertinger.knn.EmbeddedActionSet),
                model.actionsProperty()));
        // presenting: only the two parameters the lesson is about stay
        for (ParameterControl c : List.copyOf(controls)) {
            if (c.parameter() != Parameter.K_RATIO && c.parameter() != Parameter.NOISE_SCALE) {
                presenter.fold(c.label(), c.slider(), c.field());
            }
        }
        for (ComboBox<String> box : List.of(target, search)) {
            presenter.fold((Label) box.getProperties().get(LABEL), box);
        }
        GridPane acer = acerGrid();
        // One agent's parameters at a time: Wolpertinger's, or ACER's (its policy scores all N: no k, no noise)
        Runnable agentShown = () -> {
            WolpertingerConfig c = model.configProperty().get();
            boolean isAcer = c != null && Agent.ACER.equals(c.agent());
            grid.setVisible(!isAcer);
            grid.setManaged(!isAcer);
            acer.setVisible(isAcer);
            acer.setManaged(isAcer);
        };
        model.configProperty().addListener((obs, old, c) -> agentShown.run());
        agentShown.run();
        Label hint = new Label("Changes apply at the next training step and are marked in the curves.");
        hint.setWrapText(true);
        hint.getStyleClass().add("hint");
        VBox params = new VBox(grid, acer, hint);
        params.getStyleClass().add("panel-body");
        TitledPane live = new TitledPane("Live parameters", params);
        live.setCollapsible(false);

        ToggleButton follow = new ToggleButton("Zoom to neighbourhood");
        follow.setId("zoomNeighbourhoodButton");
        follow.setTooltip(Controls.tip("Keep the action axis zoomed on the k neighbours of the current proto-action (scroll to zoom, drag to pan)."));
        follow.selectedProperty().bindBidirectional(actionView.followProperty());
        Button all = Controls.button("Whole axis", "zoomAllButton", e -> actionView.showAll(),
                "Show all N actions from -1 to 1.");
        lineOnlyControls.addAll(List.of(follow, all));
        FlowPane zoom = new FlowPane(8, 8, follow, all); // wraps when the fonts grow
        TitledPane axis = new TitledPane("Action-space view", zoom);
        axis.setCollapsible(false);

        Button png = Controls.button("Curves PNG…", "exportPngButton", e -> exportPng.run(),
                "Save the learning curves as a picture.");
        Button csv = Controls.button("Metrics CSV…", "exportCsvButton", e -> exportCsv.run(),
                "Save one row per episode (return, loss, Q, k, …) for a spreadsheet.");
        HBox exports = new HBox(png, csv);
        exports.getStyleClass().add("button-row");
        TitledPane export = new TitledPane("Export", exports);
        export.setCollapsible(false);

        Label keys = new Label("Keys: Space start/pause · S or → step · R reset · E evaluate · T real time");
        keys.setWrapText(true);
        keys.getStyleClass().add("hint");

        presenter.fold(export, keys); // presenting, → steps through instead of stepping once
        Label presenterKeys = presenter.caption("Presenter keys: → next stage of the step-through (a new step after "
                + "the last), ← previous stage, Esc show everything, Space start/pause.");
        VBox side = new VBox(live);
        side.getChildren().addAll(panels);
        side.getChildren().addAll(axis, export, keys, presenterKeys);
        side.getStyleClass().add("sidebar");
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.getStyleClass().add("sidebar-scroll");
        return scroll;
    }

    /** ACER's live parameters (lr, entropy weight, replay ratio, delta, c and the shared gamma). */
    /** Where a choice box keeps its label (for presenter mode's folding). */
    private static final String LABEL = "sidebar.label";

    /**
     * A labelled choice of {@code items} in row {@code row}: shows {@code value}, follows it, and
     * hands the user's pick to {@code onPick}.
     */
    private static ComboBox<String> choice(GridPane grid, int row, String label, String id, List<String> items,
                                           javafx.beans.property.ReadOnlyStringProperty value,
                                           java.util.function.Consumer<String> onPick, String tip) {
        Label l = new Label(label);
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.getItems().setAll(items);
        box.setValue(value.get());
        box.setTooltip(Controls.tip(tip));
        box.setOnAction(e -> onPick.accept(box.getValue()));
        value.addListener((obs, old, v) -> box.setValue(v));
        l.setLabelFor(box);
        l.setMinWidth(Region.USE_PREF_SIZE); // the longest labels: widen their column, never cut them
        box.getProperties().put(LABEL, l);
        grid.add(l, 0, row);
        grid.add(box, 1, row, 2, 1);
        return box;
    }

    private GridPane acerGrid() {
        GridPane grid = new GridPane();
        grid.getStyleClass().add("parameter-grid");
        grid.setId("acerParameters");
        int row = 0;
        ParameterControl[] acer = {
            add(grid, row++, new ParameterControl(model, Parameter.LR, "acerLr", "lr",
                    "lr: the step size of ACER's one network (its policy and Q heads).", 1e-6, 1e-1, true)),
            add(grid, row++, new ParameterControl(model, Parameter.ENTROPY_WEIGHT, "entropyWeight", "entropy",
                    "entropy weight: how much the policy is paid for staying spread over the N actions; larger "
                            + "explores longer.", 1e-6, 1e-1, true)),
            add(grid, row++, new ParameterControl(model, Parameter.REPLAY_RATIO, "replayRatio", "replay ratio",
                    "replay ratio: how many stored trajectories are replayed, on average, after each on-policy update.",
                    0, 16, false)),
            add(grid, row++, new ParameterControl(model, Parameter.DELTA, "delta", "delta",
                    "delta: the trust region's bound on how far one update may move the policy from the average "
                            + "policy; smaller is more cautious.", 1e-2, 10, true)),
            add(grid, row++, new ParameterControl(model, Parameter.C, "retraceC", "c",
                    "c: the truncation of the importance weights in Retrace and the policy gradient; smaller trusts "
                            + "replayed, off-policy steps less.", 0.1, 10, true)),
            add(grid, row++, new ParameterControl(model, Parameter.GAMMA, "acerGamma", "gamma",
                    "gamma: how much future reward counts compared with reward now (0.99 looks about 100 steps ahead).",
                    0.8, 0.999, false)),
        };
        for (ParameterControl c : acer) {
            if (c.parameter() != Parameter.LR && c.parameter() != Parameter.ENTROPY_WEIGHT) {
                presenter.fold(c.label(), c.slider(), c.field());
            }
        }
        return grid;
    }

    private ParameterControl add(GridPane grid, int row, ParameterControl c) {
        grid.add(c.label(), 0, row);
        grid.add(c.slider(), 1, row);
        grid.add(c.field(), 2, row);
        GridPane.setHgrow(c.slider(), Priority.ALWAYS);
        controls.add(c);
        return c;
    }

}

package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.Controls.button;
import static lab.wolpertinger.ui.Controls.tip;

import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToolBar;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.RunStatus;
import org.controlsfx.control.NotificationPane;

/**
 * The lab window: tool bar (preset, env and N, run controls, speed, theme), the environment,
 * the learning curves, the action-space view and the diagnostics, live parameter sliders, and a status bar.
 * An {@link AnimationTimer} calls {@link LabModel#pulse} once per frame; the views listen.
 */
public final class LabWindow {
    private final LabModel model;
    private final Stage stage;
    private final Scene scene;
    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private final EnvView envView = new EnvView();
    private final ActionSpaceView actionView = new ActionSpaceView();
    private final EmbeddingView embeddingView = new EmbeddingView();
    private final CurvesView curvesView = new CurvesView();
    private final DiagnosticsView diagnosticsView = new DiagnosticsView();
    private final NotificationPane notifications;
    private final PauseTransition hideNotification = new PauseTransition(Duration.seconds(7));
    private final AnimationTimer timer;
    private final SnapshotControls snapshots;
    private final TabPane tabs;
    private final SweepView sweepView;
    private final PresenterMode presenter = new PresenterMode();
    private final StepThrough stepThrough;
    private Predicate<String> confirm = LabWindow::askUser;
    private final Sidebar sidebar;
    private ComboBox<String> presetChoice;
    private ChoiceBox<String> envChoice;
    private TextField nField;
    private boolean syncing;

    /** Builds the window's scene on {@code stage} (FX thread); call {@link Stage#show()} after. */
    public LabWindow(LabModel model, Stage stage) {
        this.model = model;
        this.stage = stage;
        this.snapshots = new SnapshotControls(model, stage, this::refreshPresets);
        this.stepThrough = new StepThrough(model, actionView, embeddingView, envView);
        model.setConfirmation(question -> confirm.test(question));

        BorderPane content = new BorderPane();
        content.setCenter(views());
        RunsPanel runs = new RunsPanel(model, curvesView, () -> theme.get().palette());
        TitledPane diagnostics = new TitledPane("Diagnostics", diagnosticsView);
        diagnostics.setCollapsible(false);
        sidebar = new Sidebar(model, presenter, actionView, List.of(diagnostics, runs.node()), this::exportPng,
                this::exportCsv);
        content.setLeft(sidebar.node());
        Tab labTab = new Tab("Lab", content);
        labTab.setId("labTab");
        tabs = new TabPane();
        sweepView = new SweepView(() -> model.configProperty().get(), file -> {
            model.loadSnapshot(file); // validated off the FX thread; a bad file is a message
            tabs.getSelectionModel().select(labTab);
        });
        Tab sweepTab = new Tab("Sweep", sweepView);
        sweepTab.setId("sweepTab");
        tabs.getTabs().setAll(labTab, sweepTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("tabs");
        notifications = new NotificationPane(tabs);
        notifications.setId("notifications");
        notifications.setShowFromTop(true);
        hideNotification.setOnFinished(e -> notifications.hide());

        VBox top = new VBox(menuBar(), toolBar());
        BorderPane root = new BorderPane(notifications);
        root.setTop(top);
        root.setBottom(StatusBar.of(model));
        root.getStyleClass().add("lab-root");
        presenter.attach(root);

        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        scene = new Scene(root, Math.min(1440, screen.getWidth()), Math.min(900, screen.getHeight()));
        applyTheme(theme.get());
        theme.addListener((obs, a, t) -> applyTheme(t));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::shortcut);
        snapshots.acceptDrops(scene, root);

        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> "Wolpertinger Lab — " + model.presetNameProperty().get() + " — " + model.envIdProperty().get(),
                model.presetNameProperty(), model.envIdProperty()));
        stage.setMinWidth(900);
        stage.setMinHeight(600);

        wireModel();
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                model.pulse(now);
            }
        };
        timer.start();
        stage.setOnHidden(e -> close());
    }

    /** Replaces the "discard the current agent?" question (tests answer it without a dialog). */
    public void setConfirmation(Predicate<String> question) {
        this.confirm = question;
    }

    /** The theme property (light or dark). */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    /** Presenter mode on or off (View → Presenter mode, {@code lab --presenter}). */
    public javafx.beans.property.BooleanProperty presenterProperty() {
        return presenter.onProperty();
    }

    /** The env view (tests). */
    EnvView envViewForTest() {
        return envView;
    }

    /** The presenter's step-through of one action selection. */
    StepThrough stepThrough() {
        return stepThrough;
    }

    /** The Sweep tab's view. */
    public SweepView sweepView() {
        return sweepView;
    }

    /** The tabs: Lab (the live run) and Sweep. */
    public TabPane tabs() {
        return tabs;
    }

    /** The scene. */
    public Scene scene() {
        return scene;
    }

    /** Stops the animation and the training thread. Idempotent. */
    public void close() {
        timer.stop();
        sweepView.close();
        model.close();
    }

    // ------------------------------------------------------------------ layout

    private Node views() {
        Label envCaption = presenter.caption(PresenterMode.firstSentence(Presets.description(model.presetNameProperty().get())));
        model.presetNameProperty().addListener((obs, a, name) ->
                envCaption.setText(PresenterMode.firstSentence(Presets.description(name))));
        SplitPane upper = new SplitPane(titled("Environment", envView, envCaption),
                titled("Learning curves", curvesView, presenter.caption("Return per episode (line: mean of 10; "
                        + "diamonds: greedy runs), the critic's loss, the actor's objective, steps per second.")));
        upper.setDividerPositions(0.36);
        // d = 1: the action axis; d >= 2: the embedding plane (one of the two is visible).
        embeddingView.setVisible(false);
        StackPane step = new StackPane(actionView, embeddingView);
        Node stepBox = titled("Wolpertinger step: proto-action → k nearest → critic picks",
                step, presenter.caption("The actor proposes, the k nearest are looked up, the critic picks the best "
                        + "(→ steps through)."), stepThrough.caption());
        Label stepTitle = (Label) ((VBox) stepBox).getChildren().get(0);
        stepTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            WolpertingerConfig c = model.configProperty().get();
            return c != null && Agent.ACER.equals(c.agent()) ? "ACER step: the policy π scores all N actions, one is sampled"
                    : "Wolpertinger step: proto-action → k nearest → critic picks";
        }, model.configProperty()));
        SplitPane all = new SplitPane(upper, stepBox);
        all.setOrientation(Orientation.VERTICAL);
        all.setDividerPositions(0.56);
        // presenting, the captions and larger fonts need room; the Wolpertinger step gets the most
        presenter.onProperty().addListener((obs, a, on) -> all.setDividerPositions(on ? 0.46 : 0.56));
        all.setId("viewsSplit");
        return all;
    }

    /** A panel: its title, then {@code notes} (captions, shown when they are visible), then the view. */
    private static Node titled(String title, Region view, Node... notes) {
        Label header = new Label(title);
        header.getStyleClass().add("view-title");
        VBox box = new VBox(header);
        box.getChildren().addAll(notes);
        box.getChildren().add(view);
        VBox.setVgrow(view, Priority.ALWAYS);
        box.getStyleClass().add("view-box");
        return box;
    }

    private MenuBar menuBar() {
        MenuItem open = new MenuItem("Open preset file…");
        open.setAccelerator(KeyCombination.keyCombination("Shortcut+O"));
        open.setOnAction(e -> openPresetFile());
        MenuItem png = new MenuItem("Export curves as PNG…");
        png.setId("exportPngMenu");
        png.setOnAction(e -> exportPng());
        MenuItem csv = new MenuItem("Export metrics as CSV…");
        csv.setOnAction(e -> exportCsv());
        MenuItem quit = new MenuItem("Quit");
        quit.setAccelerator(KeyCombination.keyCombination("Shortcut+Q"));
        quit.setOnAction(e -> stage.close());
        Menu file = new Menu("File", null, open, new SeparatorMenuItem());
        file.getItems().addAll(snapshots.menuItems());
        file.getItems().addAll(png, csv, new SeparatorMenuItem(), quit);

        MenuItem startPause = new MenuItem("Start / Pause\t(Space)");
        startPause.setOnAction(e -> model.toggleRun());
        MenuItem step = new MenuItem("Step once\t(S or →)");
        step.setOnAction(e -> model.stepOnce());
        MenuItem reset = new MenuItem("Reset: new agent\t(R)");
        reset.setOnAction(e -> model.reset());
        MenuItem eval = new MenuItem("Evaluate greedily\t(E)");
        eval.setOnAction(e -> model.evaluate());
        CheckMenuItem realTime = new CheckMenuItem("Real time\t(T)");
        realTime.selectedProperty().addListener((obs, a, on) -> model.setRealTime(on));
        model.realTimeProperty().addListener((obs, a, on) -> realTime.setSelected(on));
        MenuItem through = new MenuItem("Step through one selection\t(→ in presenter mode)");
        through.setId("stepThroughMenu");
        through.setOnAction(e -> stepThrough.advance());
        Menu run = new Menu("Run", null, startPause, step, through, reset, eval, new SeparatorMenuItem(), realTime);

        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.selectedProperty().addListener((obs, a, on) -> theme.set(on ? Theme.DARK : Theme.LIGHT));
        theme.addListener((obs, a, t) -> dark.setSelected(t == Theme.DARK));
        MenuItem follow = new MenuItem("Zoom to neighbourhood");
        follow.setOnAction(e -> actionView.followProperty().set(true));
        MenuItem all = new MenuItem("Whole action axis");
        all.setOnAction(e -> actionView.showAll());
        CheckMenuItem present = new CheckMenuItem("Presenter mode");
        present.setId("presenterMenu");
        present.selectedProperty().bindBidirectional(presenter.onProperty());
        Menu view = new Menu("View", null, present, dark, new SeparatorMenuItem(), follow, all);
        MenuBar bar = new MenuBar(file, run, view);
        bar.setId("menuBar");
        return bar;
    }

    private ToolBar toolBar() {
        presetChoice = new ComboBox<>();
        presetChoice.setId("presetChoice");
        presetChoice.getItems().setAll(Presets.names());
        presetChoice.setValue(model.presetNameProperty().get());
        presetChoice.setTooltip(tip(presetTip(presetChoice.getValue())));
        presetChoice.valueProperty().addListener((obs, old, name) -> presetChoice.getTooltip().setText(presetTip(name)));
        presetChoice.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                setText(empty ? null : name);
                setTooltip(empty ? null : tip(presetTip(name)));
            }
        });
        presetChoice.setOnAction(e -> {
            String name = presetChoice.getValue();
            if (syncing || name == null || name.equals(model.presetNameProperty().get())) {
                return;
            }
            if (confirmDiscard("load preset " + name)) {
                model.loadPreset(name);
            }
            syncPresetChoice();
        });

        envChoice = new ChoiceBox<>();
        envChoice.setId("envChoice");
        envChoice.getItems().setAll(Envs.ids());
        envChoice.setValue(model.envIdProperty().get());
        envChoice.setTooltip(tip("The task: Pendulum-v1 (swing up a pendulum with a torque), CartPole-v1 (balance a pole by pushing a cart) or Catalog-v0 (recommend items from a catalog of N embedded items)."));
        nField = new TextField();
        nField.setId("nField");
        nField.setPrefColumnCount(8);
        nField.setTooltip(tip("N, the number of discrete actions: the torque cut into N (Pendulum), the catalog's items (Catalog-v0, up to 1,000,000); CartPole always has 2."));
        envChoice.valueProperty().addListener((obs, a, env) -> nField.setDisable("CartPole-v1".equals(env)));
        Button applyEnv = button("New agent", "applyEnvButton", e -> applyEnv(),
                "Build a fresh agent for the chosen env and N (asks first if the current one has trained).");
        nField.setOnAction(e -> applyEnv());

        Button start = new Button("Start");
        start.setId("startButton");
        start.getStyleClass().add("accent");
        start.textProperty().bind(Bindings.createStringBinding(() -> {
            RunStatus s = model.statusProperty().get();
            return s == RunStatus.TRAINING || s == RunStatus.EVALUATING ? "Pause" : "Start";
        }, model.statusProperty()));
        start.setTooltip(tip("Start or pause training on the background thread (Space)."));
        start.setOnAction(e -> model.toggleRun());
        Button step = button("Step", "stepButton", e -> model.stepOnce(),
                "While paused: take exactly one training step and show it (S or Right arrow).");
        step.disableProperty().bind(Bindings.createBooleanBinding(
                () -> model.statusProperty().get() == RunStatus.TRAINING, model.statusProperty()));
        Button reset = button("Reset", "resetButton", e -> model.reset(),
                "Throw the agent away and start a fresh one with the current settings (R).");
        Button eval = button("Evaluate", "evaluateButton", e -> model.evaluate(),
                "Watch " + LabModel.EVALUATION_EPISODES
                + " greedy episodes in real time: no noise, no learning, the critic's best neighbour every step (E).");

        ToggleButton speed = new ToggleButton("Real time");
        speed.setId("speedToggle");
        speed.setTooltip(tip("On: one step per env time step (Pendulum 0.05 s) so you can watch; off: as fast as it trains (T)."));
        speed.selectedProperty().addListener((obs, a, on) -> model.setRealTime(on));
        model.realTimeProperty().addListener((obs, a, on) -> speed.setSelected(on));
        ToggleButton dark = new ToggleButton("Dark");
        dark.setId("themeToggle");
        dark.setTooltip(tip("Switch between the light and the dark theme."));
        dark.selectedProperty().addListener((obs, a, on) -> theme.set(on ? Theme.DARK : Theme.LIGHT));
        theme.addListener((obs, a, t) -> dark.setSelected(t == Theme.DARK));

        Region spring = new Region();
        HBox.setHgrow(spring, Priority.ALWAYS);
        ToolBar bar = new ToolBar(new Label("Preset"), presetChoice, sep(), new Label("Env"), envChoice,
                new Label("N"), nField, applyEnv, sep(), start, step, reset, eval, sep(), speed);
        bar.getItems().addAll(snapshots.toolButtons());
        bar.getItems().addAll(spring, dark);
        bar.setId("toolBar");
        return bar;
    }

    private static Node sep() {
        Region r = new Region();
        r.getStyleClass().add("tool-gap");
        return r;
    }

    /** A preset's description, then what choosing one does. */
    private static String presetTip(String name) {
        String d = name == null ? "" : Presets.description(name);
        return (d.isEmpty() ? "A named set of hyperparameters from presets/." : d) + " Choosing one builds a fresh agent.";
    }

    // ------------------------------------------------------------------ model wiring

    private void wireModel() {
        envView.paletteProperty().bind(Bindings.createObjectBinding(() -> theme.get().palette(), theme));
        actionView.paletteProperty().bind(Bindings.createObjectBinding(() -> theme.get().palette(), theme));
        embeddingView.paletteProperty().bind(Bindings.createObjectBinding(() -> theme.get().palette(), theme));
        curvesView.paletteProperty().bind(Bindings.createObjectBinding(() -> theme.get().palette(), theme));
        sweepView.themeProperty().bind(theme);
        curvesView.setCurves(model.curves());
        diagnosticsView.paletteProperty().bind(Bindings.createObjectBinding(() -> theme.get().palette(), theme));
        model.frameProperty().addListener((obs, a, f) -> {
            envView.show(stepThrough.onFrame(f));
            diagnosticsView.show(f);
            if (embeddingView.isVisible()) {
                embeddingView.show(f);
            } else {
                actionView.show(f);
            }
        });
        model.embeddingLayoutProperty().addListener((obs, a, l) -> embeddingView.setLayout(l));
        model.curvesRevisionProperty().addListener((obs, a, b) -> curvesView.invalidate());
        model.actionsProperty().addListener((obs, a, set) -> {
            boolean plane = set != null && set.dim() >= 2;
            embeddingView.setVisible(plane);
            actionView.setVisible(!plane);
            sidebar.lineOnlyControls().forEach(c -> c.setDisable(plane));
            actionView.setActions(plane ? null : set);
            embeddingView.setActions(plane ? set : null);
            if (set != null) {
                sidebar.kRatioControl().setRange(Math.min(1.0 / set.size(), 1e-5), 1);
            }
        });
        model.configProperty().addListener((obs, a, c) -> {
            syncing = true;
            envChoice.setValue(c.env());
            nField.setText(Integer.toString(c.maxActions()));
            syncing = false;
        });
        nField.setText(Integer.toString(model.configProperty().get().maxActions()));
        model.presetNameProperty().addListener((obs, a, b) -> syncPresetChoice());
        model.messageSerialProperty().addListener((obs, a, b) -> {
            notifications.setText(model.messageProperty().get());
            notifications.show();
            hideNotification.playFromStart();
        });
    }

    private void syncPresetChoice() {
        syncing = true;
        String name = model.presetNameProperty().get();
        if (!presetChoice.getItems().contains(name)) {
            presetChoice.getItems().add(name);
        }
        presetChoice.setValue(name);
        syncing = false;
    }

    private void applyTheme(Theme t) {
        scene.getStylesheets().setAll(t.stylesheetUrls());
    }

    // ------------------------------------------------------------------ actions

    private void shortcut(KeyEvent e) {
        Node focus = scene.getFocusOwner();
        if (focus instanceof TextInputControl || e.isShortcutDown() || e.isAltDown()) {
            return;
        }
        KeyCode code = e.getCode();
        boolean stepping = presenter.onProperty().get() || stepThrough.stageProperty().get() != null;
        if (code == KeyCode.SPACE) {
            model.toggleRun();
        } else if (stepping && code == KeyCode.RIGHT && !(focus instanceof Slider)) {
            stepThrough.advance();
        } else if (stepping && code == KeyCode.LEFT && !(focus instanceof Slider)) {
            stepThrough.back();
        } else if (code == KeyCode.ESCAPE && stepThrough.stageProperty().get() != null) {
            stepThrough.stop();
        } else if (code == KeyCode.S || code == KeyCode.RIGHT && !(focus instanceof Slider)) {
            model.stepOnce();
        } else if (code == KeyCode.R) {
            model.reset();
        } else if (code == KeyCode.E) {
            model.evaluate();
        } else if (code == KeyCode.T) {
            model.setRealTime(!model.realTimeProperty().get());
        } else {
            return;
        }
        e.consume();
    }

    private void applyEnv() {
        String env = envChoice.getValue();
        int n;
        if ("CartPole-v1".equals(env)) {
            n = 2;
        } else {
            try {
                n = Integer.parseInt(nField.getText().trim().replace(",", "").replace("_", ""));
            } catch (NumberFormatException ex) {
                model.showMessage("N: '" + nField.getText() + "' is not a whole number (e.g. 200000)");
                return;
            }
        }
        if (confirmDiscard("build a new agent for " + env + " with N = " + n)) {
            model.changeEnv(env, n);
        }
    }

    private boolean confirmDiscard(String what) {
        return model.confirmDiscard(what);
    }

    /** Offers a preset just saved into presets/ in the picker. */
    private void refreshPresets() {
        syncing = true;
        presetChoice.getItems().setAll(Presets.names());
        syncing = false;
        syncPresetChoice();
    }

    private static boolean askUser(String text) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, text + "\nContinue?", ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText("Discard the current agent?");
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.isPresent() && answer.get() == ButtonType.OK;
    }

    private void openPresetFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open preset");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Preset JSON", "*.json"));
        File dir = new File("presets");
        if (dir.isDirectory()) {
            chooser.setInitialDirectory(dir);
        }
        File f = chooser.showOpenDialog(stage);
        if (f != null && confirmDiscard("load preset " + f.getName())) {
            model.loadPreset(f.getPath());
        }
    }

    /** Saves the learning curves as a PNG image (a snapshot of the curves canvas). */
    public void exportPng(File file) throws IOException {
        WritableImage image = curvesView.snapshot(null, null);
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file)) {
            throw new IOException("no PNG writer available");
        }
    }

    private void exportPng() {
        File f = chooseSaveFile("Export curves", "curves.png", "PNG image", "*.png");
        if (f != null) {
            try {
                exportPng(f);
                model.showMessage("Saved the curves to " + f);
            } catch (IOException | RuntimeException ex) {
                model.showMessage("cannot write " + f + ": " + ex.getMessage());
            }
        }
    }

    private void exportCsv() {
        File f = chooseSaveFile("Export metrics", "metrics.csv", "CSV", "*.csv");
        if (f != null) {
            try {
                model.exportCsv(f.toPath());
                model.showMessage("Saved " + model.records().size() + " episodes to " + f);
            } catch (IOException | RuntimeException ex) {
                model.showMessage("cannot write " + f + ": " + ex.getMessage());
            }
        }
    }

    private File chooseSaveFile(String title, String name, String kind, String pattern) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        return chooser.showSaveDialog(stage);
    }

    /** The snapshot and preset file controls (tests drop files through {@link SnapshotControls#openFiles}). */
    public SnapshotControls snapshotControls() {
        return snapshots;
    }

    /** The action-space view (tests read its range). */
    public ActionSpaceView actionSpaceView() {
        return actionView;
    }

    /** The embedding-space view (d >= 2; tests). */
    public EmbeddingView embeddingView() {
        return embeddingView;
    }

    /** The frame shown (tests). */
    public Frame shownFrame() {
        return model.frameProperty().get();
    }
}

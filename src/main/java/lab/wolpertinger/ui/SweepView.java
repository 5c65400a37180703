package lab.wolpertinger.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.sweep.Sweep;
import lab.wolpertinger.sweep.SweepPlot;
import lab.wolpertinger.sweep.SweepTrial;

/**
 * The Sweep tab: choose env, N, k ratios, seeds and steps; the sweep runs on its own threads
 * (the engine's {@link Sweep}, one trial per thread) while this view polls its progress once per
 * animation pulse, lists each trial, and redraws the two plots (the same {@link SweepPlot} as the
 * CLI's PNG) whenever a trial finishes. Clicking a point hands that trial's snapshot to
 * {@code openTrial}, which loads it into the main view.
 */
public final class SweepView extends BorderPane {
    private final ChoiceBox<String> env = new ChoiceBox<>();
    private final TextField n = new TextField();
    private final TextField ratios = new TextField("0.0001,0.001,0.01,0.1");
    private final TextField seeds = new TextField("3");
    private final TextField steps = new TextField("20000");
    private final TextField out = new TextField(Path.of("runs", "sweep").toString());
    private final Button run = new Button("Run sweep");
    private final Button cancel = new Button("Cancel");
    private final Label status = new Label("not started");
    private final ListView<String> trials = new ListView<>();
    private final ImageView plot = new ImageView();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final AnimationTimer poll;
    private final java.util.function.Supplier<WolpertingerConfig> currentConfig;
    private final Consumer<Path> openTrial;

    private final ObjectProperty<Theme> theme =
            new SimpleObjectProperty<>(this, "theme", Theme.LIGHT);
    private volatile Sweep sweep;
    private volatile String failure;
    private volatile Sweep.Result result;
    private Path outDir;
    private String title = "k sweep: choose the settings and run";
    private int shownRows = -1;
    private List<SweepTrial> rows = List.of();

    /**
     * @param currentConfig the lab's current settings, the base of a sweep on the same env
     * @param openTrial loads a trial's snapshot into the main view
     */
    public SweepView(java.util.function.Supplier<WolpertingerConfig> currentConfig, Consumer<Path> openTrial) {
        this.currentConfig = currentConfig;
        this.openTrial = openTrial;
        setId("sweepView");
        env.setId("sweepEnv");
        env.getItems().setAll(Envs.ids());
        env.setValue(currentConfig.get().env());
        n.setId("sweepN");
        n.setPrefColumnCount(8);
        n.setText(Integer.toString(currentConfig.get().maxActions()));
        ratios.setId("sweepRatios");
        ratios.setPrefColumnCount(16);
        seeds.setId("sweepSeeds");
        seeds.setPrefColumnCount(3);
        steps.setId("sweepSteps");
        steps.setPrefColumnCount(7);
        out.setId("sweepOut");
        out.setPrefColumnCount(18);
        run.setId("sweepRun");
        run.getStyleClass().add("accent");
        run.setOnAction(e -> start());
        run.disableProperty().bind(running);
        cancel.setId("sweepCancel");
        cancel.setOnAction(e -> {
            Sweep s = sweep;
            if (s != null) {
                s.cancel();
            }
        });
        cancel.disableProperty().bind(running.not());
        Button png = Controls.button("Export PNG…", "sweepExportPng", e -> exportWithChooser("sweep.png", Sweep.PNG),
                "Save the two plots (return and speed against k) as a picture.");
        Button csv = Controls.button("Export CSV…", "sweepExportCsv", e -> exportWithChooser("sweep.csv", Sweep.CSV),
                "Save one row per trial (k ratio, k, seed, return, steps/s, …) for a spreadsheet.");
        ratios.setTooltip(Controls.tip("k ratios to compare, comma separated, each in (0, 1]; k = N × ratio."));
        seeds.setTooltip(Controls.tip("Seeds per k ratio (run seeds s0 .. s0 + seeds − 1); the same seeds at every k."));
        out.setTooltip(Controls.tip("Folder for sweep.csv, sweep.png and the trials' snapshots; an unfinished sweep there resumes."));

        FlowPane form = new FlowPane(8, 6, new Label("Env"), env, new Label("N"), n, new Label("k ratios"), ratios,
                new Label("seeds"), seeds, new Label("steps"), steps, new Label("out"), out, run, cancel, png, csv);
        form.setPadding(new Insets(8));
        status.setId("sweepStatus");
        trials.setId("sweepTrials");
        trials.setPrefWidth(330);
        plot.setId("sweepPlot");
        plot.setPreserveRatio(true);
        plot.setSmooth(true);
        plot.setOnMouseClicked(e -> clickPlot(e.getX(), e.getY()));
        StackPane plotBox = new StackPane(plot);
        plotBox.setMinSize(0, 0);
        plot.fitWidthProperty().bind(plotBox.widthProperty());
        plot.fitHeightProperty().bind(plotBox.heightProperty());
        Label hint = new Label("Click a point to open that trial in the Lab tab.");
        hint.getStyleClass().add("hint");
        VBox right = new VBox(4, plotBox, hint);
        VBox.setVgrow(plotBox, Priority.ALWAYS);
        HBox body = new HBox(8, new VBox(4, status, trials), right);
        VBox.setVgrow(trials, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        body.setPadding(new Insets(0, 8, 8, 8));
        setTop(form);
        setCenter(body);
        theme.addListener((obs, a, b) -> showPlot());
        showPlot();

        poll = new AnimationTimer() {
            @Override
            public void handle(long now) {
                refresh();
            }
        };
        poll.start();
    }

    /** Whether a sweep is running. */
    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The finished trials shown (FX thread). */
    public List<SweepTrial> rows() {
        return rows;
    }

    /** Starts the sweep of the form's settings on a background thread; bad settings show in the status line. */
    public void start() {
        if (running.get()) {
            return;
        }
        try {
            String envId = env.getValue();
            Map<String, Object> overrides = new LinkedHashMap<>();
            overrides.put("maxActions", Integer.parseInt(n.getText().strip()));
            overrides.put("steps", Integer.parseInt(steps.getText().strip()));
            WolpertingerConfig base = envId.equals(currentConfig.get().env())
                    ? Presets.with(currentConfig.get(), overrides)
                    : Presets.with(Presets.load(Presets.defaultFor(envId), Map.of()), overrides);
            List<Double> ks = new ArrayList<>();
            for (String part : ratios.getText().split(",")) {
                ks.add(Double.parseDouble(part.strip()));
            }
            Sweep.Plan plan = new Sweep.Plan(base, ks, Integer.parseInt(seeds.getText().strip()),
                    Math.max(1, base.evalEpisodes()), Sweep.defaultParallelism());
            outDir = Path.of(out.getText().strip());
            title = String.format(Locale.ROOT, "%s, N = %,d: %,d training steps, %d seed%s per k", base.env(),
                    Sweep.actionCount(base), base.steps(), plan.seeds(), plan.seeds() == 1 ? "" : "s");
            Sweep s = new Sweep(outDir, title, null);
            sweep = s;
            failure = null;
            result = null;
            shownRows = -1;
            running.set(true);
            Thread t = new Thread(() -> {
                try {
                    result = s.train(plan, (r, file) -> Snapshots.save(r, file, false));
                } catch (CancellationException e) {
                    failure = "cancelled; run again to resume";
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                }
            }, "sweep");
            t.setDaemon(true);
            t.start();
        } catch (NumberFormatException e) {
            status.setText("not a number: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            status.setText(e.getMessage());
        }
    }

    /** Once per pulse: progress, the trial list, and the plot when a trial has finished. */
    private void refresh() {
        Sweep s = sweep;
        if (s == null) {
            return;
        }
        boolean over = result != null || failure != null; // read first: then progress and rows are final too
        Sweep.Progress p = s.progress();
        List<SweepTrial> finished = s.finishedRows();
        if (finished.size() != shownRows) {
            shownRows = finished.size();
            rows = finished;
            showPlot();
        }
        List<String> lines = new ArrayList<>();
        for (Sweep.TrialProgress tp : p.running()) {
            lines.add(String.format(Locale.ROOT, "▶ k=%,d seed %d   %3.0f%%  (%,d / %,d steps)", tp.trial().k(),
                    tp.trial().seed(), 100.0 * tp.work() / tp.trial().work(), tp.work(), tp.trial().work()));
        }
        for (SweepTrial r : rows) {
            lines.add(r.diverged() ? String.format(Locale.ROOT, "✗ k=%,d seed %d   diverged at step %,d", r.k(), r.seed(),
                    r.steps()) : String.format(Locale.ROOT, "✓ k=%,d seed %d   return %.1f   %.0f steps/s", r.k(), r.seed(),
                    r.evalMeanReturn(), r.trainStepsPerS()));
        }
        if (!lines.equals(trials.getItems())) {
            trials.getItems().setAll(lines);
        }
        String text = String.format(Locale.ROOT, "%d / %d trials done, %s", p.done(), p.total(),
                over ? (failure != null ? failure : "finished") : Double.isNaN(p.etaS()) ? "running"
                        : String.format(Locale.ROOT, "about %.0f s left", p.etaS()));
        status.setText(text);
        if (over && running.get()) {
            running.set(false);
        }
    }

    /** The theme the plot is drawn in (the window binds it to its own). */
    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    private void showPlot() {
        plot.setImage(SwingFXUtils.toFXImage(SweepPlot.render(rows, title, theme.get().plotScheme()), null));
    }

    /** Opens the trial whose dot is nearest to a click at view coordinates (x, y), if within 12 image pixels. */
    private void clickPlot(double x, double y) {
        if (plot.getImage() == null || rows.isEmpty() || outDir == null) {
            return;
        }
        double scale = Math.min(plot.getFitWidth() / SweepPlot.WIDTH, plot.getFitHeight() / SweepPlot.HEIGHT);
        double ix = x / scale;
        double iy = y / scale;
        SweepPlot.Point best = null;
        double bestD = 12;
        for (SweepPlot.Point pt : SweepPlot.points(rows)) {
            double d = Math.hypot(pt.x() - ix, pt.y() - iy);
            if (d <= bestD) {
                bestD = d;
                best = pt;
            }
        }
        if (best != null) {
            openTrial(best.trial());
        }
    }

    /** Loads {@code trial}'s snapshot into the main view. */
    public void openTrial(SweepTrial trial) {
        openTrial.accept(outDir.resolve(Sweep.TRIALS).resolve(trial.fileStem() + ".wolp"));
    }

    /** Copies the sweep's PNG or CSV ({@code which}: {@link Sweep#PNG} or {@link Sweep#CSV}) to {@code file}. */
    public void export(String which, Path file) throws IOException {
        if (outDir == null || !Files.isRegularFile(outDir.resolve(which))) {
            throw new IOException("no sweep has written " + which + " yet");
        }
        Files.copy(outDir.resolve(which), file, StandardCopyOption.REPLACE_EXISTING);
    }

    private void exportWithChooser(String suggested, String which) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setInitialFileName(suggested);
        java.io.File f = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (f != null) {
            try {
                export(which, f.toPath());
                status.setText("exported " + f);
            } catch (IOException e) {
                status.setText("cannot export: " + e.getMessage());
            }
        }
    }

    /** Stops polling and cancels a running sweep (window closing). */
    public void close() {
        poll.stop();
        Sweep s = sweep;
        if (s != null) {
            s.cancel();
        }
    }

    /** The form fields, for tests: env, N, k ratios, seeds, steps, out. */
    void fill(String envId, int actions, String kRatios, int seedCount, int stepCount, Path dir) {
        env.setValue(envId);
        n.setText(Integer.toString(actions));
        ratios.setText(kRatios);
        seeds.setText(Integer.toString(seedCount));
        steps.setText(Integer.toString(stepCount));
        out.setText(dir.toString());
    }
}

package lab.wolpertinger.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.prefs.Preferences;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.snapshot.Manifest;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.Parameter;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.RunCommand;
import lab.wolpertinger.train.RunController;
import lab.wolpertinger.train.RunEvent;
import lab.wolpertinger.train.RunStatus;
import lab.wolpertinger.train.RunWriter;

/**
 * The lab's presentation model (FX thread only): read-only properties that views listen to and
 * command methods that the controls call. It owns the {@link RunController}; once per animation
 * pulse {@link #pulse} takes the latest frame and drains the queued events, so the UI never
 * waits for training and training never waits for the UI.
 *
 * <p>Snapshots: {@link #saveSnapshot} is a command the training thread carries out between
 * steps; {@link #loadSnapshot} reads and validates the file on a background thread, asks
 * (through {@link #setConfirmation}) before switching to another env or N, and only then swaps
 * the run in. A bad file only shows a message; the running session is never touched.
 */
public final class LabModel implements AutoCloseable {
    /** Greedy episodes per Evaluate click. */
    public static final int EVALUATION_EPISODES = 3;
    /** Largest N the lab accepts (the action-space view walks all N when it rescales). */
    public static final int MAX_N = 10_000_000;
    private static final int MAX_RECORDS = 200_000;

    private final RunController controller;
    private final ReadOnlyObjectWrapper<Frame> frame = new ReadOnlyObjectWrapper<>(this, "frame");
    private final ReadOnlyObjectWrapper<RunStatus> status = new ReadOnlyObjectWrapper<>(this, "status", RunStatus.IDLE);
    private final ReadOnlyBooleanWrapper ready = new ReadOnlyBooleanWrapper(this, "ready");
    private WolpertingerConfig runningConfig;   // the agent the training thread has (null before the first)
    private String runningPresetName;
    private final ReadOnlyLongWrapper step = new ReadOnlyLongWrapper(this, "step");
    private final ReadOnlyIntegerWrapper episode = new ReadOnlyIntegerWrapper(this, "episode");
    private final ReadOnlyDoubleWrapper lastReturn = new ReadOnlyDoubleWrapper(this, "lastReturn", Double.NaN);
    private final ReadOnlyDoubleWrapper stepsPerSecond = new ReadOnlyDoubleWrapper(this, "stepsPerSecond");
    private final ReadOnlyIntegerWrapper k = new ReadOnlyIntegerWrapper(this, "k");
    private final ReadOnlyIntegerWrapper n = new ReadOnlyIntegerWrapper(this, "n");
    private final ReadOnlyStringWrapper envId = new ReadOnlyStringWrapper(this, "envId", "");
    private final ReadOnlyStringWrapper presetName = new ReadOnlyStringWrapper(this, "presetName", "");
    private final ReadOnlyObjectWrapper<ActionSet> actions = new ReadOnlyObjectWrapper<>(this, "actions");
    private final ReadOnlyObjectWrapper<WolpertingerConfig> config = new ReadOnlyObjectWrapper<>(this, "config");
    private final ReadOnlyBooleanWrapper realTime = new ReadOnlyBooleanWrapper(this, "realTime");
    private final FrameRate frameRate = new FrameRate();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyIntegerWrapper messageSerial = new ReadOnlyIntegerWrapper(this, "messageSerial");
    private final ReadOnlyIntegerWrapper curvesRevision = new ReadOnlyIntegerWrapper(this, "curvesRevision");
    private final LiveSettings live;
    private final LearningCurves curves = new LearningCurves();
    private final RunList runs = new RunList();
    private final ArrayDeque<EpisodeRecord> records = new ArrayDeque<>();
    private final Preferences prefs;
    private final RecentSnapshots recent;
    private final ObservableList<Path> recentSnapshots = FXCollections.observableArrayList();
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recentSnapshots);
    private final ReadOnlyBooleanWrapper includeReplay = new ReadOnlyBooleanWrapper(this, "includeReplay", true);
    private final LabFiles files = new LabFiles(this);
    private final EmbeddingLayouter layouter = new EmbeddingLayouter(this);
    private Predicate<String> confirmation = question -> true;
    private RunWriter writer = Snapshots::save;
    private boolean closed;
    private long runId;

    /** Starts the training thread with {@code initial} (idle until {@link #start()}); the app's preferences. */
    public LabModel(WolpertingerConfig initial, String presetName) {
        this(initial, presetName, RecentSnapshots.appNode());
    }

    /**
     * Like {@link #LabModel(WolpertingerConfig, String)}, keeping the recent snapshots and the
     * replay option under {@code prefs} (tests pass a scratch node).
     */
    public LabModel(WolpertingerConfig initial, String presetName, Preferences prefs) {
        this.prefs = prefs;
        this.recent = new RecentSnapshots(prefs);
        this.recentSnapshots.setAll(recent.list());
        this.includeReplay.set(prefs.getBoolean("includeReplay", true));
        this.live = new LiveSettings(this, initial);
        this.presetName.set(presetName);
        this.config.set(initial);
        this.envId.set(initial.env());
        this.controller = new RunController(initial, false);
    }

    // ------------------------------------------------------------ pulse

    /** Called once per animation pulse: takes the latest frame, drains events, updates properties. */
    public void pulse(long nowNanos) {
        Frame f = controller.takeFrame(); // before the events: a frame's Started event is then always drained
        boolean curvesChanged = false;
        List<RunEvent> drained = new ArrayList<>();
        controller.drainEvents(drained::add);
        for (RunEvent e : drained) {
            curvesChanged |= handle(e);
        }
        if (f != null && f.runId() == runId) {
            frame.set(f);
            live.searchInFrame(f.search());
            status.set(f.status());
            step.set(f.step());
            episode.set(f.episode());
            lastReturn.set(f.lastReturn());
            stepsPerSecond.set(f.stepsPerSecond());
            k.set(f.k());
        }
        if (curvesChanged) {
            curvesRevision.set(curvesRevision.get() + 1);
        }
        frameRate.pulse(nowNanos);
    }

    private void addEpisode(EpisodeRecord r) {
        curves.addEpisode(r);
        records.addLast(r);
        if (records.size() > MAX_RECORDS) {
            records.removeFirst();
        }
    }

    private boolean handle(RunEvent e) {
        if (e instanceof RunEvent.Started s) {
            runId = s.runId();
            config.set(s.config());
            actions.set(s.actions());
            ActionSet set = s.actions();
            layouter.layOut(set, () -> !closed && actions.get() == set, this::showMessage);
            n.set(s.actions().size());
            envId.set(s.config().env());
            live.reset(s.config());
            curves.clear();
            records.clear();
            runs.started(s.runId(), "run " + s.runId() + ": " + presetName.get());
            for (EpisodeRecord r : s.history()) { // a loaded snapshot's curves
                addEpisode(r);
                runs.episode(s.runId(), r);
            }
            ready.set(true);
            runningConfig = s.config();
            runningPresetName = presetName.get();
            return true;
        }
        if (e instanceof RunEvent.Episode ep) {
            runs.episode(ep.runId(), ep.record());
        }
        if (branchEvent(e)) {
            return true;
        }
        if (e instanceof RunEvent.Episode ep && ep.runId() == runId) {
            addEpisode(ep.record());
            return true;
        }
        if (e instanceof RunEvent.ParameterChanged pc && pc.runId() == runId) {
            String label = pc.parameter().label() + " " + format(pc.parameter(), pc.value())
                    + (pc.parameter() == Parameter.K_RATIO ? " (k=" + pc.k() + ")" : "");
            LearningCurves.Marker marker = new LearningCurves.Marker(pc.step(), pc.parameter(), label);
            curves.addMarker(marker);
            runs.marker(pc.runId(), marker);
            live.applied(pc.parameter(), pc.value());
            k.set(pc.k());
            return true;
        }
        if (e instanceof RunEvent.Evaluated ev && ev.runId() == runId) {
            curves.addEvaluation(ev.step(), ev.evaluation().meanReturn());
            runs.evaluation(ev.runId(), ev.step(), ev.evaluation().meanReturn());
            showMessage(String.format(Locale.ROOT, "Greedy evaluation after %,d steps: mean return %.1f ± %.1f over %d episode%s",
                    ev.step(), ev.evaluation().meanReturn(), ev.evaluation().stdReturn(), ev.evaluation().episodes(),
                    ev.evaluation().episodes() == 1 ? "" : "s"));
            return true;
        }
        if (e instanceof RunEvent.Restored r && r.runId() == runId) {
            WolpertingerConfig c = config.get();
            live.show(r.live(), c, r.targetMode());
            Path file = Path.of(r.source());
            presetName.set(r.source()); // the title and the picker name where the agent came from
            recentSnapshots.setAll(recent.add(file));
            showMessage(String.format(Locale.ROOT, "Loaded %s: %s, N = %,d, step %,d, episode %d; press Start to train on",
                    file.getFileName(), c.env(), n.get(), r.step(), r.episode()));
            return false;
        }
        if (e instanceof RunEvent.Saved saved && saved.runId() == runId) {
            recentSnapshots.setAll(recent.add(saved.path()));
            showMessage(String.format(Locale.ROOT, "Saved the agent at step %,d%s to %s", saved.step(),
                    saved.includeReplay() ? " with its replay buffer" : "", saved.path()));
            return false;
        }
        if (e instanceof RunEvent.Diverged d && d.runId() == runId) {
            showMessage(d.divergence().message() + ". Paused: Reset or Load a snapshot to recover"
                    + " (or lower the learning rate and Start)");
        }
        if (e instanceof RunEvent.Failed failed) {
            live.refused();
            showMessage(failed.message());
        }
        if (e instanceof RunEvent.SearchChanged sc && sc.runId() == runId) {
            live.searchSwitched(sc.search());
            showMessage(WolpertingerConfig.APPROX.equals(sc.search())
                    ? String.format(Locale.ROOT, "Neighbour search: approximate (nearest k-means cells) from step %,d; "
                            + "switched in %.1f s. Its recall against exact shows under the embedding view.", sc.step(), sc.seconds())
                    : String.format(Locale.ROOT, "Neighbour search: exact from step %,d", sc.step()));
        }
        if (e instanceof RunEvent.BuildFailed failed) {
            showMessage(failed.message());
            if (runningConfig != null) { // the training thread kept the agent it had
                config.set(runningConfig);
                presetName.set(runningPresetName);
                ready.set(true);
            }
        }
        return false;
    }


    /** Branch, focus and drop events (true if the curves on show changed). */
    private boolean branchEvent(RunEvent e) {
        if (e instanceof RunEvent.Branched b) {
            runId = b.runId();
            runs.branched(b.runId(), b.parentId(), String.format(Locale.ROOT, "run %d: %s %s from run %d at step %,d",
                    b.runId(), b.parameter().label(), format(b.parameter(), b.value()), b.parentId(), b.step()));
            live.branched(b.parameter(), b.value());
            k.set(b.k());
            LearningCurves.Marker m = new LearningCurves.Marker(b.step(), b.parameter(),
                    "branch: " + b.parameter().label() + " " + format(b.parameter(), b.value()));
            curves.addMarker(m);
            runs.marker(b.runId(), m);
            showMessage(String.format(Locale.ROOT, "Branched run %d into run %d with %s %s; both train in turn on Start",
                    b.parentId(), b.runId(), b.parameter().label(), format(b.parameter(), b.value())));
            return true;
        }
        if (e instanceof RunEvent.Focused f) {
            runId = f.runId();
            runs.focus(f.runId());
            RunList.Entry entry = runs.get(f.runId());
            if (entry != null) {
                curves.copyFrom(entry.curves());
            }
            config.set(f.config());
            live.show(f.live(), f.config(), f.targetMode());
            k.set(f.k());
            return true;
        }
        if (e instanceof RunEvent.Dropped d) {
            runs.ended(d.runId());
            if (!"removed".equals(d.reason())) {
                showMessage(d.reason());
            }
            return true;
        }
        return false;
    }

    /**
     * Copies the run on show (networks, optimizers, replay, RNG) in memory and continues the copy
     * with {@code p} set to {@code value}; the original trains in turn with it (while paused).
     */
    public void branch(Parameter p, double value) {
        controller.submit(new RunCommand.Branch(p, value, Snapshots::copy));
    }

    /** Shows run {@code id} (one training in turn); the run on show takes its place in the turn. */
    public void focus(long id) {
        controller.submit(new RunCommand.Focus(id));
    }

    /** Removes run {@code id} from the list: its agent stops training in turn, an ended run's curves go. */
    public void removeRun(long id) {
        RunList.Entry e = runs.get(id);
        if (e == null) {
            return;
        }
        if (e.aliveProperty().get()) {
            controller.submit(new RunCommand.Drop(id));
        } else {
            runs.remove(id);
            curvesRevision.set(curvesRevision.get() + 1);
        }
    }

    /** The runs: on show, training in turn, and ended ones kept for their curves. */
    RunList runs() {
        return runs;
    }

    /** A parameter value as the lab shows it (short, locale-independent). */
    public static String format(Parameter p, double v) {
        return switch (p) {
            case BATCH_SIZE -> Long.toString(Math.round(v));
            case GAMMA -> String.format(Locale.ROOT, "%.4f", v);
            case NOISE_SCALE -> String.format(Locale.ROOT, "%.3f", v);
            default -> v >= 0.01 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.2e", v);
        };
    }

    // ------------------------------------------------------------ commands

    /** Starts (or resumes) training. */
    public void start() {
        controller.submit(new RunCommand.Start());
    }

    /** Pauses training (or cancels an evaluation). */
    public void pause() {
        controller.submit(new RunCommand.Pause());
    }

    /** Start when stopped, pause when running. */
    public void toggleRun() {
        RunStatus s = status.get();
        if (s == RunStatus.TRAINING || s == RunStatus.EVALUATING) {
            pause();
        } else {
            start();
        }
    }

    /** One training step (while idle or paused). */
    public void stepOnce() {
        RunStatus s = status.get();
        if (s == RunStatus.TRAINING || s == RunStatus.EVALUATING) {
            showMessage("Step works while paused: press Pause (Space) first");
            return;
        }
        controller.submit(new RunCommand.StepOnce());
    }

    /** Greedy episodes without noise, animated in real time. */
    public void evaluate() {
        controller.submit(new RunCommand.Evaluate(EVALUATION_EPISODES, true));
    }

    /** A new agent with the current settings (including slider changes); the curves start over. */
    public void reset() {
        try {
            submitReset(currentSettings());
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage());
        }
    }

    /**
     * The current settings: the agent's config with the live slider values in it.
     *
     * @throws IllegalArgumentException naming the key if a live value is out of range
     */
    public WolpertingerConfig currentSettings() {
        return Presets.with(config.get(), live.overrides(Agent.ACER.equals(config.get().agent())));
    }

    /** Changes a live parameter; applied by the training thread before its next step. */
    public void setParameter(Parameter p, double value) {
        live.set(p, value);
        controller.submit(new RunCommand.SetParameter(p, value));
    }

    /** Changes the critic-target mode ({@code wolpertinger} or {@code proto}); applied before the next step. */
    public void setTargetMode(String mode) {
        if (live.setTargetMode(mode)) {
            controller.submit(new RunCommand.SetTargetMode(mode));
        }
    }

    /**
     * Switches the neighbour search of acting and of the critic's targets, {@code exact} or
     * {@code approx}; applied before the next step. The first switch to approx builds the cell
     * index (about 1.4 s at N = 100,000 here, 12 s at 1,000,000), during which training waits.
     */
    public void setSearch(String mode) {
        if (!live.requestSearch(mode)) {
            return;
        }
        if (WolpertingerConfig.APPROX.equals(mode)) {
            showMessage(String.format(Locale.ROOT, "Switching to the approximate search: the first switch builds its "
                    + "index over the %,d items, and training waits until it is built", n.get()));
        }
        controller.submit(new RunCommand.SetSearch(mode));
    }

    /** The live neighbour search, {@code exact} or {@code approx}, as the latest frame (or the user's choice) says. */
    public ReadOnlyStringProperty searchProperty() {
        return live.searchProperty();
    }

    /** The live critic-target mode: the agent's config's, or the last {@link #setTargetMode} or loaded snapshot's. */
    public ReadOnlyStringProperty targetModeProperty() {
        return live.targetModeProperty();
    }

    /** Real time (the env's dt per step) or as fast as it trains. */
    public void setRealTime(boolean on) {
        realTime.set(on);
        controller.submit(new RunCommand.SetRealTime(on));
    }

    /**
     * Loads a preset (bundled name, {@code presets/NAME.json} or a file) and builds a fresh agent
     * from it. A bad preset only shows a message; the running session is kept. A {@code .wolp}
     * name (the picker lists a loaded snapshot as the agent's source) loads that snapshot.
     *
     * @return whether the preset was loaded (for a snapshot: whether its loading began)
     */
    public boolean loadPreset(String nameOrFile) {
        if (nameOrFile.toLowerCase(Locale.ROOT).endsWith(".wolp")) {
            loadSnapshot(Path.of(nameOrFile)); // the picker also lists the snapshot the agent came from
            return true;
        }
        try {
            WolpertingerConfig c = Presets.load(nameOrFile, Map.of());
            presetName.set(nameOrFile);
            submitReset(c);
            return true;
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage());
            return false;
        }
    }

    /**
     * A fresh agent for another env and/or N: the env's default preset when the env changes,
     * else the current settings with the new N.
     *
     * @return whether the request was valid
     */
    public boolean changeEnv(String env, int actions) {
        if (!Envs.ids().contains(env)) {
            showMessage(Envs.unknown(env));
            return false;
        }
        if (actions < 1 || actions > MAX_N) {
            showMessage("N must be between 1 and " + String.format(Locale.ROOT, "%,d", MAX_N) + ", got " + actions);
            return false;
        }
        try {
            WolpertingerConfig c = env.equals(config.get().env())
                    ? Presets.with(config.get(), Map.of("maxActions", actions))
                    : Presets.load(Presets.defaultFor(env), Map.of("maxActions", actions));
            if (!env.equals(config.get().env())) {
                presetName.set(Presets.defaultFor(env));
            }
            submitReset(c);
            return true;
        } catch (IllegalArgumentException e) {
            showMessage(e.getMessage());
            return false;
        }
    }

    // ------------------------------------------------------------ files

    /**
     * Saves the agent to {@code file} (".wolp" is added to a name without an extension). The
     * training thread writes it between two steps; a message reports the outcome, and a saved
     * file joins the recent snapshots.
     *
     * @return the file that will be written
     */
    public Path saveSnapshot(Path file) {
        Path target = file;
        String name = file.getFileName().toString();
        if (!name.contains(".")) {
            target = file.resolveSibling(name + ".wolp");
        }
        controller.submit(new RunCommand.SaveSnapshot(target.toAbsolutePath(), includeReplay.get(), writer));
        return target;
    }

    /** Whether snapshots include the replay buffer (exact resume, larger files); remembered. */
    public void setIncludeReplay(boolean on) {
        includeReplay.set(on);
        prefs.putBoolean("includeReplay", on);
    }

    /**
     * Loads a snapshot (see {@link LabFiles}): read and checked off the FX thread, a bad
     * file is a message, another env or N is asked about, then the run is swapped in between steps.
     */
    public void loadSnapshot(Path file) {
        if (!closed) {
            files.load(file);
        }
    }

    /** The question before loading a snapshot for another env or N, or null (see {@link LabFiles#switchQuestion}). */
    String switchQuestion(Manifest manifest, Path file) {
        return files.switchQuestion(manifest, file);
    }

    /** Asks the confirmation (the window's dialog; tests answer directly). */
    boolean confirm(String question) {
        return confirmation.test(question);
    }

    /** Queues a command for the training thread. */
    void submit(RunCommand c) {
        controller.submit(c);
    }

    /**
     * Writes the current settings (the agent's config with the live slider values) as preset
     * JSON to {@code file}, creating its directory.
     *
     * @return whether it was written (a message says so either way)
     */
    public boolean savePreset(Path file) {
        return files.savePreset(file);
    }

    /**
     * Opens a file dropped on the window: a {@code .wolp} snapshot is loaded as by
     * {@link #loadSnapshot}, a {@code .json} preset applied (asking before a trained agent is
     * discarded); anything else only gets a message.
     */
    public void openFile(Path file) {
        files.open(file);
    }

    /** Asks (through the confirmation) before a trained agent is discarded; an untrained one goes without asking. */
    boolean confirmDiscard(String what) {
        if (step.get() == 0) {
            return true;
        }
        return confirmation.test(String.format(Locale.ROOT, "To %s, the current agent (%,d steps trained) is discarded.",
                what, step.get()));
    }

    /** Sets who answers "discard the current agent?" questions (the window's dialog; tests answer directly). */
    public void setConfirmation(Predicate<String> question) {
        this.confirmation = question;
    }

    /** Replaces how snapshots are written (tests fail a save with it); {@code Snapshots::save} by default. */
    void setWriter(RunWriter w) {
        this.writer = w;
    }

    private void submitReset(WolpertingerConfig c) {
        config.set(c);
        ready.set(false);
        controller.submit(new RunCommand.Reset(c));
    }

    /** Writes every recorded episode as {@code metrics.csv} rows (same columns as the CLI). */
    public void exportCsv(Path file) throws IOException {
        files.exportCsv(file);
    }

    /** Shows a one-line message to the user (errors, evaluation results). */
    public void showMessage(String text) {
        message.set(text);
        messageSerial.set(messageSerial.get() + 1);
    }

    /** Whether the user changed {@code p} since the agent was built. */
    public boolean isChanged(Parameter p) {
        return live.isChanged(p);
    }

    /** Stops training and ends the training thread (window closing). */
    @Override
    public void close() {
        closed = true;
        files.close();
        layouter.close();
        controller.close();
    }

    /** Whether the training thread has ended (after {@link #close()}). */
    public boolean isClosed() {
        return controller.isTerminated();
    }

    // ------------------------------------------------------------ read-only state

    /** The learning-curve data (read it; {@link #curvesRevisionProperty()} says when it changed). */
    public LearningCurves curves() {
        return curves;
    }

    /** Recorded episodes, oldest first. */
    public List<EpisodeRecord> records() {
        return Collections.unmodifiableList(new ArrayList<>(records));
    }

    /** Per-second animation frame rates measured so far (the last hour). */
    public List<Double> fpsHistory() {
        return frameRate.history();
    }

    /** The latest frame shown. */
    public ReadOnlyObjectProperty<Frame> frameProperty() {
        return frame.getReadOnlyProperty();
    }

    /** What the training thread is doing. */
    public ReadOnlyObjectProperty<RunStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Whether the current agent is built (false while a reset is pending). */
    public ReadOnlyBooleanProperty readyProperty() {
        return ready.getReadOnlyProperty();
    }

    /** Training env steps. */
    public ReadOnlyLongProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** Finished training episodes. */
    public ReadOnlyIntegerProperty episodeProperty() {
        return episode.getReadOnlyProperty();
    }

    /** Return of the last finished episode (NaN if none). */
    public ReadOnlyDoubleProperty lastReturnProperty() {
        return lastReturn.getReadOnlyProperty();
    }

    /** Recent training throughput. */
    public ReadOnlyDoubleProperty stepsPerSecondProperty() {
        return stepsPerSecond.getReadOnlyProperty();
    }

    /** k as published by the training thread. */
    public ReadOnlyIntegerProperty kProperty() {
        return k.getReadOnlyProperty();
    }

    /** N, the number of discrete actions. */
    public ReadOnlyIntegerProperty nProperty() {
        return n.getReadOnlyProperty();
    }

    /** The env id. */
    public ReadOnlyStringProperty envIdProperty() {
        return envId.getReadOnlyProperty();
    }

    /** The preset the agent came from. */
    public ReadOnlyStringProperty presetNameProperty() {
        return presetName.getReadOnlyProperty();
    }

    /** The action set of the current agent. */
    public ReadOnlyObjectProperty<ActionSet> actionsProperty() {
        return actions.getReadOnlyProperty();
    }

    /** Where the embedding view draws the current action set's items (d >= 2; null while computing, and for d = 1). */
    public ReadOnlyObjectProperty<EmbeddingLayout> embeddingLayoutProperty() {
        return layouter.layoutProperty();
    }

    /** The configuration of the current (or pending) agent. */
    public ReadOnlyObjectProperty<WolpertingerConfig> configProperty() {
        return config.getReadOnlyProperty();
    }

    /** Real-time pacing on. */
    public ReadOnlyBooleanProperty realTimeProperty() {
        return realTime.getReadOnlyProperty();
    }

    /** Animation pulses per second, measured over the last second. */
    public ReadOnlyDoubleProperty framesPerSecondProperty() {
        return frameRate.property();
    }

    /** The last message for the user. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** Increases with every message, so the same text shown twice is noticed. */
    public ReadOnlyIntegerProperty messageSerialProperty() {
        return messageSerial.getReadOnlyProperty();
    }

    /** Increases when the curve data changed (at most once per pulse). */
    public ReadOnlyIntegerProperty curvesRevisionProperty() {
        return curvesRevision.getReadOnlyProperty();
    }

    /** Recently saved or loaded snapshot files that still exist, newest first (read-only). */
    public ObservableList<Path> recentSnapshots() {
        return recentView;
    }

    /** Whether snapshots are saved with the replay buffer. */
    public ReadOnlyBooleanProperty includeReplayProperty() {
        return includeReplay.getReadOnlyProperty();
    }

    /** Forgets recent snapshots that no longer exist (call before showing the list). */
    public void refreshRecentSnapshots() {
        List<Path> now = recent.list();
        if (!now.equals(recentSnapshots)) {
            recentSnapshots.setAll(now);
        }
    }

    /** The value of a live parameter that the agent uses, as the training thread last reported it. */
    public ReadOnlyDoubleProperty appliedProperty(Parameter p) {
        return live.appliedProperty(p);
    }

    /** The value of a live parameter as last set (from the preset or by the user). */
    public ReadOnlyDoubleProperty valueProperty(Parameter p) {
        return live.valueProperty(p);
    }
}

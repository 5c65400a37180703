package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.await;
import static lab.wolpertinger.ui.FxWait.fx;
import static lab.wolpertinger.ui.FxWait.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.prefs.Preferences;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.snapshot.BadSnapshots;
import lab.wolpertinger.snapshot.Snapshot;
import lab.wolpertinger.snapshot.SnapshotException;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.Parameter;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.RunStatus;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Snapshots in the lab window, headless: save while training and load back, the bad-file
 * corpus (each file a message, the session untouched), a snapshot for another env (asks first),
 * recent files, presets and dropped files. File choosers cannot be driven headless, so the tests
 * call the commands the choosers end in ({@link LabModel#saveSnapshot}, {@link LabModel#loadSnapshot})
 * and the drop handler's {@link SnapshotControls#openFiles}.
 */
@ExtendWith(ApplicationExtension.class)
class LabSnapshotsTest {
    /** Bad files from the snapshot tests' corpus that the lab test replays (the rest are chosen below). */
    private static final Set<String> NAMED_CASES = Set.of("empty file", "a directory", "no such file", "not a zip",
            "random bytes", "header claims 4 GB", "header longer than the file", "wrong shape", "dtype F16",
            "NaN weight", "infinite Adam moment", "newer format version", "config out of range",
            "config huge hidden layer", "config huge replay buffer", "unknown env", "action set mismatch",
            "missing weights entry", "missing manifest entry", "missing replay entry", "extra 64 MB entry",
            "weights bomb declaring 4 kB", "manifest bomb declaring 100 bytes");

    @TempDir
    static Path corpusDir;
    private static List<BadSnapshots.Case> corpus;

    @TempDir
    Path dir;

    private Preferences prefs;
    private LabModel model;
    private LabWindow window;
    private final List<String> questions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean answer = new AtomicBoolean(true);

    @BeforeAll
    static void corpus() throws Exception {
        List<BadSnapshots.Case> all = BadSnapshots.generate(corpusDir);
        corpus = new ArrayList<>();
        int truncations = 0;
        int flips = 0;
        for (BadSnapshots.Case c : all) {
            if (c.name().startsWith("truncated at ") && truncations++ % 5 == 0) {
                corpus.add(c); // 9 offsets spread over the file, the empty prefix included
            } else if (c.mayBeBenign() && flips < 6 && rejected(c.path())) {
                corpus.add(c); // only flips the reader rejects: a benign flip is a good snapshot
                flips++;
            } else if (NAMED_CASES.contains(c.name())) {
                corpus.add(c);
            }
        }
        assertEquals(9 + 6 + NAMED_CASES.size(), corpus.size(), "the chosen cases exist in the corpus");
    }

    private static boolean rejected(Path file) {
        try {
            Snapshots.load(file);
            return false;
        } catch (SnapshotException e) {
            return true;
        }
    }

    @Start
    void start(Stage stage) {
        prefs = Preferences.userRoot().node("lab/wolpertinger/test-" + UUID.randomUUID());
        model = new LabModel(LabWindowTest.SMALL, "test-small", prefs);
        window = new LabWindow(model, stage);
        window.setConfirmation(question -> {
            questions.add(question);
            return answer.get();
        });
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) throws Exception {
        robot.interact(() -> window.close());
        prefs.removeNode();
    }

    private void startTraining(FxRobot robot, long steps) {
        await("the agent", () -> model.readyProperty().get());
        robot.clickOn("#startButton");
        await(steps + " steps", () -> model.stepProperty().get() > steps);
    }

    private long runId() {
        return fx(() -> model.frameProperty().get().runId());
    }

    /** Waits for the next message and returns it. */
    private String awaitMessage(FxRobot robot, int serialBefore) {
        await("a message", () -> model.messageSerialProperty().get() > serialBefore);
        return text(robot, "#messageLabel");
    }

    @Test
    void saveWhileTrainingThenLoadBackRestoresCountersLiveValuesAndTheGreedyAction(FxRobot robot) throws Exception {
        startTraining(robot, 60);
        robot.interact(() -> model.setParameter(Parameter.TAU, 0.02));
        int serial = fx(() -> model.messageSerialProperty().get());
        Path file = fx(() -> model.saveSnapshot(dir.resolve("run")));
        assertEquals(dir.resolve("run.wolp"), file, "the extension is added");
        String saved = awaitMessage(robot, serial);
        assertTrue(saved.startsWith("Saved the agent at step ") && saved.contains("with its replay buffer"), saved);
        assertTrue(Files.isRegularFile(file));

        Snapshot snapshot = Snapshots.load(file);
        long steps = snapshot.manifest().run().steps();
        assertTrue(steps > 60, "saved while training, at step " + steps);
        assertEquals("Pendulum-v1", snapshot.manifest().config().env());
        assertEquals(2001, snapshot.manifest().actionSet().n());
        assertEquals(0.02, snapshot.manifest().agent().tau(), "the live slider value is saved");
        TrainingRun saved0 = snapshot.toTrainingRun();
        int greedy = saved0.wolpertinger().act(saved0.observation(), false);

        robot.interact(() -> model.setParameter(Parameter.TAU, 0.05));
        await("training on", () -> model.stepProperty().get() > steps + 40);
        long before = runId();
        robot.interact(() -> model.loadSnapshot(file));
        await("the loaded agent", () -> {
            Frame f = model.frameProperty().get();
            return f.runId() != before && f.hasSelection();
        });
        Frame f = fx(() -> model.frameProperty().get());
        assertEquals(steps, f.step());
        assertEquals(RunStatus.IDLE, f.status());
        assertEquals(greedy, f.chosenAction(), "the greedy action for the saved observation is the saved agent's");
        assertEquals(String.format(Locale.ROOT, "%,d", steps), text(robot, "#stepCounter"));
        assertEquals(Integer.toString(snapshot.manifest().run().episodes()), text(robot, "#episodeCounter"));
        assertEquals("Pendulum-v1", text(robot, "#envLabel"));
        assertEquals("N 2,001", text(robot, "#nLabel"));
        await("the loaded tau on its slider", () -> "0.02000".equals(robot.lookup("#tauField").queryAs(TextField.class).getText()));
        assertTrue(fx(() -> model.isChanged(Parameter.TAU)), "a reset keeps the loaded live value");
        assertTrue(text(robot, "#messageLabel").startsWith("Loaded run.wolp: Pendulum-v1, N = 2,001, step "));
        assertEquals(List.of(file), fx(() -> List.copyOf(model.recentSnapshots())));
        assertTrue(questions.isEmpty(), "same env and N: no question");
        assertEquals(file.toString(), fx(() -> model.presetNameProperty().get()), "the title names the source");

        robot.clickOn("#startButton");
        await("training from the snapshot", () -> model.stepProperty().get() > steps + 10);
    }

    @Test
    void aLoadedSnapshotShowsTheCurvesOfItsEpisodes(FxRobot robot) throws Exception {
        startTraining(robot, 450); // past two 200-step episodes
        Path file = fx(() -> model.saveSnapshot(dir.resolve("curves")));
        await("the save", () -> Files.isRegularFile(file));
        Snapshot snapshot = Snapshots.load(file);
        int episodes = snapshot.manifest().run().episodes();
        assertTrue(episodes >= 2 && snapshot.metrics().size() == episodes, episodes + " / " + snapshot.metrics().size());
        await("more episodes", () -> model.curves().episodes() > episodes + 1);
        long before = runId();
        robot.interact(() -> model.loadSnapshot(file));
        await("the loaded agent", () -> model.frameProperty().get().runId() != before);
        assertEquals(episodes, (int) fx(() -> model.curves().episodes()), "the snapshot's episodes, not the session's");
        Path csv = dir.resolve("loaded.csv");
        robot.interact(() -> {
            try {
                model.exportCsv(csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<String> rows = Files.readAllLines(csv);
        assertEquals(snapshot.metrics().stream().map(lab.wolpertinger.train.EpisodeRecord::toCsv).toList(),
                rows.subList(1, rows.size()), "the exported metrics are the snapshot's rows");
    }

    @Test
    void theToolBarKeepsItsButtonsOutOfTheOverflowAtMonoclesWidth(FxRobot robot) {
        // Monocle's screen is 1280 px wide; a tool-bar button that does not fit moves to the overflow menu.
        for (String id : List.of("#saveSnapshotButton", "#loadSnapshotButton", "#themeToggle", "#startButton")) {
            assertEquals(1, robot.lookup(id).queryAll().size(), id + " is in the tool bar");
        }
        System.out.printf("tool bar: %.0f px wanted, %.0f px wide%n",
                fx(() -> robot.lookup("#toolBar").query().prefWidth(-1)), fx(() -> window.scene().getWidth()));
    }

    @Test
    void everyBadFileShowsWhatIsWrongAndTheSessionKeepsTraining(FxRobot robot) {
        startTraining(robot, 30);
        long run = runId();
        int i = 0;
        for (BadSnapshots.Case c : corpus) {
            long steps = fx(() -> model.stepProperty().get());
            int serial = fx(() -> model.messageSerialProperty().get());
            File file = c.path().toFile();
            if (i++ % 2 == 0) {
                robot.interact(() -> model.loadSnapshot(c.path()));
            } else {
                robot.interact(() -> window.snapshotControls().openFiles(List.of(file))); // as a drop does
            }
            String message = awaitMessage(robot, serial);
            assertTrue(message.startsWith(c.path().toString()), c.name() + ": the message names the file: " + message);
            assertTrue(message.toLowerCase(Locale.ROOT).contains(c.fragment().toLowerCase(Locale.ROOT)),
                    c.name() + ": the message says what is wrong: " + message);
            await(c.name() + ": still training", () -> model.stepProperty().get() > steps
                    && model.statusProperty().get() == RunStatus.TRAINING);
            assertEquals(run, runId(), c.name() + ": the same agent");
        }
        assertEquals("Pendulum-v1", text(robot, "#envLabel"));
        assertTrue(questions.isEmpty(), "a bad file asks nothing");
        System.out.printf("lab bad-snapshot corpus: %d cases, each a message, the session kept%n", corpus.size());
    }

    @Test
    void aSnapshotForAnotherEnvAsksBeforeSwitching(FxRobot robot) throws Exception {
        WolpertingerConfig cart = Presets.load("cartpole", Map.of("hidden1", 16, "hidden2", 16, "warmupSteps", 10,
                "batchSize", 8, "bufferCapacity", 500));
        TrainingRun cartRun = new TrainingRun(cart);
        for (int i = 0; i < 30; i++) {
            cartRun.step();
        }
        Path cartFile = dir.resolve("cart.wolp");
        Snapshots.save(cartRun, cartFile, false);
        Snapshot cartSnapshot = Snapshots.load(cartFile);
        Snapshot pendulum = Snapshots.load(BadSnapshots.good(corpusDir)); // Pendulum-v1, N = 2001

        startTraining(robot, 20);
        assertNull(fx(() -> model.switchQuestion(pendulum.manifest(), Path.of("good.wolp"))), "same env and N");
        String q = fx(() -> model.switchQuestion(cartSnapshot.manifest(), cartFile));
        assertNotNull(q);
        assertTrue(q.startsWith("cart.wolp holds an agent for CartPole-v1 with N = 2; the current agent is for "
                + "Pendulum-v1 with N = 2,001"), q);

        answer.set(false);
        long run = runId();
        int serial = fx(() -> model.messageSerialProperty().get());
        robot.interact(() -> model.loadSnapshot(cartFile));
        assertEquals("Kept the current agent; cart.wolp was not loaded", awaitMessage(robot, serial));
        assertEquals(1, questions.size());
        long steps = fx(() -> model.stepProperty().get());
        await("still training", () -> model.stepProperty().get() > steps);
        assertEquals(run, runId());
        assertEquals("Pendulum-v1", text(robot, "#envLabel"));

        answer.set(true);
        robot.interact(() -> model.loadSnapshot(cartFile));
        await("CartPole", () -> "CartPole-v1".equals(robot.lookup("#envLabel").queryAs(Label.class).getText())
                && model.stepProperty().get() == 30);
        assertEquals(2, questions.size());
        assertEquals("N 2", text(robot, "#nLabel"));
        assertEquals("CartPole-v1", fx(() -> robot.lookup("#envChoice").queryAs(javafx.scene.control.ChoiceBox.class).getValue()));
        assertEquals(RunStatus.IDLE, fx(() -> model.statusProperty().get()));
    }

    @Test
    void recentFilesPresetsAndDroppedFiles(FxRobot robot) throws Exception {
        await("the agent", () -> model.readyProperty().get());
        Path a = dir.resolve("a.wolp");
        Path b = dir.resolve("b.wolp");
        robot.interact(() -> model.saveSnapshot(a));
        await("a saved", () -> model.recentSnapshots().size() == 1);
        robot.interact(() -> model.saveSnapshot(b));
        await("b saved", () -> model.recentSnapshots().size() == 2);
        assertEquals(List.of(b, a), fx(() -> List.copyOf(model.recentSnapshots())), "newest first");
        assertEquals(List.of(b, a), new RecentSnapshots(prefs).list(), "kept in the preferences");
        assertEquals(2, fx(() -> recentMenu(robot).getItems().size()));

        // A failed save is a message; the recent list and the session stay as they were.
        int failedSerial = fx(() -> model.messageSerialProperty().get());
        robot.interact(() -> {
            model.setWriter((run, path, replay) -> {
                throw new java.io.IOException("No space left on device");
            });
            model.saveSnapshot(dir.resolve("c.wolp"));
        });
        assertEquals("cannot save " + dir.resolve("c.wolp") + ": No space left on device", awaitMessage(robot, failedSerial));
        assertEquals(List.of(b, a), fx(() -> List.copyOf(model.recentSnapshots())));

        Files.delete(a);
        robot.interact(() -> model.refreshRecentSnapshots()); // what opening the File menu does
        assertEquals(List.of(b), fx(() -> List.copyOf(model.recentSnapshots())), "a missing file is dropped");
        assertEquals(List.of("recentSnapshot0"), fx(() -> recentMenu(robot).getItems().stream().map(MenuItem::getId).toList()));

        // Save settings as preset: the live slider values go in.
        robot.interact(() -> model.setParameter(Parameter.TAU, 0.02));
        Path preset = dir.resolve("presets").resolve("mine.json");
        assertTrue(fx(() -> model.savePreset(preset)));
        WolpertingerConfig saved = Presets.load(preset.toString(), Map.of());
        assertEquals(0.02, saved.tau());
        assertEquals(Presets.with(LabWindowTest.SMALL, Map.of("tau", 0.02)), saved);

        // Dropped files: something else gets a message; a preset applies (an untrained agent goes without asking).
        int serial = fx(() -> model.messageSerialProperty().get());
        Path notes = Files.writeString(dir.resolve("notes.txt"), "hello");
        robot.interact(() -> window.snapshotControls().openFiles(List.of(notes.toFile())));
        assertEquals("notes.txt is neither a .wolp snapshot nor a .json preset; drop one of those to open it",
                awaitMessage(robot, serial));
        serial = fx(() -> model.messageSerialProperty().get());
        robot.interact(() -> window.snapshotControls().openFiles(List.of(notes.toFile(), b.toFile())));
        assertTrue(awaitMessage(robot, serial).startsWith("Dropped 2 files"));

        robot.interact(() -> model.setParameter(Parameter.TAU, 0.07));
        long run = runId();
        robot.interact(() -> window.snapshotControls().openFiles(List.of(preset.toFile())));
        await("the preset's agent", () -> model.frameProperty().get().runId() != run);
        assertEquals(0.02, fx(() -> model.valueProperty(Parameter.TAU).get()));
        assertTrue(questions.isEmpty());

        // Over a trained agent the preset asks first; declining keeps the agent.
        startTraining(robot, 10);
        answer.set(false);
        long trained = runId();
        robot.interact(() -> window.snapshotControls().openFiles(List.of(preset.toFile())));
        assertEquals(1, questions.size());
        assertTrue(questions.get(0).startsWith("To load preset mine.json, the current agent ("), questions.get(0));
        assertEquals(trained, runId());
    }

    private static Menu recentMenu(FxRobot robot) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        for (MenuItem item : bar.getMenus().get(0).getItems()) {
            if ("recentSnapshotsMenu".equals(item.getId())) {
                return (Menu) item;
            }
        }
        throw new AssertionError("no recentSnapshotsMenu in the File menu");
    }
}

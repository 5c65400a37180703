package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.await;
import static lab.wolpertinger.ui.FxWait.fx;
import static lab.wolpertinger.ui.FxWait.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.Parameter;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The lab window driven as a user would, headless on Monocle; nodes are looked up by id. */
@ExtendWith(ApplicationExtension.class)
class LabWindowTest {
    /** Cheap for ND4J: N = 2001, tiny nets, short warm-up. */
    static final WolpertingerConfig SMALL = Presets.load("pendulum-200k", Map.of(
            "maxActions", 2001, "kRatio", 0.005, "hidden1", 16, "hidden2", 16,
            "warmupSteps", 20, "batchSize", 8, "bufferCapacity", 2000));

    private LabModel model;
    private LabWindow window;
    private final AtomicLong pulses = new AtomicLong();
    private AnimationTimer pulseCounter;

    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        model = new LabModel(SMALL, "test-small");
        window = new LabWindow(model, stage);
        window.setConfirmation(question -> true);
        pulseCounter = new AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.incrementAndGet();
            }
        };
        pulseCounter.start();
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> {
            pulseCounter.stop();
            window.close();
        });
    }

    /** Waits for {@code n} more animation pulses (a bounded wait on events, not a blind sleep). */
    private void awaitPulses(int n) {
        long target = pulses.get() + n;
        await(n + " pulses", () -> pulses.get() >= target);
    }

    private static long number(FxRobot robot, String id) {
        return Long.parseLong(text(robot, id).replaceAll("[^0-9]", ""));
    }

    private static void awaitReady(FxRobot robot) {
        await("the agent", () -> "idle".equals(robot.lookup("#statusLabel").queryAs(Label.class).getText()));
    }

    @Test
    void startCountsUpPauseStopsAndStepAdvancesByExactlyOne(FxRobot robot) {
        awaitReady(robot);
        assertEquals(0, number(robot, "#stepCounter"));
        robot.clickOn("#startButton");
        await("training", () -> model.stepProperty().get() > 60);
        assertEquals("training", text(robot, "#statusLabel"));
        assertTrue(number(robot, "#stepCounter") > 0);

        robot.clickOn("#startButton"); // now labelled Pause
        await("paused", () -> "paused".equals(robot.lookup("#statusLabel").queryAs(Label.class).getText()));
        long paused = number(robot, "#stepCounter");
        awaitPulses(20);
        assertEquals(paused, number(robot, "#stepCounter"), "the counter stops while paused");

        robot.clickOn("#stepButton");
        await("one step", () -> model.stepProperty().get() != paused);
        assertEquals(paused + 1, number(robot, "#stepCounter"));
        awaitPulses(10);
        assertEquals(paused + 1, number(robot, "#stepCounter"), "exactly one step");

        robot.type(KeyCode.S);
        await("a step by key", () -> model.stepProperty().get() == paused + 2);
        robot.type(KeyCode.SPACE);
        await("training again", () -> model.stepProperty().get() > paused + 20);
    }

    @Test
    void kRatioSliderChangesTheAgentsKAndTheNeighbourhoodAtOnce(FxRobot robot) {
        awaitReady(robot);
        await("k", () -> model.kProperty().get() == 10);
        assertEquals(10, number(robot, "#kStatus"));
        robot.clickOn("#startButton");
        await("training", () -> model.stepProperty().get() > 30);
        Slider slider = robot.lookup("#kRatioSlider").queryAs(Slider.class);
        Node thumb = robot.from(slider).lookup(".thumb").query();
        robot.drag(thumb).moveBy(60, 0).drop();
        await("a larger k from the training thread", () -> model.kProperty().get() > 10);
        // The k label reads k "of N": the first number is k.
        long k = Long.parseLong(text(robot, "#kLabel").replaceAll("k = ([0-9,]+) of.*", "$1").replace(",", ""));
        assertTrue(k > 10, "k label " + k);
        await("frames with the new k", () -> {
            Frame f = model.frameProperty().get();
            return f != null && f.hasSelection() && f.k() == model.kProperty().get()
                    && f.neighbourLast() - f.neighbourFirst() + 1 == f.k();
        });

        // While paused a change shows at once too: the training thread re-selects without stepping.
        robot.clickOn("#startButton");
        await("paused", () -> model.statusProperty().get() == RunStatus.PAUSED);
        long step = model.stepProperty().get();
        robot.interact(() -> robot.lookup("#kRatioSlider").queryAs(Slider.class).setValue(Math.log10(0.1)));
        await("k = 200 while paused", () -> {
            Frame f = model.frameProperty().get();
            return f != null && f.k() == 200 && f.neighbourLast() - f.neighbourFirst() + 1 == 200;
        });
        assertEquals(step, model.stepProperty().get(), "no step was taken");
        assertTrue(model.curves().markers().size() >= 1, "the change is marked in the curves");
    }

    @Test
    void switchingThePresetBuildsAFreshAgent(FxRobot robot) {
        awaitReady(robot);
        robot.clickOn("#startButton");
        await("training", () -> model.stepProperty().get() > 10);
        robot.clickOn("#presetChoice");
        robot.clickOn(n -> n instanceof javafx.scene.control.ListCell<?> c && "cartpole".equals(c.getText()));
        await("CartPole", () -> "CartPole-v1".equals(robot.lookup("#envLabel").queryAs(Label.class).getText()));
        assertEquals("N 2", text(robot, "#nLabel"));
        await("a fresh agent", () -> model.stepProperty().get() == 0 && model.statusProperty().get() == RunStatus.IDLE);
        assertEquals("cartpole", fx(() -> robot.lookup("#presetChoice").<ComboBox<String>>queryAs(castCombo()).getValue()));
    }

    @SuppressWarnings("unchecked")
    private static Class<ComboBox<String>> castCombo() {
        return (Class<ComboBox<String>>) (Class<?>) ComboBox.class;
    }

    @Test
    void evaluateRunsGreedyEpisodesInRealTimeAndCanBeCancelled(FxRobot robot) {
        awaitReady(robot);
        robot.clickOn("#evaluateButton");
        await("evaluating", () -> "evaluating".equals(robot.lookup("#statusLabel").queryAs(Label.class).getText()));
        await("greedy frames", () -> {
            Frame f = model.frameProperty().get();
            return f != null && f.status() == RunStatus.EVALUATING && f.hasSelection()
                    && f.protoAction()[0] == f.noisyProtoAction()[0];
        });
        assertEquals(0, model.stepProperty().get(), "evaluation does not train");
        robot.type(KeyCode.SPACE); // pause cancels the evaluation
        await("back to idle", () -> model.statusProperty().get() == RunStatus.IDLE);
    }

    @Test
    void badInputShowsAMessageAndKeepsTheSession(FxRobot robot) {
        awaitReady(robot);
        robot.clickOn("#startButton");
        await("training", () -> model.stepProperty().get() > 10);
        robot.doubleClickOn("#nField").eraseText(12).write("lots");
        robot.clickOn("#applyEnvButton");
        await("a message", () -> robot.lookup("#messageLabel").queryAs(Label.class).getText().contains("not a whole number"));
        // typed and committed as Enter does; not by robot clicks: the notification sliding in moves the
        // sidebar while a loaded machine's robot clicks (this step timed out once at load average 9)
        robot.interact(() -> {
            javafx.scene.control.TextField tau = robot.lookup("#tauField").queryAs(javafx.scene.control.TextField.class);
            tau.setText("7");
            tau.fireEvent(new javafx.event.ActionEvent());
        });
        await("a range message", () -> robot.lookup("#messageLabel").queryAs(Label.class).getText().contains("tau"));
        long before = model.stepProperty().get();
        await("still training", () -> model.stepProperty().get() > before + 10);
        assertEquals("Pendulum-v1", text(robot, "#envLabel"));
    }

    @Test
    void aPresetTooBigForMemoryIsRefusedAndTheAgentKeepsTraining(FxRobot robot) throws Exception {
        awaitReady(robot);
        robot.clickOn("#startButton");
        await("training", () -> model.stepProperty().get() > 10);
        java.nio.file.Path big = java.nio.file.Files.createTempFile("huge-net", ".json");
        java.nio.file.Files.writeString(big, "{\"hidden1\": 30000, \"hidden2\": 30000}");
        String before = fx(() -> model.presetNameProperty().get());
        robot.interact(() -> model.loadPreset(big.toString()));
        await("the refusal", () -> text(robot, "#messageLabel").contains("hidden1 = 30000"));
        await("ready again", () -> model.readyProperty().get());
        assertEquals(before, fx(() -> model.presetNameProperty().get()), "the picker names the agent that runs");
        assertEquals("training", text(robot, "#statusLabel"));
        long step = model.stepProperty().get();
        await("still training", () -> model.stepProperty().get() > step + 10);
        java.nio.file.Files.deleteIfExists(big);
    }

    @Test
    void theCriticTargetChoiceReachesTheAgentAndThePresetTooltipDescribesThePreset(FxRobot robot) throws Exception {
        awaitReady(robot);
        javafx.scene.control.ComboBox<?> presets = robot.lookup("#presetChoice").queryAs(javafx.scene.control.ComboBox.class);
        robot.interact(() -> robot.lookup("#presetChoice").queryAs(javafx.scene.control.ComboBox.class).setValue("cartpole"));
        assertTrue(fx(() -> presets.getTooltip().getText()).startsWith(Presets.description("cartpole")),
                "the picker's tooltip is the chosen preset's description");
        assertTrue(Presets.description("cartpole").startsWith("CartPole-v1"));
        awaitReady(robot);

        javafx.scene.control.ComboBox<?> target = robot.lookup("#targetModeChoice").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals("wolpertinger", fx(target::getValue));
        java.util.concurrent.atomic.AtomicReference<String> saved = new java.util.concurrent.atomic.AtomicReference<>();
        robot.interact(() -> {
            robot.lookup("#targetModeChoice").<String>queryComboBox().getSelectionModel().select("proto");
            model.setWriter((run, path, replay) -> saved.set(run.wolpertinger().targetMode()));
            model.saveSnapshot(dir.resolve("t.wolp"));
        });
        await("the save on the training thread", () -> saved.get() != null);
        assertEquals("proto", saved.get(), "applied between steps on the training thread");
        assertEquals("proto", fx(() -> model.currentSettings().targetMode()), "carried into Reset and Save settings");
        robot.interact(() -> model.reset());
        await("a fresh agent", () -> model.stepProperty().get() == 0 && model.statusProperty().get() == RunStatus.IDLE);
        assertEquals("proto", fx(target::getValue), "a reset keeps the choice");
    }

    @Test
    void divergencePausesWithANotificationKeepsTheAgentOnScreenAndResetRecovers(FxRobot robot) {
        awaitReady(robot);
        robot.interact(() -> model.setParameter(lab.wolpertinger.train.Parameter.CRITIC_LR, 1e6));
        robot.clickOn("#startButton");
        await("the divergence notification", () -> text(robot, "#messageLabel").startsWith("diverged at step "));
        String message = text(robot, "#messageLabel");
        assertTrue(message.contains("critic lr 1e6 is far above the preset's 0.001"), message);
        assertTrue(message.contains("Reset or Load a snapshot"), message);
        await("paused", () -> "paused".equals(text(robot, "#statusLabel")));
        Frame frame = fx(() -> model.frameProperty().get());
        assertTrue(frame.status() == RunStatus.PAUSED && frame.hasSelection(), "the agent is still shown");
        long step = model.stepProperty().get();
        awaitPulses(10);
        assertEquals(step, model.stepProperty().get(), "it stays paused");

        robot.interact(() -> {
            model.setParameter(lab.wolpertinger.train.Parameter.CRITIC_LR, 1e-3);
            model.reset();
        });
        await("a fresh agent", () -> model.stepProperty().get() == 0 && model.statusProperty().get() == RunStatus.IDLE);
        robot.clickOn("#startButton");
        await("training again", () -> model.stepProperty().get() > 100);
        assertEquals("training", text(robot, "#statusLabel"));
    }

    @Test
    void closingTheWindowStopsTraining(FxRobot robot) {
        awaitReady(robot);
        robot.clickOn("#startButton");
        await("training", () -> model.stepProperty().get() > 10);
        robot.interact(() -> robot.window(0).hide());
        assertTrue(model.isClosed(), "the training thread has ended");
    }

    @Test
    void themeToggleAndExports(FxRobot robot) throws Exception {
        awaitReady(robot);
        robot.clickOn("#themeToggle");
        assertTrue(fx(() -> window.scene().getStylesheets().get(1).endsWith("/styles/dark.css")));
        assertTrue(fx(() -> window.scene().getStylesheets().get(0).endsWith("/styles/lab.css")));
        robot.clickOn("#startButton");
        await("an episode", () -> model.curves().episodes() >= 1);
        Path png = dir.resolve("curves.png");
        Path csv = dir.resolve("metrics.csv");
        robot.interact(() -> {
            try {
                window.exportPng(png.toFile());
                model.exportCsv(csv);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertTrue(Files.size(png) > 1000);
        assertTrue(Files.readAllLines(csv).get(0).startsWith("episode,step,return"));
        assertTrue(Files.readAllLines(csv).size() >= 2);
    }

    @Test
    void theDiagnosticsPanelWarnsOfACriticLrOfFiveWithItsCause(FxRobot robot) {
        awaitReady(robot);
        assertEquals("No updates yet.", text(robot, "#diagWarning"));
        robot.interact(() -> model.setParameter(Parameter.CRITIC_LR, 5)); // as typed into the critic lr field
        robot.clickOn("#startButton");
        await("the warning", () -> text(robot, "#diagWarning").startsWith("⚠ "));
        String warning = text(robot, "#diagWarning");
        assertTrue(warning.endsWith("; critic lr 5 is far above the preset's 0.001"), warning);
        assertTrue(!text(robot, "#diagTdErrorValue").equals("-"), "the TD error is shown");
        assertEquals("-1630 … 0", text(robot, "#diagQAllowedValue"));

        // In the sidebar between the live parameters and the action-space view, overlapping neither.
        Bounds[] b = fx(() -> {
            Bounds above = null;
            Bounds diagnostics = null;
            Bounds below = null;
            for (Node n : robot.lookup(".titled-pane").queryAll()) {
                Bounds inScene = n.localToScene(n.getBoundsInLocal());
                switch (((TitledPane) n).getText()) {
                    case "Live parameters" -> above = inScene;
                    case "Diagnostics" -> diagnostics = inScene;
                    case "Action-space view" -> below = inScene;
                    default -> { }
                }
            }
            return new Bounds[] {above, diagnostics, below};
        });
        assertTrue(b[0].getMaxY() <= b[1].getMinY() && b[1].getMaxY() <= b[2].getMinY(),
                b[0] + " / " + b[1] + " / " + b[2]);
    }
}

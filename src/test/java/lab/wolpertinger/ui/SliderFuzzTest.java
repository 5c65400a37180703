package lab.wolpertinger.ui;

import static lab.wolpertinger.ui.FxWait.await;
import static lab.wolpertinger.ui.FxWait.fx;
import static lab.wolpertinger.ui.FxWait.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.event.ActionEvent;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.Parameter;
import lab.wolpertinger.train.RunStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Slider fuzz: while the small Pendulum agent trains, every live parameter is changed about 100
 * times a second for 60 s, through its slider and its value field, with random, out-of-range and
 * malformed values. Nothing may throw (on the FX or the training thread), training must go on,
 * every value the model holds and the agent applies must stay in its control's range, the
 * learning curves must keep a bounded number of markers, and the controls must still respond.
 */
@ExtendWith(ApplicationExtension.class)
class SliderFuzzTest {
    static final long FUZZ_NANOS = 60_000_000_000L;
    static final long TICK_NANOS = 10_000_000L; // 100 Hz

    /** A control under fuzz: its node ids and the range the lab gives it (k ratio: N = 2001). */
    record Target(Parameter parameter, String id, double min, double max, boolean log) {
        boolean holds(double v) {
            return v >= min && v <= max;
        }
    }

    static final List<Target> TARGETS = List.of(
            new Target(Parameter.K_RATIO, "kRatio", 1e-5, 1, true),
            new Target(Parameter.NOISE_SCALE, "noise", 0, 1, false),
            new Target(Parameter.TAU, "tau", 1e-4, 1, true),
            new Target(Parameter.ACTOR_LR, "actorLr", 1e-5, 1e-1, true),
            new Target(Parameter.CRITIC_LR, "criticLr", 1e-5, 1e-1, true),
            new Target(Parameter.GAMMA, "gamma", 0.8, 0.999, false),
            new Target(Parameter.BATCH_SIZE, "batchSize", 1, 1024, true));

    // "½", "θ̇" (a combining mark) and Arabic digits take JavaFX's Pango path: with canvas text laid out on
    // the renderer thread at the same time they once killed this JVM (see CanvasView and the README).
    static final String[] MALFORMED = {"", " ", "abc", "NaN", "Infinity", "-Infinity", "1e", "1e400", "-1e400",
        "0,5", "1..2", "--1", "0x", "1e-400", "9".repeat(400), "0.5\n", "1 2", "+", "null", "-0", "½", "θ̇",
        "\u0661\u0662", "0.5\u0301"};

    private LabModel model;
    private LabWindow window;
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private Thread.UncaughtExceptionHandler previousDefault;

    @Start
    void start(Stage stage) {
        model = new LabModel(LabWindowTest.SMALL, "test-small");
        window = new LabWindow(model, stage);
        window.setConfirmation(question -> true);
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> failures.add(describe(t, e)));
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(() -> window.close());
        Thread.setDefaultUncaughtExceptionHandler(previousDefault);
    }

    private static String describe(Thread t, Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return "uncaught on " + t.getName() + ": " + w;
    }

    /** The fuzzer: an animation timer that catches up to one change per 10 ms, so ~100 Hz at any frame rate. */
    private final class Fuzzer extends AnimationTimer {
        final Random random = new Random(11);
        final List<String> outOfRange = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        long start;
        long ticks;
        long changes;
        long lastStep = -1;
        long lastProgressNanos;
        long longestStallNanos;
        int lastMessageSerial;

        @Override
        public void handle(long now) {
            if (start == 0) {
                start = now;
                lastProgressNanos = now;
            }
            long due = Math.min(now - start, FUZZ_NANOS) / TICK_NANOS;
            while (ticks < due) {
                ticks++;
                try {
                    poke();
                } catch (RuntimeException e) {
                    failures.add(describe(Thread.currentThread(), e));
                }
            }
            check(now);
            if (now - start >= FUZZ_NANOS) {
                stop();
                done.countDown();
            }
        }

        private void poke() {
            Target t = TARGETS.get(random.nextInt(TARGETS.size()));
            Slider slider = window.scene().getRoot().lookupAll("#" + t.id() + "Slider").stream()
                    .map(Slider.class::cast).findFirst().orElseThrow();
            TextField field = window.scene().getRoot().lookupAll("#" + t.id() + "Field").stream()
                    .map(TextField.class::cast).findFirst().orElseThrow();
            switch (random.nextInt(6)) {
                case 0, 1 -> { // a slider drag to anywhere, also beyond its ends (the slider clamps)
                    double span = slider.getMax() - slider.getMin();
                    slider.setValue(slider.getMin() - 0.2 * span + 1.4 * span * random.nextDouble());
                }
                case 2 -> slider.adjustValue(slider.getMin() + (slider.getMax() - slider.getMin()) * random.nextDouble());
                case 3 -> { // a typed value in range (Enter)
                    double u = random.nextDouble();
                    double v = t.log() ? t.min() * Math.pow(t.max() / t.min(), u) : t.min() + u * (t.max() - t.min());
                    field.setText(String.format(Locale.ROOT, random.nextBoolean() ? "%.6g" : "%s", v));
                    field.fireEvent(new ActionEvent());
                }
                case 4 -> { // a typed value out of range
                    double v = random.nextBoolean() ? t.max() * (1.5 + 100 * random.nextDouble())
                            : t.min() - (0.001 + random.nextDouble()) * Math.max(1, Math.abs(t.min()));
                    field.setText(Double.toString(v));
                    field.fireEvent(new ActionEvent());
                }
                default -> { // malformed text, committed by Enter or by the field losing focus
                    field.setText(MALFORMED[random.nextInt(MALFORMED.length)]);
                    if (random.nextBoolean()) {
                        field.fireEvent(new ActionEvent());
                    } else {
                        field.requestFocus();
                        slider.requestFocus();
                    }
                }
            }
            changes++;
        }

        /** Once per pulse: values in range, no training failure, steps still rising. */
        private void check(long now) {
            for (Target t : TARGETS) {
                double v = model.valueProperty(t.parameter()).get();
                double a = model.appliedProperty(t.parameter()).get();
                if ((!t.holds(v) || !t.holds(a)) && outOfRange.size() < 20) {
                    outOfRange.add(t.parameter() + ": model " + v + ", applied " + a);
                }
            }
            Frame f = model.frameProperty().get();
            if (f != null && (f.k() < 1 || f.k() > 2001 || !(f.noiseScale() >= 0 && f.noiseScale() <= 1))
                    && outOfRange.size() < 20) {
                outOfRange.add("frame k " + f.k() + ", noise " + f.noiseScale());
            }
            if (model.messageSerialProperty().get() != lastMessageSerial) {
                lastMessageSerial = model.messageSerialProperty().get();
                String m = model.messageProperty().get();
                if (m.startsWith("training stopped") || m.contains("Exception")) {
                    failures.add("message: " + m);
                }
            }
            long step = model.stepProperty().get();
            if (step != lastStep) {
                lastStep = step;
                lastProgressNanos = now;
            }
            longestStallNanos = Math.max(longestStallNanos, now - lastProgressNanos);
        }
    }

    @Test
    void everyLiveParameterFuzzedAt100HzFor60sKeepsTrainingInRangeAndResponsive(FxRobot robot) throws Exception {
        await("the agent", () -> model.readyProperty().get() && model.statusProperty().get() == RunStatus.IDLE);
        // The training thread: any exception that escapes it is a failure too.
        previousDefault = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((t, e) -> failures.add(describe(t, e)));
        Thread training = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("training") && t.isAlive()).findFirst().orElseThrow();
        training.setUncaughtExceptionHandler((t, e) -> failures.add(describe(t, e)));

        robot.clickOn("#startButton");
        await("training", () -> model.stepProperty().get() > 30);
        long stepsBefore = model.stepProperty().get();
        Fuzzer fuzzer = new Fuzzer();
        robot.interact(fuzzer::start);
        assertTrue(fuzzer.done.await(FUZZ_NANOS / 1_000_000_000L + FxWait.TIMEOUT_S, TimeUnit.SECONDS), "the fuzz ended");
        robot.interact(() -> { }); // the last pulse's work is done

        List<String> seen = new ArrayList<>(failures);
        assertEquals(Collections.emptyList(), seen.subList(0, Math.min(3, seen.size())),
                seen.size() + " failures: no exception, no training failure");
        assertEquals(Collections.emptyList(), fuzzer.outOfRange, "values stay in range");
        assertTrue(fuzzer.changes >= 5_900, "about 100 changes a second: " + fuzzer.changes);
        long stepsAfter = fx(() -> model.stepProperty().get());
        assertTrue(stepsAfter > stepsBefore + 1000, "training went on: " + stepsBefore + " -> " + stepsAfter);
        assertTrue(fuzzer.longestStallNanos < 5_000_000_000L,
                "steps never stalled for 5 s; longest " + fuzzer.longestStallNanos / 1e9 + " s");
        assertTrue(training.isAlive(), "the training thread is alive");
        assertEquals(RunStatus.TRAINING, fx(() -> model.statusProperty().get()));

        int markers = fx(() -> model.curves().markers().size());
        assertTrue(markers <= LearningCurves.MAX_MARKERS, "markers bounded: " + markers);
        // One marker per parameter per 300 steps at most, however fast the sliders move.
        long bound = TARGETS.size() * (stepsAfter / 300 + 1);
        assertTrue(markers <= bound, markers + " markers for " + stepsAfter + " steps");
        assertTrue(fx(() -> {
            List<LearningCurves.Marker> ms = model.curves().markers();
            for (int i = 1; i < ms.size(); i++) {
                if (ms.get(i).step() < ms.get(i - 1).step()) {
                    return false;
                }
            }
            return true;
        }), "markers in step order");

        // Still responsive: a slider, a typed value, Pause and Step.
        robot.interact(() -> robot.lookup("#tauSlider").queryAs(Slider.class).setValue(Math.log10(0.02)));
        await("tau 0.02 applied", () -> Math.abs(model.appliedProperty(Parameter.TAU).get() - 0.02) < 1e-9);
        // Typed: focus and text set directly (a notification may cover the field after the fuzz), Enter as a key.
        robot.interact(() -> {
            TextField gamma = robot.lookup("#gammaField").queryAs(TextField.class);
            gamma.requestFocus();
            gamma.setText("0.95");
        });
        robot.type(KeyCode.ENTER);
        await("gamma 0.95 applied", () -> model.appliedProperty(Parameter.GAMMA).get() == 0.95);
        robot.clickOn("#startButton");
        await("paused", () -> "paused".equals(text(robot, "#statusLabel")));
        long paused = model.stepProperty().get();
        robot.clickOn("#stepButton");
        await("one step", () -> model.stepProperty().get() == paused + 1);
        assertEquals(Collections.emptyList(), new ArrayList<>(failures), "no exception afterwards");
    }
}

package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.stage.Stage;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.cli.LabOptions;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.RunStatus;

/**
 * The JavaFX application of the lab. Started through {@link #open} by the jar's launcher (an
 * {@code Application} cannot be the main class on the plain classpath).
 */
public final class LabApp extends Application {
    private static volatile String preset = "pendulum-200k";
    private static volatile boolean autostart;
    private static volatile int benchSteps;
    private static volatile int soakMinutes;
    private static volatile boolean presenter;
    private static volatile int exitCode;

    private LabWindow window;
    private Thread shutdownHook;

    /**
     * Opens the lab and blocks until its window is closed.
     *
     * @param presetName preset name or JSON file to start with
     * @param start start training at once
     * @param bench if > 0: train this many steps at full speed, print one JSON line with the
     *              throughput and the animation frame rate, and close (measurement mode)
     * @return the exit code (0)
     */
    public static int open(String presetName, boolean start, int bench) {
        return open(new LabOptions(presetName, start, bench));
    }

    /**
     * Opens the lab as {@code options} say and blocks until its window is closed.
     *
     * @return the exit code: 0, or for a soak run 1 if a check failed
     */
    public static int open(LabOptions options) {
        preset = options.preset();
        autostart = options.autostart() || options.benchSteps() > 0 || options.soakMinutes() > 0;
        benchSteps = options.benchSteps();
        soakMinutes = options.soakMinutes();
        presenter = options.presenter();
        exitCode = 0;
        // ND4J's native libraries load before JavaFX starts its threads (a concurrent dlopen can
        // deadlock them; see Nd4jRuntime#init). Costs about a second before the window shows.
        Nd4jRuntime.init();
        Application.launch(LabApp.class);
        return exitCode;
    }

    @Override
    public void start(Stage stage) {
        WolpertingerConfig config;
        String name = preset;
        String problem = null;
        try {
            config = Presets.load(name, Map.of());
        } catch (IllegalArgumentException e) {
            problem = e.getMessage();
            name = "pendulum-200k";
            config = Presets.load(name, Map.of());
        }
        LabModel model = new LabModel(config, name);
        Thread fx = Thread.currentThread();
        shutdownHook = new Thread(() -> shutDown(model, fx), "lab-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        window = new LabWindow(model, stage);
        window.presenterProperty().set(presenter);
        stage.show();
        if (problem != null) {
            Alert alert = new Alert(Alert.AlertType.ERROR, problem + "\nOpened the default preset pendulum-200k instead.");
            alert.setHeaderText("Cannot open the preset");
            alert.show();
        }
        if (autostart) {
            model.start();
        }
        if (benchSteps > 0) {
            bench(model, benchSteps);
        }
        if (soakMinutes > 0) {
            new Soak(model, soakMinutes, System.out, ok -> {
                exitCode = ok ? 0 : 1;
                Platform.exit();
            }).start();
        }
    }

    /** Measures training throughput from the first training frame to {@code steps}, plus the frame rate. */
    private static void bench(LabModel model, int steps) {
        long[] t0 = {0};
        long[] s0 = {0};
        long[] cpu0 = {0};
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        model.stepProperty().addListener((obs, a, b) -> {
            long now = System.nanoTime();
            if (t0[0] == 0 && model.statusProperty().get() == RunStatus.TRAINING) {
                t0[0] = now;
                s0[0] = b.longValue();
                cpu0[0] = trainingCpuNanos(threads);
            } else if (t0[0] != 0 && b.longValue() >= steps && s0[0] >= 0) {
                double sps = (b.longValue() - s0[0]) / ((now - t0[0]) / 1e9);
                double cpuShare = (trainingCpuNanos(threads) - cpu0[0]) / (double) (now - t0[0]);
                List<Double> fps = new ArrayList<>(model.fpsHistory());
                Collections.sort(fps);
                double median = fps.isEmpty() ? Double.NaN : fps.get(fps.size() / 2);
                System.out.printf(Locale.ROOT, "{\"mode\":\"lab\",\"steps\":%d,\"steps_per_s\":%.1f,\"fps_median\":%.1f,"
                        + "\"fps_min\":%.1f,\"training_thread_cpu_share\":%.2f}%n",
                        b.longValue(), sps, median, fps.isEmpty() ? Double.NaN : fps.get(0), cpuShare);
                System.out.flush();
                s0[0] = -1;
                Platform.exit();
            }
        });
    }

    /** CPU time of the training thread so far (to tell CPU starvation from per-step overhead). */
    private static long trainingCpuNanos(java.lang.management.ThreadMXBean threads) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if ("training".equals(t.getName())) {
                return threads.getThreadCpuTime(t.getId());
            }
        }
        return 0;
    }

    /**
     * On a kill (the launcher passes Ctrl+C and SIGTERM on to this JVM): the training stops between
     * steps and the toolkit ends before exit() destroys the native libraries' statics. Without it
     * the training thread inside ND4J, or the FX thread inside GTK's loop, met them destroyed: a
     * SIGSEGV and an hs_err file, seen killing the lab under Xvfb (3 of 8 kills; none in 9 since).
     */
    private static void shutDown(LabModel model, Thread fx) {
        model.close();
        Platform.exit();
        try {
            fx.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs, and closing twice is harmless
            }
        }
    }
}

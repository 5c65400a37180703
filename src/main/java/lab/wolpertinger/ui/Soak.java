package lab.wolpertinger.ui;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;

/**
 * {@code lab --soak MINUTES}: while the lab trains at full speed, once a minute one line with the
 * process's resident memory, the live thread count, the median of the minute's per-second frame
 * rates, the training steps per second and the learning-curve series sizes; at the end a summary
 * that checks, from minute 5 on (minute 2 for runs shorter than 6 minutes): RSS within ±10 % of
 * its median, a constant thread count, every minute's fps >= 55, every series within its bound.
 * FX thread only; driven by an animation timer, which also counts the frames.
 */
final class Soak extends AnimationTimer {
    /** One minute's measurements. */
    record Minute(int minute, long rssMb, int threads, double fps, double stepsPerSecond, int returns,
                  int criticLoss, int evaluations, int markers) {
    }

    static final double MIN_FPS = 55;
    static final double RSS_TOLERANCE = 0.10;

    private final LabModel model;
    private final int minutes;
    private final PrintStream out;
    private final Consumer<Boolean> done;
    private final List<Minute> rows = new ArrayList<>();
    private final List<Double> secondFps = new ArrayList<>();
    private long minuteStart;
    private long secondStart;
    private int framesInSecond;
    private long stepsAtMinuteStart;

    Soak(LabModel model, int minutes, PrintStream out, Consumer<Boolean> done) {
        this.model = model;
        this.minutes = minutes;
        this.out = out;
        this.done = done;
    }

    @Override
    public void handle(long now) {
        if (minuteStart == 0) {
            minuteStart = now;
            secondStart = now;
            stepsAtMinuteStart = model.stepProperty().get();
            out.println("minute  rss_mb  threads  fps_median  steps_per_s  returns  critic_loss  evaluations  markers");
            out.flush();
            return;
        }
        framesInSecond++;
        if (now - secondStart >= 1_000_000_000L) {
            secondFps.add(framesInSecond / ((now - secondStart) / 1e9));
            framesInSecond = 0;
            secondStart = now;
        }
        if (now - minuteStart >= 60_000_000_000L) {
            long steps = model.stepProperty().get();
            LearningCurves c = model.curves();
            Minute m = new Minute(rows.size() + 1, rssMb(), ManagementFactory.getThreadMXBean().getThreadCount(),
                    median(secondFps), (steps - stepsAtMinuteStart) / ((now - minuteStart) / 1e9),
                    c.returns().size(), c.criticLoss().size(), c.evaluations().size(), c.markers().size());
            rows.add(m);
            out.printf(Locale.ROOT, "%6d  %6d  %7d  %10.1f  %11.0f  %7d  %11d  %11d  %7d%n", m.minute(), m.rssMb(),
                    m.threads(), m.fps(), m.stepsPerSecond(), m.returns(), m.criticLoss(), m.evaluations(), m.markers());
            out.flush();
            secondFps.clear();
            minuteStart = now;
            stepsAtMinuteStart = steps;
            if (rows.size() >= minutes) {
                stop();
                List<String> failed = check(rows);
                int from = firstChecked(rows.size());
                out.println(failed.isEmpty()
                        ? "soak passed (minutes " + from + "-" + rows.size() + "): RSS within ±10 %, constant threads,"
                                + " fps >= 55, series bounded"
                        : "soak FAILED (minutes " + from + "-" + rows.size() + "): " + String.join("; ", failed));
                out.flush();
                done.accept(failed.isEmpty());
            }
        }
    }

    /** The first minute the summary checks: 5, or 2 for runs shorter than 6 minutes (1 for one minute). */
    static int firstChecked(int minutes) {
        return minutes >= 6 ? 5 : Math.min(2, minutes);
    }

    /** What failed, from {@link #firstChecked} on; empty if every check held. */
    static List<String> check(List<Minute> rows) {
        List<String> failed = new ArrayList<>();
        List<Minute> checked = rows.subList(firstChecked(rows.size()) - 1, rows.size());
        List<Double> rss = new ArrayList<>();
        checked.forEach(m -> rss.add((double) m.rssMb()));
        double mid = median(rss);
        for (Minute m : checked) {
            if (Math.abs(m.rssMb() - mid) > RSS_TOLERANCE * mid) {
                failed.add(String.format(Locale.ROOT, "minute %d: RSS %d MB is more than 10 %% from the median %.0f MB",
                        m.minute(), m.rssMb(), mid));
            }
            if (m.threads() != checked.get(0).threads()) {
                failed.add("minute " + m.minute() + ": " + m.threads() + " threads, minute " + checked.get(0).minute()
                        + " had " + checked.get(0).threads());
            }
            if (!(m.fps() >= MIN_FPS)) {
                failed.add(String.format(Locale.ROOT, "minute %d: fps %.1f < %.0f", m.minute(), m.fps(), MIN_FPS));
            }
            if (m.returns() > LearningCurves.CAPACITY || m.criticLoss() > LearningCurves.CAPACITY
                    || m.evaluations() > LearningCurves.CAPACITY || m.markers() > LearningCurves.MAX_MARKERS) {
                failed.add("minute " + m.minute() + ": a curve series is above its bound");
            }
        }
        return failed;
    }

    static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** This process's resident set in MB (Linux /proc; -1 elsewhere). */
    static long rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}

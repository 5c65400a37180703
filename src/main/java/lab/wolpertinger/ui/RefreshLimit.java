package lab.wolpertinger.ui;

import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;

/**
 * How often a view of the Wolpertinger step takes a new frame. While training runs faster than
 * the screen (frames skip steps), at most {@code hz} frames a second: the selection changes with
 * every step, hundreds a second, which nobody can read one by one. Every other frame passes at
 * once: real-time training (consecutive steps), a pause, a single step, an evaluation, another k.
 */
final class RefreshLimit {
    private final int hz;
    private long shownNanos;
    private long seenStep = Long.MIN_VALUE;

    RefreshLimit(int hz) {
        this.hz = hz;
    }

    /** Whether {@code next} should replace {@code shown} (the frame on show, or null) at {@code nowNanos}. */
    boolean admit(Frame next, Frame shown, long nowNanos) {
        long previousStep = seenStep;
        seenStep = next == null ? Long.MIN_VALUE : next.step();
        if (next != null && shown != null && next.status() == RunStatus.TRAINING && shown.status() == RunStatus.TRAINING
                && next.runId() == shown.runId() && next.k() == shown.k() && next.step() - previousStep > 1
                && nowNanos - shownNanos < 1_000_000_000L / hz) {
            return false;
        }
        shownNanos = nowNanos;
        return true;
    }
}

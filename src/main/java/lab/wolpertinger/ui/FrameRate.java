package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;

/** The animation's frames per second, counted from pulses over whole seconds; the last hour kept (FX thread). */
final class FrameRate {
    private static final int HISTORY = 3600;
    private final ReadOnlyDoubleWrapper perSecond = new ReadOnlyDoubleWrapper(this, "framesPerSecond");
    private final List<Double> history = new ArrayList<>();
    private long windowStart;
    private int pulses;

    /** Counts one pulse at {@code now} (ns); after each whole second the rate is updated. */
    void pulse(long now) {
        if (windowStart == 0) {
            windowStart = now;
        }
        pulses++;
        if (now - windowStart >= 1_000_000_000L) {
            double fps = pulses / ((now - windowStart) / 1e9);
            perSecond.set(fps);
            history.add(fps);
            if (history.size() > HISTORY) {
                history.remove(0);
            }
            pulses = 0;
            windowStart = now;
        }
    }

    ReadOnlyDoubleProperty property() {
        return perSecond.getReadOnlyProperty();
    }

    /** Per-second rates measured so far (read-only). */
    List<Double> history() {
        return Collections.unmodifiableList(history);
    }
}

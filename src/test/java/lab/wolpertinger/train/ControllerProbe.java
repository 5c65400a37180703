package lab.wolpertinger.train;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Watches a {@link RunController} from a test as the lab does: takes the latest frames and
 * drains the events, waiting for a condition rather than sleeping.
 */
final class ControllerProbe {
    private static final int TIMEOUT_S = 30;
    private final RunController controller;
    private final List<RunEvent> events = new ArrayList<>();

    ControllerProbe(RunController controller) {
        this.controller = controller;
    }

    /** Takes frames (collecting events) until one satisfies {@code test}; fails after 30 s. */
    Frame awaitFrame(Predicate<Frame> test) {
        Frame[] match = new Frame[1];
        waitFor("a matching frame (status " + controller.status() + ")", () -> {
            controller.drainEvents(events::add);
            Frame f = controller.takeFrame();
            if (f != null && test.test(f)) {
                match[0] = f;
            }
            return match[0] != null;
        });
        return match[0];
    }

    /** Waits until the events drained so far satisfy {@code test}; fails after 30 s. */
    void awaitEvents(Predicate<List<RunEvent>> test) {
        waitFor("matching events", () -> {
            controller.drainEvents(events::add);
            return test.test(events);
        });
    }

    /** Every event drained so far, in order. */
    List<RunEvent> events() {
        controller.drainEvents(events::add);
        return List.copyOf(events);
    }

    /** Waits for the first event of {@code type} since the probe started; fails after 30 s. */
    <T extends RunEvent> T awaitEvent(Class<T> type) {
        waitFor("a " + type.getSimpleName() + " event", () -> {
            controller.drainEvents(events::add);
            return events.stream().anyMatch(type::isInstance);
        });
        return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, condition);
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what + "; events " + events, e);
        }
    }
}

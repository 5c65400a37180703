package lab.wolpertinger.ui;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.Label;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Reading the window on the FX thread and waiting for a condition, shared by the UI tests. */
final class FxWait {
    /** Generous: the 2-core CI machine may be busy; a passing test never waits this long. */
    static final int TIMEOUT_S = 60;

    private FxWait() {
    }

    /** Evaluates {@code read} on the FX thread and returns its value. */
    static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_S, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Waits until {@code condition} (read on the FX thread) holds; fails naming {@code what}. */
    static void await(String what, Callable<Boolean> condition) {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting for " + what, e);
        }
    }

    /** The text of the label with css id {@code id} (e.g. {@code "#stepCounter"}). */
    static String text(FxRobot robot, String id) {
        return fx(() -> robot.lookup(id).queryAs(Label.class).getText());
    }
}

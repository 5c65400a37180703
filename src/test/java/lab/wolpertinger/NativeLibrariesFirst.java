package lab.wolpertinger;

import lab.wolpertinger.nn.Nd4jRuntime;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Loads ND4J's native libraries when the test session opens, before any test class starts
 * JavaFX, as the lab does before it launches (see {@link Nd4jRuntime#init()}: JavaCPP's symbol
 * lookup deadlocks against a concurrent {@code dlopen}). All test classes share one JVM, so
 * without this the first UI test to run could build its agent while the FX thread loads AWT.
 * Registered in {@code META-INF/services}.
 */
public final class NativeLibrariesFirst implements LauncherSessionListener {
    @Override
    public void launcherSessionOpened(LauncherSession session) {
        Nd4jRuntime.init();
    }
}

package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DisplayCheckTest {
    private final Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "DISPLAY", ":0"));
    private final Map<String, String> props = new HashMap<>(Map.of("os.name", "Linux",
            "sun.java.command", "target/wolpertinger-lab.jar lab"));
    private final Set<Path> files = new HashSet<>(Set.of(Path.of("/usr/lib/x86_64-linux-gnu/libgtk-3.so.0"),
            Path.of("/usr/bin/xvfb-run")));
    private String linkerCache = "";

    private Optional<String> problem() {
        return new DisplayCheck(env::get, props::get, files::contains, () -> linkerCache).problem();
    }

    @Test
    void allPresentIsNoProblem() {
        assertEquals(Optional.empty(), problem());
    }

    @Test
    void noDisplaySuggestsXvfbRunWithTheSameCommand() {
        env.remove("DISPLAY");
        String line = problem().orElseThrow();
        assertTrue(line.contains("neither DISPLAY nor WAYLAND_DISPLAY"), line);
        assertTrue(line.contains("`xvfb-run -a java -jar target/wolpertinger-lab.jar lab`"), line);
        assertTrue(line.endsWith("run it under xvfb-run, or use the CLI (--help)"), line);
        assertFalse(line.contains("install"), line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void noDisplayAndNoXvfbRunSaysHowToInstallIt() {
        env.remove("DISPLAY");
        files.remove(Path.of("/usr/bin/xvfb-run"));
        props.put("sun.java.command", "lab.wolpertinger.Launcher");
        String line = problem().orElseThrow();
        assertTrue(line.contains("`xvfb-run -a mvn javafx:run` (install it: `sudo apt-get install xvfb xauth`)"), line);
    }

    @Test
    void waylandAloneIsADisplay() {
        env.remove("DISPLAY");
        env.put("WAYLAND_DISPLAY", "wayland-0");
        assertEquals(Optional.empty(), problem());
    }

    @Test
    void missingGtkNamesTheLibraryAndThePackages() {
        files.clear();
        String line = problem().orElseThrow();
        assertTrue(line.startsWith("the lab needs GTK 3, which is not installed"), line);
        assertTrue(line.contains("`sudo apt-get install libgtk-3-0` (Debian/Ubuntu) or `sudo dnf install gtk3` (Fedora)"), line);
        assertTrue(line.endsWith("or use the CLI (--help)"), line);
    }

    @Test
    void gtkIsFoundThroughLdLibraryPathOrTheLinkerCache() {
        files.clear();
        env.put("LD_LIBRARY_PATH", "/opt/gtk/lib::/x");
        files.add(Path.of("/opt/gtk/lib/libgtk-3.so.0"));
        assertEquals(Optional.empty(), problem());
        files.clear();
        linkerCache = "\0libgdk-3.so.0\0libgtk-3.so.0\0/usr/lib/somewhere/libgtk-3.so.0\0";
        assertEquals(Optional.empty(), problem());
    }

    @Test
    void neitherGtkNorDisplayIsOneLineWithBothFixes() {
        files.clear();
        env.remove("DISPLAY");
        String line = problem().orElseThrow();
        assertTrue(line.contains("libgtk-3-0 xvfb xauth") && line.contains("xvfb-run -a"), line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void monocleAndOtherSystemsAreNotChecked() {
        files.clear();
        env.clear();
        props.put("glass.platform", "Monocle");
        assertEquals(Optional.empty(), problem());
        props.remove("glass.platform");
        props.put("os.name", "Mac OS X");
        assertEquals(Optional.empty(), problem());
        props.put("os.name", "Linux");
        assertTrue(problem().isPresent());
    }

    @Test
    void labPrintsTheProblemAndExitsWithTwoWithoutOpening() {
        env.remove("DISPLAY");
        boolean[] opened = {false};
        DisplayCheck check = new DisplayCheck(env::get, props::get, files::contains, () -> "");
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new LabCommand(o -> {
            opened[0] = true;
            return 0;
        }, check));
        cmd.setErr(new PrintWriter(err));
        assertEquals(Cli.BAD_INPUT, cmd.execute());
        assertFalse(opened[0]);
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("error: the lab needs a display"), err.toString());
    }
}

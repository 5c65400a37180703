package lab.wolpertinger.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.module.ModuleFinder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * The JDK's vector API module, {@code jdk.incubator.vector}, which the critic's candidate scoring
 * uses for its lane loops (about 8x faster here than the plain loops, same bits; see
 * {@code nn.LaneKernels}). Java 17 resolves an incubator module only when asked with
 * {@code --add-modules}, and a jar's manifest cannot ask; so the launcher runs the commands that
 * train or score ({@link #COMMANDS}) once more in a child JVM with it, when this JVM lacks it and
 * the runtime image has it. {@code -Dwolpertinger.lanes=scalar} keeps the plain loops (and the
 * single JVM). The child's one-line "WARNING: Using incubator modules" is dropped from its stderr.
 */
public final class VectorModule {

    /** The module's name. */
    public static final String NAME = "jdk.incubator.vector";
    /** The JVM's start-up warning for it, dropped from children's stderr. */
    public static final String WARNING = "WARNING: Using incubator modules: " + NAME;
    /** Subcommands that score candidates with the critic (the others gain nothing from a second JVM). */
    public static final Set<String> COMMANDS = Set.of("train", "eval", "replay", "sweep", "bench");

    private VectorModule() {
    }

    /** Whether this JVM resolved the module. */
    public static boolean resolved() {
        return ModuleLayer.boot().findModule(NAME).isPresent();
    }

    /** Whether this Java runtime has the module (a jlink'ed runtime may not). */
    public static boolean inImage() {
        return ModuleFinder.ofSystem().find(NAME).isPresent();
    }

    /** The options that add it to a child JVM: {@code --add-modules=jdk.incubator.vector}, or none without it. */
    public static List<String> options() {
        return inImage() && !"scalar".equals(System.getProperty("wolpertinger.lanes"))
                ? List.of("--add-modules=" + NAME) : List.of();
    }

    /** Whether {@code command} should run in a child JVM that has the module. */
    public static boolean relaunchWanted(String[] command) {
        return command.length > 0 && COMMANDS.contains(command[0]) && !List.of(command).contains("--help")
                && !resolved() && !options().isEmpty();
    }

    /**
     * Copies {@code from} (a child's stderr) line by line to {@code to}, without the module's
     * start-up warning, on a daemon thread; returns it (join it before reading the exit code's output).
     */
    public static Thread forwardErrors(InputStream from, PrintStream to) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(from, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (!line.equals(WARNING)) {
                        to.println(line);
                    }
                }
            } catch (IOException e) {
                to.println("error: lost the child JVM's error output (" + e.getMessage() + ")");
            }
        }, "child-stderr");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

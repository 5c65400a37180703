package lab.wolpertinger;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import lab.wolpertinger.cli.Cli;

/**
 * The jar's main class. It is deliberately not a JavaFX {@code Application}: on the plain
 * classpath an Application main class fails with "JavaFX runtime components are missing".
 */
public final class Launcher {
    private Launcher() {
    }

    /** Runs the CLI; with no command it prints the help (the lab window comes with issue 3). */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = Cli.run(args, out, err);
        System.exit(code);
    }
}

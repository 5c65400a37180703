package lab.wolpertinger;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import lab.wolpertinger.cli.Cli;
import lab.wolpertinger.ui.LabApp;

/**
 * The jar's main class. It is deliberately not a JavaFX {@code Application}: on the plain
 * classpath an Application main class fails with "JavaFX runtime components are missing".
 */
public final class Launcher {
    private Launcher() {
    }

    /**
     * With no arguments, or {@code lab [--preset NAME|FILE] [--autostart]}, opens the lab window;
     * anything else runs the CLI ({@code train}, {@code replay}, {@code --help}).
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        String[] command = args.length == 0 ? new String[] {"lab"} : args;
        int code = Cli.run(command, out, err, o -> LabApp.open(o.preset(), o.autostart(), o.benchSteps()));
        System.exit(code);
    }
}

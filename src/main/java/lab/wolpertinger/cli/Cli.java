package lab.wolpertinger.cli;

import java.io.PrintWriter;
import java.util.function.ToIntFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code lab} (the window), and the headless {@code train}, {@code eval},
 * {@code inspect}, {@code export-actor}, {@code sweep}, {@code replay}, {@code bench}, {@code actions}, {@code neighbours}. Bad input (unknown env, values
 * out of range, unreadable or malformed files) prints one line on stderr naming the problem
 * and exits with code 2; a stack trace would be a bug.
 */
@Command(name = "wolpertinger-lab", mixinStandardHelpOptions = true, version = "wolpertinger-lab 0.1.0",
        description = "Wolpertinger-DDPG in large discrete action spaces (Dulac-Arnold et al. 2015).",
        subcommands = {TrainCommand.class, EvalCommand.class, InspectCommand.class, ExportActorCommand.class,
            ReplayCommand.class, SweepCommand.class, BenchCommand.class, ActionsCommand.class, NeighboursCommand.class,
            CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    /** Exit code for input the user can fix. */
    public static final int BAD_INPUT = 2;

    /** Exit code of a training run that diverged (a non-finite loss, Q value or gradient). */
    public static final int DIVERGED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI with {@code args}, writing to the given streams, and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, o -> {
            err.println("error: the lab window is opened by the launcher (java -jar wolpertinger-lab.jar lab)");
            err.flush();
            return BAD_INPUT;
        });
    }

    /**
     * Runs the CLI; {@code lab} calls {@code labOpener} with its options (the launcher passes the
     * UI's entry point, which the CLI may not depend on).
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, ToIntFunction<LabOptions> labOpener) {
        CommandLine cmd = new CommandLine(new Cli());
        cmd.addSubcommand("lab", new LabCommand(labOpener));
        cmd.setOut(out);
        cmd.setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.flush();
            return BAD_INPUT;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IllegalArgumentException || ex instanceof java.io.UncheckedIOException) {
                err.println("error: " + ex.getMessage());
                err.flush();
                return BAD_INPUT;
            }
            throw ex;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}

package lab.wolpertinger.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless command line: {@code train}, {@code eval}, {@code inspect}, {@code export-actor},
 * {@code sweep}, {@code replay}, {@code bench}. Bad input (unknown env, values
 * out of range, unreadable or malformed files) prints one line on stderr naming the problem
 * and exits with code 2; a stack trace would be a bug.
 */
@Command(name = "wolpertinger-lab", mixinStandardHelpOptions = true, version = "wolpertinger-lab 0.1.0",
        description = "Wolpertinger-DDPG in large discrete action spaces (Dulac-Arnold et al. 2015).",
        subcommands = {TrainCommand.class, EvalCommand.class, InspectCommand.class, ExportActorCommand.class,
            ReplayCommand.class, SweepCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Cli implements Runnable {

    /** Exit code for input the user can fix. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the CLI with {@code args}, writing to the given streams, and returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cmd = new CommandLine(new Cli());
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

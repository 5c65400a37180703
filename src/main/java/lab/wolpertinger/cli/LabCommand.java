package lab.wolpertinger.cli;

import java.util.concurrent.Callable;
import java.util.function.ToIntFunction;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lab}: opens the lab window. The CLI does not know the UI (the layering forbids it), so
 * the window is opened by a function the launcher passes in. Before that, {@link DisplayCheck}
 * makes sure the window can open (GTK 3, a display); if not, one line and exit code 2.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Open the lab window (the default when no command is given).")
final class LabCommand implements Callable<Integer> {

    @Option(names = "--preset", defaultValue = "pendulum-200k",
            description = "Preset name (presets/NAME.json) or JSON file; default ${DEFAULT-VALUE}.")
    String preset;

    @Option(names = "--autostart", description = "Start training as soon as the window opens.")
    boolean autostart;

    @Option(names = "--bench-steps", defaultValue = "0", hidden = true,
            description = "Measurement: train S steps at full speed, print steps/s and frames/s as JSON, close.")
    int benchSteps;

    @Option(names = "--soak", paramLabel = "MINUTES", defaultValue = "0",
            description = "Soak test: train at full speed for MINUTES, print RSS, threads, fps, steps/s and the curve"
                    + " series sizes once a minute, then check them from minute 5 on; exit 0 if all held, else 1.")
    int soakMinutes;

    @Option(names = "--presenter",
            description = "Open in presenter mode: fonts x1.5, advanced controls folded away, a caption under each"
                    + " panel, and the right arrow stepping through one action selection stage by stage.")
    boolean presenter;

    @Spec
    CommandSpec spec;

    private final ToIntFunction<LabOptions> opener;
    private final DisplayCheck displayCheck;

    LabCommand(ToIntFunction<LabOptions> opener) {
        this(opener, DisplayCheck.ofSystem());
    }

    LabCommand(ToIntFunction<LabOptions> opener, DisplayCheck displayCheck) {
        this.opener = opener;
        this.displayCheck = displayCheck;
    }

    @Override
    public Integer call() {
        if (benchSteps < 0) {
            throw new IllegalArgumentException("--bench-steps must be >= 0, got " + benchSteps);
        }
        if (soakMinutes < 0) {
            throw new IllegalArgumentException("--soak must be >= 0 minutes, got " + soakMinutes);
        }
        Optional<String> problem = displayCheck.problem();
        if (problem.isPresent()) {
            spec.commandLine().getErr().println("error: " + problem.get());
            spec.commandLine().getErr().flush();
            return Cli.BAD_INPUT;
        }
        return opener.applyAsInt(new LabOptions(preset, autostart, benchSteps, soakMinutes, presenter));
    }
}

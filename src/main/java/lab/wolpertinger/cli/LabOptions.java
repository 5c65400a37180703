package lab.wolpertinger.cli;

/**
 * What {@code lab} was asked to open.
 *
 * @param preset preset name or JSON file
 * @param autostart start training at once
 * @param benchSteps if > 0, a measurement run: train this many steps, print throughput and frame rate, close
 * @param soakMinutes if > 0, a soak run: train at full speed this many minutes, print one line per
 *                    minute and a checked summary, close with exit code 0 (all checks held) or 1
 */
public record LabOptions(String preset, boolean autostart, int benchSteps, int soakMinutes) {
    /** Without a soak. */
    public LabOptions(String preset, boolean autostart, int benchSteps) {
        this(preset, autostart, benchSteps, 0);
    }
}

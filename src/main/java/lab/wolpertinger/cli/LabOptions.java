package lab.wolpertinger.cli;

/**
 * What {@code lab} was asked to open.
 *
 * @param preset preset name or JSON file
 * @param autostart start training at once
 * @param benchSteps if > 0, a measurement run: train this many steps, print throughput and frame rate, close
 * @param soakMinutes if > 0, a soak run: train at full speed this many minutes, print one line per
 *                    minute and a checked summary, close with exit code 0 (all checks held) or 1
 * @param presenter open in presenter mode (larger fonts, advanced controls folded, captions)
 */
public record LabOptions(String preset, boolean autostart, int benchSteps, int soakMinutes, boolean presenter) {
    /** Without a soak, not presenting. */
    public LabOptions(String preset, boolean autostart, int benchSteps) {
        this(preset, autostart, benchSteps, 0, false);
    }
}

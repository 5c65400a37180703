package lab.wolpertinger.cli;

/**
 * What {@code lab} was asked to open.
 *
 * @param preset preset name or JSON file
 * @param autostart start training at once
 * @param benchSteps if > 0, a measurement run: train this many steps, print throughput and frame rate, close
 */
public record LabOptions(String preset, boolean autostart, int benchSteps) {
}

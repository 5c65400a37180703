package lab.wolpertinger.agent;

/**
 * The exploration noise multiplier over time: falls linearly from {@code initial} to
 * {@code finalScale} over {@code decaySteps} steps after warm-up, then stays there
 * (the reference implementation's epsilon decay is {@code initial 1, final 0, 80,000 steps}).
 *
 * @param initial multiplier at the first step after warm-up
 * @param finalScale multiplier once the decay is over
 * @param decaySteps length of the linear decay in env steps; 0 means constant {@code initial}
 */
public record NoiseSchedule(double initial, double finalScale, int decaySteps) {

    public NoiseSchedule {
        if (!(initial >= 0) || !(finalScale >= 0) || decaySteps < 0) {
            throw new IllegalArgumentException("noise schedule needs scales >= 0 and decaySteps >= 0");
        }
    }

    /** The multiplier after {@code t} post-warm-up steps. */
    public double scale(long t) {
        if (decaySteps == 0 || t >= decaySteps) {
            return decaySteps == 0 ? initial : finalScale;
        }
        double remaining = 1.0 - (double) t / decaySteps;
        return finalScale + (initial - finalScale) * remaining;
    }
}

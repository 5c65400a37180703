package lab.wolpertinger.train;

/**
 * One finished training episode, as written to {@code metrics.csv}.
 *
 * @param episode 1-based episode number
 * @param step global env step count at the episode's end
 * @param episodeReturn undiscounted sum of rewards
 * @param length env steps in the episode
 * @param criticLoss mean critic MSE over the episode's updates (NaN if none)
 * @param actorQ mean Q(s, mu(s)) over the episode's updates (NaN if none)
 * @param k k in force at the episode's end
 * @param noiseScale exploration noise multiplier at the episode's end
 * @param terminated whether the episode ended in a terminal state (else by the time limit)
 * @param stepsPerSecond training throughput over the episode
 * @param wallSeconds seconds since training started
 * @param diagnostics the episode's diagnostics (TD error, Q range, ...; see {@link Diagnostics})
 */
public record EpisodeRecord(int episode, long step, double episodeReturn, int length, double criticLoss,
                            double actorQ, int k, double noiseScale, boolean terminated,
                            double stepsPerSecond, double wallSeconds, Diagnostics diagnostics) {

    /** The columns before the diagnostics, unchanged since the first metrics.csv (old files have only these). */
    public static final String BASE_CSV_HEADER =
            "episode,step,return,length,critic_loss,actor_q,k,noise_scale,terminated,steps_per_s,wall_s";

    /** CSV header matching {@link #toCsv()}: the base columns, then {@link Diagnostics#CSV_HEADER}'s. */
    public static final String CSV_HEADER = BASE_CSV_HEADER + "," + Diagnostics.CSV_HEADER;

    /** An episode without diagnostics ({@link Diagnostics#NONE}; tests). */
    public EpisodeRecord(int episode, long step, double episodeReturn, int length, double criticLoss,
                         double actorQ, int k, double noiseScale, boolean terminated,
                         double stepsPerSecond, double wallSeconds) {
        this(episode, step, episodeReturn, length, criticLoss, actorQ, k, noiseScale, terminated, stepsPerSecond,
                wallSeconds, Diagnostics.NONE);
    }

    /** Checks the diagnostics are present. */
    public EpisodeRecord {
        if (diagnostics == null) {
            throw new IllegalArgumentException("diagnostics must not be null (use Diagnostics.NONE)");
        }
    }

    /** This record as one CSV row (doubles in round-trip form). */
    public String toCsv() {
        return episode + "," + step + "," + episodeReturn + "," + length + "," + criticLoss + "," + actorQ
                + "," + k + "," + noiseScale + "," + terminated + "," + stepsPerSecond + "," + wallSeconds
                + "," + diagnostics.toCsv();
    }
}

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
 */
public record EpisodeRecord(int episode, long step, double episodeReturn, int length, double criticLoss,
                            double actorQ, int k, double noiseScale, boolean terminated,
                            double stepsPerSecond, double wallSeconds) {

    /** CSV header matching {@link #toCsv()}. */
    public static final String CSV_HEADER =
            "episode,step,return,length,critic_loss,actor_q,k,noise_scale,terminated,steps_per_s,wall_s";

    /** This record as one CSV row (doubles in round-trip form). */
    public String toCsv() {
        return episode + "," + step + "," + episodeReturn + "," + length + "," + criticLoss + "," + actorQ
                + "," + k + "," + noiseScale + "," + terminated + "," + stepsPerSecond + "," + wallSeconds;
    }
}

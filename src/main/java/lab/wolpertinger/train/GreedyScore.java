package lab.wolpertinger.train;

import java.util.Arrays;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerAgent;

/**
 * A trained agent scored greedily at its current k: the evaluation episodes (seeded from the run
 * seed exactly as the evaluation after training) and the median time of one greedy action
 * selection (actor, kNN, critic over the k candidates). {@code eval} and the sweep both score
 * through {@link #measure}, so a sweep row and {@code eval --k-ratio} agree.
 *
 * @param evaluation the greedy episodes' returns
 * @param k k in force
 * @param kRatio the k ratio in force
 * @param selectMedianMicros median wall time of one greedy selection in microseconds (NaN with no episodes)
 */
public record GreedyScore(Evaluation evaluation, int k, double kRatio, double selectMedianMicros) {

    /**
     * Scores {@code agent} (at its current k; set it with {@code agent.setKRatio} first) over
     * {@code episodes} greedy {@code envId} episodes seeded from {@code runSeed}. Runs on the
     * thread that owns the agent.
     */
    public static GreedyScore measure(Agent agent, String envId, int episodes, long runSeed) {
        long[][] times = {new long[1024]};
        int[] count = {0};
        Evaluation e = TrainingRun.evaluate(agent, envId, episodes, TrainingRun.evalSeedBase(runSeed), nanos -> {
            if (count[0] == times[0].length) {
                times[0] = Arrays.copyOf(times[0], count[0] * 2);
            }
            times[0][count[0]++] = nanos;
        });
        // an agent that scores all N (ACER) has k = N, ratio 1
        double kRatio = agent instanceof WolpertingerAgent w ? w.kRatio() : 1.0;
        return new GreedyScore(e, agent.k(), kRatio, median(times[0], count[0]) / 1e3);
    }

    private static double median(long[] values, int n) {
        if (n == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }
}

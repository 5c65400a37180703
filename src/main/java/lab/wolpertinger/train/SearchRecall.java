package lab.wolpertinger.train;

import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.knn.EmbeddedActionSet;
import lab.wolpertinger.knn.NeighbourSearch;
import lab.wolpertinger.knn.Recall;
import lab.wolpertinger.knn.Searches;

/**
 * The lab's live check of the approximate search: every {@link #INTERVAL}th scored training step
 * while the search is {@code approx}, the k nearest items to that step's noisy proto-action from
 * the agent's own search against the exact k nearest; recall@k is the share of the exact ones it
 * found, reported over the last {@link #WINDOW} checks. Costs one exact and one approximate query
 * per check. Owned by the training thread.
 */
final class SearchRecall {
    /** Scored training steps between two checks. */
    static final int INTERVAL = 100;
    /** Checks the reported recall is the mean of. */
    static final int WINDOW = 20;

    private final double[] recent = new double[WINDOW];
    private int count;
    private int next;
    private int sinceCheck;
    private NeighbourSearch exact;

    /** After a training step: checks the search if it is approximate and its turn has come. */
    void afterStep(WolpertingerAgent agent) {
        if (!WolpertingerConfig.APPROX.equals(agent.search()) || !(agent.actions() instanceof EmbeddedActionSet)) {
            count = 0; // the window is the approximate search's: it starts again when the search is switched back
            next = 0;
            sinceCheck = 0;
            return;
        }
        if (Double.isNaN(agent.lastQ()) || ++sinceCheck < INTERVAL) {
            return; // warm-up steps choose at random, without a search
        }
        sinceCheck = 0;
        if (exact == null) {
            exact = Searches.exact(agent.actions());
        }
        double r = Recall.measure(agent.policy().search(), exact,
                new double[][] {agent.lastNoisyProtoAction().clone()}, agent.k()).recall();
        recent[next] = r;
        next = (next + 1) % WINDOW;
        count = Math.min(WINDOW, count + 1);
    }

    /** The mean recall@k over the last checks, NaN before the first (or when the search is exact). */
    double recall() {
        if (count == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += recent[i];
        }
        return sum / count;
    }

    /** How many checks {@link #recall()} is over (at most {@link #WINDOW}). */
    int checks() {
        return count;
    }
}

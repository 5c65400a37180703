package lab.wolpertinger.train;

import java.util.function.Supplier;
import lab.wolpertinger.env.RewardRange;

/**
 * Collects a run's {@link Diagnostics} from values the update and the action selection already
 * computed: O(1) per step, no allocation except the records it hands out. Owned by the training
 * thread, like the run.
 *
 * <p>Three warnings, checked after every update:
 * <ul>
 *   <li>Q out of range: a Q value of the batch lies farther outside the allowed range than
 *       {@link #RANGE_MARGIN} times its width. A critic that learns strays outside: over their
 *       whole runs Pendulum's preset reached Q = 0.7 above the bound 0 (of [-1627, 0]) and
 *       CartPole's Q = -31 and 156 (of [0, 100]: DDPG's overestimation); a Pendulum critic with
 *       lr 5 reached -44,000 in its first episode;</li>
 *   <li>critic loss grown: the mean loss of the last {@link #RECENT_UPDATES} updates is at least
 *       {@link #LOSS_GROWTH} times the mean of the first {@link #EARLY_UPDATES};</li>
 *   <li>actor stuck: its gradient has been exactly 0 for {@link #RECENT_UPDATES} updates in a
 *       row, so the actor no longer learns: the critic's units died (what a critic with lr 5
 *       ends in after its Q values blew up) or the actor's tanh saturated.</li>
 * </ul>
 * A warning holds while its condition does; its likely cause is looked up once when it starts.
 */
final class DiagnosticsTracker {
    /** Q may lie this many times the allowed range's width outside it before the warning. */
    static final double RANGE_MARGIN = 1.0;
    /** The critic loss's early level is its mean over this many first updates. */
    static final int EARLY_UPDATES = 100;
    /** ... compared with its mean over this many latest updates. */
    static final int RECENT_UPDATES = 100;
    /** The factor of loss growth that raises the warning. */
    static final double LOSS_GROWTH = 100;

    private final RewardRange rewards;
    private final Supplier<String> cause;

    // the last update
    private double tdError = Double.NaN;
    private double qMin = Double.NaN;
    private double qMax = Double.NaN;
    private double gradNorm = Double.NaN;
    // the last RECENT_STEPS scored steps
    private final RecentFraction notNearest = new RecentFraction(Frame.RECENT_STEPS);
    private final RecentMean distance = new RecentMean(Frame.RECENT_STEPS);
    // the critic loss's growth
    private double earlyLossSum;
    private int earlyUpdates;
    private final RecentMean recentLoss = new RecentMean(RECENT_UPDATES);
    private int zeroGradientUpdates;
    // the warning in force ("" for none) and its cause, looked up when it started
    private String warning = "";
    private String warningCause;
    // the running episode
    private Sums episode = new Sums();

    /** Sums over the running episode's updates and scored steps. */
    private static final class Sums {
        int updates;
        double tdError;
        double gradNorm;
        double qMin = Double.POSITIVE_INFINITY;
        double qMax = Double.NEGATIVE_INFINITY;
        int selections;
        int notNearest;
        double distance;
        String warning = "";
    }

    /**
     * A tracker for an env whose rewards lie in {@code rewards}; {@code cause} names the likely
     * cause of a warning (e.g. {@link Divergence#likelyCause}), called once per warning onset.
     */
    DiagnosticsTracker(RewardRange rewards, Supplier<String> cause) {
        this.rewards = rewards;
        this.cause = cause;
    }

    /**
     * Records one finished update: the batch's mean |TD error|, its smallest and largest Q, the
     * actor's gradient norm, the critic loss, and the gamma in force (for the allowed Q range).
     */
    void update(double tdError, double qMin, double qMax, double gradNorm, double criticLoss, double gamma) {
        this.tdError = tdError;
        this.qMin = qMin;
        this.qMax = qMax;
        this.gradNorm = gradNorm;
        zeroGradientUpdates = gradNorm == 0 ? zeroGradientUpdates + 1 : 0;
        if (earlyUpdates < EARLY_UPDATES) {
            earlyLossSum += criticLoss;
            earlyUpdates++;
        } else {
            recentLoss.add(criticLoss); // after the early window: the two never overlap
        }
        Sums e = episode;
        e.updates++;
        e.tdError += tdError;
        e.gradNorm += gradNorm;
        e.qMin = Math.min(e.qMin, qMin);
        e.qMax = Math.max(e.qMax, qMax);
        String problem = problem(gamma);
        if (problem == null) {
            warning = "";
            warningCause = null;
        } else {
            if (warningCause == null) {
                warningCause = cause.get();
            }
            warning = problem + "; " + warningCause;
            if (e.warning.isEmpty()) {
                e.warning = warning; // the episode's first: what went wrong first is the likelier root
            }
        }
    }

    /** What is wrong after the latest update, or null. */
    private String problem(double gamma) {
        double low = rewards.lowestReturn(gamma);
        double high = rewards.highestReturn(gamma);
        double margin = RANGE_MARGIN * (high - low);
        if (qMax > high + margin) {
            return "Q " + Diagnostics.format(qMax) + " is above the highest return the rewards allow, "
                    + Diagnostics.format(high);
        }
        if (qMin < low - margin) {
            return "Q " + Diagnostics.format(qMin) + " is below the lowest return the rewards allow, "
                    + Diagnostics.format(low);
        }
        double early = earlyLossSum / EARLY_UPDATES;
        if (recentLoss.full() && early > 0 && recentLoss.mean() >= LOSS_GROWTH * early) {
            return "critic loss " + Diagnostics.format(recentLoss.mean()) + " is "
                    + Diagnostics.format(recentLoss.mean() / early) + "× its early level "
                    + Diagnostics.format(early);
        }
        if (zeroGradientUpdates >= RECENT_UPDATES) {
            return "the actor's gradient has been 0 for " + zeroGradientUpdates
                    + " updates: the actor no longer learns (dead critic units or a saturated actor)";
        }
        return null;
    }

    /**
     * Records one scored (not warm-up) action selection: whether the critic chose an action other
     * than the nearest to the noisy proto-action, and the chosen action's distance from it.
     */
    void selection(boolean chosenNotNearest, double chosenProtoDistance) {
        notNearest.add(chosenNotNearest);
        distance.add(chosenProtoDistance);
        Sums e = episode;
        e.selections++;
        if (chosenNotNearest) {
            e.notNearest++;
        }
        e.distance += chosenProtoDistance;
    }

    /** The live figures: the last update's, the last {@link Frame#RECENT_STEPS} scored steps', the warning in force. */
    Diagnostics live(double gamma, double noiseScale) {
        return new Diagnostics(tdError, qMin, qMax, rewards.lowestReturn(gamma), rewards.highestReturn(gamma),
                gradNorm, notNearest.fraction(), distance.mean(), notNearest.size(), noiseScale, warning);
    }

    /**
     * The running episode's figures (means over its updates and scored steps, the Q range over
     * all its batches, its first warning), then starts the next episode's.
     */
    Diagnostics finishEpisode(double gamma, double noiseScale) {
        Sums e = episode;
        episode = new Sums();
        double nan = Double.NaN;
        boolean updated = e.updates > 0;
        boolean selected = e.selections > 0;
        return new Diagnostics(updated ? e.tdError / e.updates : nan, updated ? e.qMin : nan, updated ? e.qMax : nan,
                rewards.lowestReturn(gamma), rewards.highestReturn(gamma), updated ? e.gradNorm / e.updates : nan,
                selected ? e.notNearest / (double) e.selections : nan, selected ? e.distance / e.selections : nan,
                e.selections, noiseScale, e.warning);
    }
}

package lab.wolpertinger.env;

import java.util.Arrays;
import lab.wolpertinger.random.SplitMix64;

/**
 * {@code Catalog-v0}: a recommender session over a catalog of n items with embeddings, the
 * paper's recommender case (Dulac-Arnold et al. 2015, section 5.2) where k matters: items close in
 * the embedding differ in value through a hidden quality that the embedding shows only noisily,
 * so among the k nearest items to a good proto-action the best is usually not the nearest.
 *
 * <h2>Action space</h2>
 * {@code Discrete(n)} with embeddings ({@link Embedded}): item i at e_i in [-1, 1]^d, built by
 * {@link CatalogItems} from the catalog seed. Coordinates {@code 0 .. d-2} are the item's topic,
 * coordinate {@code d-1} a small public signal of its hidden quality. Passed as {@code {i}}.
 *
 * <h2>Observation space</h2>
 * <table>
 *   <caption>Observation (length d)</caption>
 *   <tr><th>#</th><th>Observation</th><th>Min</th><th>Max</th></tr>
 *   <tr><td>0 .. d-2</td><td>the user's interest u, a point in topic space</td><td>-1.0</td><td>1.0</td></tr>
 *   <tr><td>d-1</td><td>time left, 1 - t / 100</td><td>0.0</td><td>1.0</td></tr>
 * </table>
 *
 * <h2>Reward</h2>
 * 1 when the user accepts the recommended item, else 0. The user accepts item i with
 * probability {@code sigmoid(-1 - 6 m + 2 q_i')}, where {@code m = mean_j (e_ij - u_j)^2} over
 * the topic coordinates and {@code q_i' = w quality_i + (1 - w) 1} blends the item's hidden quality
 * with a uniform one of 1 (one standard deviation above the mean) by w = {@code itemQuality} in
 * [0, 1]. w = 1 (the default) is the real catalog; w = 0 is the control setting: every item is
 * equally good, so the embedding alone decides, the nearest item to the ideal proto-action is the
 * best one, and the reward keeps the real catalog's scale (the best items are accepted with
 * probability ~0.73 in both).
 *
 * <h2>Dynamics</h2>
 * After an accept the interest drifts toward the item: {@code u += 0.2 (e_i - u)} on the topic
 * coordinates. t counts the session's steps.
 *
 * <h2>Starting state</h2>
 * A uniformly drawn topic cluster c; {@code u = clip(centre_c + 0.1 z, -1, 1)}, t = 0.
 *
 * <h2>Episode end</h2>
 * Terminated by the paper's rule: the user leaves with probability 0.1 after an accept and 0.2
 * after a reject. {@link Envs#make} wraps it in a {@link TimeLimit} of 100 steps.
 *
 * <h2>Cost</h2>
 * A step is O(d): one item's distance and one logistic. Building the items is O(n d), shared
 * between envs with the same (n, d, seed).
 *
 * <h2>Randomness</h2>
 * A {@link SplitMix64} as in every env: {@link #reset(long)} re-creates it, {@link #reset()}
 * continues it. Reset draws the cluster, then d - 1 normals; a step draws the accept
 * ({@code nextDouble() < p}), then the leave ({@code nextDouble() < 0.1 or 0.2}).
 */
public final class Catalog implements Env {

    /** Gymnasium-style id. */
    public static final String ID = "Catalog-v0";
    private static final RewardRange REWARD_RANGE = new RewardRange(0, 1);
    /** Default number of items. */
    public static final int DEFAULT_ITEMS = 100_000;
    /** Largest catalog. */
    public static final int MAX_ITEMS = 1_000_000;
    /** Default embedding dimension. */
    public static final int DEFAULT_DIM = 16;
    /** Smallest embedding dimension: one topic coordinate and the signal. */
    public static final int MIN_DIM = 2;
    /** Largest embedding dimension. */
    public static final int MAX_DIM = 64;
    /** Session length limit (the TimeLimit wrapper's). */
    public static final int MAX_STEPS = 100;

    /** Accept logit: A0 - A1 * m + QUALITY_WEIGHT * w * quality. */
    static final double A0 = -1.0;
    static final double A1 = 6.0;
    static final double QUALITY_WEIGHT = 2.0;
    /** The uniform quality the control gives every item (one standard deviation above the mean). */
    static final double CONTROL_QUALITY = 1.0;
    /** Interest drift toward an accepted item. */
    static final double DRIFT = 0.2;
    /** Leave probabilities after an accept and after a reject (the paper's). */
    static final double LEAVE_AFTER_ACCEPT = 0.1;
    static final double LEAVE_AFTER_REJECT = 0.2;
    /** Spread of the starting interest around its cluster centre. */
    static final double START_SPREAD = 0.1;

    private final CatalogItems items;
    private final double itemQuality;
    private final int d;
    private final int topics;
    private final Box observationSpace;
    private final Embedded actionSpace;
    private final double[] interest;
    private int t;
    private SplitMix64 rng = new SplitMix64(0);

    /**
     * @param items the catalog's items
     * @param itemQuality weight w of the hidden quality in [0, 1] (0: the control)
     */
    public Catalog(CatalogItems items, double itemQuality) {
        if (!(itemQuality >= 0 && itemQuality <= 1)) {
            throw new IllegalArgumentException("itemQuality must be in [0, 1] (1 the real catalog, 0 the control), got " + itemQuality);
        }
        this.items = items;
        this.itemQuality = itemQuality;
        this.d = items.dim();
        this.topics = d - 1;
        double[] low = new double[d];
        double[] high = new double[d];
        Arrays.fill(low, -1.0);
        Arrays.fill(high, 1.0);
        low[topics] = 0.0;
        this.observationSpace = new Box(low, high);
        this.actionSpace = new Embedded(items.size(), d, items.embeddings());
        this.interest = new double[topics];
    }

    @Override
    public String id() {
        return ID;
    }

    /** [0, 1]: 1 for an accepted recommendation, 0 for a rejected one. */
    @Override
    public RewardRange rewardRange() {
        return REWARD_RANGE;
    }

    @Override
    public Box observationSpace() {
        return observationSpace;
    }

    @Override
    public Embedded actionSpace() {
        return actionSpace;
    }

    /** The items (embeddings and hidden qualities). */
    public CatalogItems items() {
        return items;
    }

    /** The weight of the hidden quality (0: the control setting). */
    public double itemQuality() {
        return itemQuality;
    }

    @Override
    public double[] reset(long seed) {
        rng = new SplitMix64(seed);
        return reset();
    }

    @Override
    public double[] reset() {
        int c = rng.nextInt(items.clusters());
        for (int j = 0; j < topics; j++) {
            interest[j] = clip(items.centre(c, j) + START_SPREAD * rng.nextGaussian());
        }
        t = 0;
        return observation();
    }

    @Override
    public Step step(double[] action) {
        int i = itemOf(action);
        double p = acceptProbability(i);
        boolean accepted = rng.nextDouble() < p;
        boolean leaves = rng.nextDouble() < (accepted ? LEAVE_AFTER_ACCEPT : LEAVE_AFTER_REJECT);
        if (accepted) {
            float[] e = items.embeddings();
            int row = i * d;
            for (int j = 0; j < topics; j++) {
                interest[j] += DRIFT * (e[row + j] - interest[j]);
            }
        }
        t++;
        return new Step(observation(), accepted ? 1.0 : 0.0, leaves, false);
    }

    /**
     * The probability that the user in the current state accepts item i (the oracle's value of
     * an item; the agent never sees it).
     */
    public double acceptProbability(int i) {
        float[] e = items.embeddings();
        int row = i * d;
        double sum = 0;
        for (int j = 0; j < topics; j++) {
            double diff = e[row + j] - interest[j];
            sum += diff * diff;
        }
        double m = sum / topics;
        double quality = itemQuality * items.quality(i) + (1 - itemQuality) * CONTROL_QUALITY;
        double logit = A0 - A1 * m + QUALITY_WEIGHT * quality;
        return 1.0 / (1.0 + Math.exp(-logit));
    }

    /**
     * The proto-action an ideal actor would propose in the current state: the user's interest on
     * the topic coordinates and, when quality counts, the highest signal (1); in the control
     * setting the signal carries nothing and stays at 0.
     */
    public double[] idealProtoAction() {
        double[] proto = new double[d];
        System.arraycopy(interest, 0, proto, 0, topics);
        proto[topics] = itemQuality > 0 ? 1.0 : 0.0;
        return proto;
    }

    private int itemOf(double[] action) {
        if (action == null || action.length != 1) {
            throw new IllegalArgumentException("Catalog-v0 takes one action value, the item index");
        }
        double a = action[0];
        if (!(a >= 0 && a < items.size()) || a != Math.rint(a)) {
            throw new IllegalArgumentException("Catalog-v0 action must be an item index in [0, "
                    + (items.size() - 1) + "], got " + a);
        }
        return (int) a;
    }

    private double[] observation() {
        double[] obs = new double[d];
        System.arraycopy(interest, 0, obs, 0, topics);
        obs[topics] = Math.max(0.0, 1.0 - (double) t / MAX_STEPS);
        return obs;
    }

    private static double clip(double v) {
        return Math.max(-1.0, Math.min(1.0, v));
    }

    @Override
    public SplitMix64.State randomState() {
        return rng.state();
    }

    @Override
    public void restoreRandomState(SplitMix64.State state) {
        rng = SplitMix64.of(state);
    }

    /** The interest u (d - 1 values), then t. */
    @Override
    public double[] state() {
        double[] s = Arrays.copyOf(interest, d);
        s[topics] = t;
        return s;
    }

    @Override
    public String[] stateNames() {
        String[] names = new String[d];
        for (int j = 0; j < topics; j++) {
            names[j] = "u" + j;
        }
        names[topics] = "t";
        return names;
    }

    @Override
    public void setState(double[] state) {
        if (state == null || state.length != d) {
            throw new IllegalArgumentException("Catalog-v0 state has " + d + " values (u0..u" + (topics - 1) + ", t)");
        }
        for (int j = 0; j < topics; j++) {
            if (!(state[j] >= -1 && state[j] <= 1)) {
                throw new IllegalArgumentException("interest u" + j + " must be in [-1, 1], got " + state[j]);
            }
        }
        double tt = state[topics];
        if (!(tt >= 0 && tt <= MAX_STEPS) || tt != Math.rint(tt)) {
            throw new IllegalArgumentException("t must be a whole number in [0, " + MAX_STEPS + "], got " + tt);
        }
        System.arraycopy(state, 0, interest, 0, topics);
        t = (int) tt;
    }
}

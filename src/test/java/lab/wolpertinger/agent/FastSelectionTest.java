package lab.wolpertinger.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.BruteForceSearch;
import lab.wolpertinger.knn.DiscreteActionSet;
import lab.wolpertinger.knn.GridActionSet;
import lab.wolpertinger.nn.CriticNet;
import lab.wolpertinger.nn.Nd4jRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fast Wolpertinger step (d = 1 line solver, O(log N) neighbour range) returns exactly what
 * the definition returns: brute-force k nearest ({@link BruteForceSearch}), every candidate
 * scored with {@link CriticNet#scoreCandidates}, first maximum in neighbour order - the same
 * index and the same Q bits, on random and tie-constructed critics; and its lazily rebuilt
 * neighbour list, Q values and best position equal the exact path's.
 */
class FastSelectionTest {

    private static final int H1 = 32;
    private static final int H2 = 48;

    /** The definition, written out independently of the policy. */
    private static int[] bruteForce(ActionSet actions, CriticNet critic, float[] base, double[] proto, int k,
                                    double[] qOut) {
        int[] idx = new int[k];
        new BruteForceSearch(actions).nearest(proto, k, idx);
        int d = actions.dim();
        float[] cand = new float[k * d];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < d; j++) {
                cand[i * d + j] = (float) actions.coordinate(idx[i], j);
            }
        }
        critic.scoreCandidates(base, 0, cand, k, qOut);
        int best = 0;
        for (int i = 1; i < k; i++) {
            if (qOut[i] > qOut[best]) {
                best = i;
            }
        }
        return new int[] {idx[best], best};
    }

    private static int compare(ActionSet actions, CriticNet critic, int k, int states, long seed, boolean lazyToo) {
        Nd4jRuntime.init();
        SplittableRandom rng = new SplittableRandom(seed);
        WolpertingerPolicy fast = new WolpertingerPolicy(actions, k, 3);
        WolpertingerPolicy exact = new WolpertingerPolicy(actions, k, Integer.MAX_VALUE);
        INDArray obs = Nd4j.create(DataType.FLOAT, 1, 3);
        float[] base = new float[H2];
        double[] q = new double[k];
        int m = actions.size();
        for (int t = 0; t < states; t++) {
            for (int j = 0; j < 3; j++) {
                obs.putScalar(j, rng.nextDouble(-3, 3));
            }
            critic.splitBase(obs, base);
            double[] proto = new double[1];
            switch (t % 5) {
                case 0 -> proto[0] = rng.nextDouble(-1, 1);
                case 1 -> proto[0] = actions.coordinate(rng.nextInt(m), 0); // on a grid point
                case 2 -> { // half-way between grid points: distance ties at the range border
                    int i = rng.nextInt(m - 1);
                    proto[0] = (actions.coordinate(i, 0) + actions.coordinate(i + 1, 0)) / 2;
                }
                case 3 -> proto[0] = rng.nextBoolean() ? rng.nextDouble(-3, -0.99) : rng.nextDouble(0.99, 3);
                default -> proto[0] = Math.tanh(rng.nextDouble(-4, 4));
            }
            int[] expected = bruteForce(actions, critic, base, proto, k, q);
            int got = fast.select(critic, base, 0, proto);
            String what = "state " + t + " proto " + proto[0] + " k " + k;
            assertEquals(expected[0], got, what);
            assertEquals(Double.doubleToLongBits(q[expected[1]]), Double.doubleToLongBits(fast.lastQ()), what);
            assertEquals(Double.doubleToLongBits(q[expected[1]]),
                Double.doubleToLongBits(fast.maxQ(critic, base, 0, proto)), what);
            assertEquals(expected[0], exact.select(critic, base, 0, proto), what);
            if (lazyToo) {
                assertEquals(expected[1], fast.lastBestPosition(), what);
                assertArrayEquals(Arrays.copyOf(exact.neighbours(), k), Arrays.copyOf(fast.neighbours(), k), what);
                assertArrayEquals(Arrays.copyOf(q, k), Arrays.copyOf(fast.qValues(), k), what);
            }
        }
        return states;
    }

    private static CriticNet critic(long seed, double outputScale) {
        Nd4jRuntime.init();
        CriticNet critic = new CriticNet(3, 1, H1, H2, seed);
        critic.namedParameters().get("fc3.weight").muli(outputScale);
        critic.refreshHead();
        return critic;
    }

    @Test
    void pendulumSizedGridAgreesWithBruteForce() {
        GridActionSet actions = new GridActionSet(200_000, 1, new double[] {-2}, new double[] {2});
        for (int k : new int[] {48, 200, 20_000}) {
            compare(actions, critic(k, 100), k, 40, k, false);
        }
    }

    @Test
    void smallGridsAndEveryKAgreeWithBruteForceIncludingLazyLists() {
        SplittableRandom rng = new SplittableRandom(5);
        for (int trial = 0; trial < 40; trial++) {
            int n = 3 + rng.nextInt(3000);
            ActionSet actions = trial % 2 == 0 ? new GridActionSet(n, 1, new double[] {-1}, new double[] {1})
                : new DiscreteActionSet(n);
            int k = 1 + rng.nextInt(actions.size());
            compare(actions, critic(trial, Math.pow(10, rng.nextDouble(0, 3))), k, 15, trial, true);
        }
    }

    @Test
    void tieConstructedCriticsAgreeWithBruteForce() {
        SplittableRandom rng = new SplittableRandom(6);
        GridActionSet actions = new GridActionSet(4001, 1, new double[] {-2}, new double[] {2});
        for (int trial = 0; trial < 30; trial++) {
            CriticNet critic = critic(100 + trial, 50);
            INDArray w2 = critic.namedParameters().get("fc2.weight");
            INDArray b2 = critic.namedParameters().get("fc2.bias");
            INDArray w3 = critic.namedParameters().get("fc3.weight");
            for (int u = 0; u < H2; u++) {
                switch (rng.nextInt(5)) {
                    case 0 -> b2.putScalar(u, -50f);                 // never active: plateaus
                    case 1 -> w2.putScalar(u, H1, 0f);                // no action dependence
                    case 2 -> w3.putScalar(0, u, 0f);                 // no output weight
                    case 3 -> {                                       // duplicate (or cancel) an earlier unit
                        if (u > 0) {
                            int src = rng.nextInt(u);
                            for (int c = 0; c <= H1; c++) {
                                w2.putScalar(u, c, w2.getFloat(src, c));
                            }
                            b2.putScalar(u, b2.getFloat(src));
                            w3.putScalar(0, u, (rng.nextBoolean() ? 1 : -1) * w3.getFloat(0, src));
                        }
                    }
                    default -> { }
                }
            }
            if (trial % 3 == 0) { // every unit off: Q == b3 everywhere, the nearest must win
                b2.assign(-50f);
            }
            critic.refreshHead();
            int k = 1 + rng.nextInt(4001);
            compare(actions, critic, k, 20, trial, trial % 2 == 0);
        }
    }

    @Test
    void fastPathScoresFewCandidatesAndListsStayReadableAfterAnUpdate() {
        GridActionSet actions = new GridActionSet(200_000, 1, new double[] {-2}, new double[] {2});
        CriticNet critic = critic(1, 100);
        WolpertingerPolicy policy = new WolpertingerPolicy(actions, 20_000);
        float[] base = new float[H2];
        critic.splitBase(Nd4j.create(new float[] {0.3f, -0.2f, 1.5f}, new long[] {1, 3}), base);
        int chosen = policy.select(critic, base, 0, new double[] {0.1});
        double chosenQ = policy.lastQ();
        // the critic changes before anyone reads the lists (as after a DDPG update)
        critic.namedParameters().get("fc3.weight").muli(-1);
        critic.refreshHead();
        assertEquals(chosen, policy.neighbours()[policy.lastBestPosition()]);
        assertEquals(chosenQ, policy.qValues()[policy.lastBestPosition()]);
        double max = Arrays.stream(policy.qValues(), 0, 20_000).max().orElseThrow();
        assertEquals(max, chosenQ);
        assertTrue(Arrays.stream(policy.neighbours(), 0, 20_000).allMatch(i -> Math.abs(i - chosen) < 40_000));
    }
}

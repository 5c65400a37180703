package lab.wolpertinger.agent.acer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.knn.DiscreteActionSet;
import lab.wolpertinger.nn.PolicyQNet;
import lab.wolpertinger.train.Presets;
import org.junit.jupiter.api.Test;

/** The ACER agent's update put together: chunked passes against a state-by-state reference, and its guards. */
class AcerAgentTest {
    private static final int O = 3;
    private static final int N = 4;

    private static WolpertingerConfig config(double maxGradNorm) {
        return Presets.with(WolpertingerConfig.defaults(), Map.of("agent", "acer", "hidden1", 8, "hidden2", 6,
                "maxGradNorm", maxGradNorm, "seed", 17, "gamma", 0.9, "entropyWeight", 0.01, "delta", 0.05));
    }

    /** A random off-policy trajectory of {@code length} steps (more than one chunk of the net). */
    private static Trajectory trajectory(int length, boolean terminated) {
        SplittableRandom rng = new SplittableRandom(length);
        float[] obs = new float[length * O];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) rng.nextDouble(-1, 1);
        }
        int[] actions = new int[length];
        float[] rewards = new float[length];
        float[] mu = new float[length * N];
        for (int t = 0; t < length; t++) {
            actions[t] = rng.nextInt(N);
            rewards[t] = (float) rng.nextDouble(-1, 2);
            double s = 0;
            for (int a = 0; a < N; a++) {
                mu[t * N + a] = (float) rng.nextDouble(0.05, 1);
                s += mu[t * N + a];
            }
            for (int a = 0; a < N; a++) {
                mu[t * N + a] /= (float) s;
            }
        }
        return new Trajectory(length, obs, actions, rewards, mu, new float[] {0.3f, -0.2f, 0.9f}, terminated);
    }

    /**
     * The gradient of one update, rebuilt state by state: single-row forwards for V, Q and rho,
     * Retrace, then each state's output gradient back-propagated alone and summed.
     */
    private static float[] referenceGradient(AcerAgent agent, Trajectory t) {
        PolicyQNet net = agent.net();
        PolicyQNet avg = agent.averageNet();
        int len = t.length();
        float[] logits = new float[N];
        float[] q = new float[N];
        double[] pi = new double[N];
        double[] scratch = new double[N];
        double[] r = new double[len];
        double[] qa = new double[len];
        double[] v = new double[len];
        double[] rho = new double[len];
        for (int s = 0; s < len; s++) {
            net.forward(java.util.Arrays.copyOfRange(t.obs(), s * O, s * O + O), 1, true);
            net.logits(1, logits);
            net.q(1, q);
            AcerGradient.softmax(logits, 0, N, pi, scratch);
            for (int a = 0; a < N; a++) {
                v[s] += pi[a] * q[a];
            }
            qa[s] = q[t.actions()[s]];
            rho[s] = pi[t.actions()[s]] / t.mu()[s * N + t.actions()[s]];
            r[s] = t.rewards()[s];
        }
        double bootstrap = 0;
        if (!t.terminated()) {
            net.forward(t.lastObs(), 1, true);
            net.logits(1, logits);
            net.q(1, q);
            AcerGradient.softmax(logits, 0, N, pi, scratch);
            for (int a = 0; a < N; a++) {
                bootstrap += pi[a] * q[a];
            }
        }
        double[] targets = new double[len];
        Retrace.targets(r, qa, v, rho, bootstrap, 0.9, len, targets);
        AcerGradient g = new AcerGradient(N, 1.0, 0.01, true, 0.05);
        float[] avgLogits = new float[N];
        float[] gl = new float[N];
        float[] gq = new float[N];
        for (int s = 0; s < len; s++) {
            float[] x = java.util.Arrays.copyOfRange(t.obs(), s * O, s * O + O);
            avg.forward(x, 1, false);
            avg.logits(1, avgLogits);
            net.forward(x, 1, true);
            net.logits(1, logits);
            net.q(1, q);
            float[] mu = java.util.Arrays.copyOfRange(t.mu(), s * N, s * N + N);
            g.state(logits, q, 0, mu, 0, avgLogits, t.actions()[s], targets[s], gl, gq);
            net.backward(gl, gq, 1, s > 0);
        }
        return net.gradients().toFloatVector();
    }

    @Test
    void aChunkedUpdateSumsTheStatesGradientsLikeAStateByStateReference() {
        for (boolean terminated : new boolean[] {false, true}) {
            Trajectory t = trajectory(PolicyQNet.CHUNK + 9, terminated);
            AcerAgent reference = new AcerAgent(config(1e9), O, new DiscreteActionSet(N));
            // move the average net away from the online one, so the trust region has something to bind
            reference.learn(trajectory(12, false), false);
            AcerAgent agent = new AcerAgent(config(1e9), O, new DiscreteActionSet(N));
            agent.learn(trajectory(12, false), false);
            float[] want = referenceGradient(reference, t);
            agent.learn(t, false);
            float[] got = agent.net().gradients().toFloatVector();
            double scale = 0;
            for (float w : want) {
                scale = Math.max(scale, Math.abs(w));
            }
            assertTrue(scale > 1e-3, "a gradient worth comparing");
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4 * scale, "parameter " + i + (terminated ? " (terminal)" : ""));
            }
        }
    }

    @Test
    void theUpdateIsClippedToMaxGradNorm() {
        AcerAgent agent = new AcerAgent(config(1e-3), O, new DiscreteActionSet(N));
        agent.learn(trajectory(20, false), false);
        assertTrue(agent.lastGradNorm() > 1e-3, "the raw norm " + agent.lastGradNorm() + " is above the bound");
        assertEquals(1e-3, agent.net().gradients().norm2Number().doubleValue(), 1e-6);
        assertEquals(1, agent.updates());
    }

    @Test
    void observingAnActionItDidNotSampleIsRefused() {
        AcerAgent agent = new AcerAgent(config(40), O, new DiscreteActionSet(N));
        double[] x = {0.1, 0.2, 0.3};
        int a = agent.act(x, true);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> agent.observe(x, (a + 1) % N, 1.0, x, false, false));
        assertTrue(e.getMessage().startsWith("ACER observes only the action its last exploring act sampled"));
    }

    @Test
    void aWholeEpisodeTraceLearnsAtItsEndAndReplays() {
        AcerAgent agent = new AcerAgent(config(40), O, new DiscreteActionSet(N));
        double[] x = {0.1, 0.2, 0.3};
        for (int i = 0; i < 9; i++) {
            agent.observe(x, agent.act(x, true), 0.5, x, false, false);
        }
        assertEquals(0, agent.updates(), "traceLength 0: no update inside an episode");
        assertEquals(9, agent.traceSteps());
        agent.observe(x, agent.act(x, true), 0.5, x, false, true);
        assertEquals(1, agent.buffer().size());
        assertEquals(10, agent.buffer().steps());
        assertTrue(agent.updates() >= 1, "the on-policy update, then Poisson(4) replays");
        assertEquals(0, agent.traceSteps());
    }
}

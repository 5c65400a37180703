package lab.wolpertinger.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** TimeLimit: truncation exactly at the limit, both flags together, no stepping past the end. */
class TimeLimitTest {

    private static final double[] NO_TORQUE = {0.0};

    @Test
    void pendulumIsTruncatedAtExactlyTwoHundredSteps() {
        TimeLimit env = (TimeLimit) Envs.make("Pendulum-v1");
        env.reset(1);
        for (int t = 1; t < 200; t++) {
            Step step = env.step(NO_TORQUE);
            assertFalse(step.truncated(), "step " + t);
            assertEquals(t, env.elapsedSteps());
        }
        Step last = env.step(NO_TORQUE);
        assertTrue(last.truncated());
        assertFalse(last.terminated());
        assertTrue(last.done());
        assertEquals(200, env.elapsedSteps());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(NO_TORQUE));
        assertTrue(e.getMessage().contains("Pendulum-v1") && e.getMessage().contains("200")
                && e.getMessage().contains("reset"), e.getMessage());
    }

    @Test
    void balancedCartPoleIsTruncatedAtExactlyFiveHundredSteps() {
        TimeLimit env = (TimeLimit) Envs.make("CartPole-v1");
        double[] s = env.reset(0);
        for (int t = 1; t <= 500; t++) {
            // a linear balancing policy: push towards where the pole is falling
            double lean = 0.1 * s[0] + 0.5 * s[1] + 3 * s[2] + s[3];
            Step step = env.step(new double[] {lean > 0 ? 1 : 0});
            assertFalse(step.terminated(), "the policy keeps the pole up; step " + t);
            assertEquals(t == 500, step.truncated(), "step " + t);
            assertEquals(1.0, step.reward(), 0.0);
            s = step.observation();
        }
        assertEquals(500, env.elapsedSteps());
        assertThrows(IllegalStateException.class, () -> env.step(new double[] {1}));
    }

    @Test
    void terminatedAndTruncatedCanBothBeTrue() {
        // the cart leaves the track on the very step that reaches the limit
        TimeLimit env = new TimeLimit(new CartPole(), 1);
        env.setState(new double[] {2.39, 1.0, 0, 0});
        Step step = env.step(new double[] {1});
        assertTrue(step.terminated());
        assertTrue(step.truncated());
        assertEquals(1.0, step.reward(), 0.0);
    }

    @Test
    void steppingAfterTerminationWithoutResetThrows() {
        TimeLimit env = new TimeLimit(new CartPole(), 500);
        env.setState(new double[] {2.39, 1.0, 0, 0});
        Step step = env.step(new double[] {1});
        assertTrue(step.terminated());
        assertFalse(step.truncated());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> env.step(new double[] {1}));
        assertTrue(e.getMessage().contains("CartPole-v1") && e.getMessage().contains("reset"), e.getMessage());
    }

    @Test
    void resetAndSetStateRestartTheCount() {
        TimeLimit env = new TimeLimit(new Pendulum(), 3);
        env.reset(4);
        env.step(NO_TORQUE);
        env.step(NO_TORQUE);
        assertEquals(2, env.elapsedSteps());
        env.reset();
        assertEquals(0, env.elapsedSteps());
        env.step(NO_TORQUE);
        env.step(NO_TORQUE);
        assertTrue(env.step(NO_TORQUE).truncated());
        env.setState(new double[] {0.1, 0.2});
        assertEquals(0, env.elapsedSteps());
        assertFalse(env.step(NO_TORQUE).truncated(), "setState starts a new episode: stepping is allowed again");
        assertEquals(1, env.elapsedSteps());
        env.reset(4);
        assertEquals(0, env.elapsedSteps());
    }

    @Test
    void aRejectedActionIsNotCounted() {
        TimeLimit env = new TimeLimit(new Pendulum(), 5);
        env.reset(0);
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.NaN}));
        assertEquals(0, env.elapsedSteps());
    }

    @Test
    void delegatesEverythingElseToTheWrappedEnv() {
        Pendulum inner = new Pendulum();
        TimeLimit env = new TimeLimit(inner, 7);
        assertEquals(7, env.maxEpisodeSteps());
        assertSame(inner, env.unwrapped());
        assertSame(inner, new TimeLimit(env, 3).unwrapped(), "unwrapped goes through every layer");
        assertEquals("Pendulum-v1", env.id());
        assertEquals(inner.observationSpace(), env.observationSpace());
        assertEquals(inner.actionSpace(), env.actionSpace());
        assertEquals(inner.stateNames().length, env.stateNames().length);
        double[] obs = env.reset(11);
        double[] direct = new Pendulum().reset(11);
        assertEquals(direct.length, obs.length);
        for (int i = 0; i < obs.length; i++) {
            assertEquals(direct[i], obs[i], 0.0);
        }
        env.setState(new double[] {0.25, -0.5});
        assertEquals(0.25, inner.state()[0], 0.0);
        assertEquals(-0.5, env.state()[1], 0.0);
    }

    @Test
    void constructorRejectsBadArguments() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new TimeLimit(new Pendulum(), 0));
        assertTrue(zero.getMessage().contains("maxEpisodeSteps") && zero.getMessage().contains(">= 1"),
                zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TimeLimit(null, 10));
    }
}

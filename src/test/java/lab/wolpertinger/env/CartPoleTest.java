package lab.wolpertinger.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** CartPole-v1 against values derived by hand from cartpole.py's equations. */
class CartPoleTest {

    /** cartpole.py: theta_threshold_radians = 12 * 2 * math.pi / 360 (12°), evaluated left to right. */
    private static final double THETA_THRESHOLD = 12 * 2 * Math.PI / 360;
    private static final double[] LEFT = {0};
    private static final double[] RIGHT = {1};

    private static CartPole at(double x, double xDot, double theta, double thetaDot) {
        CartPole env = new CartPole();
        env.setState(new double[] {x, xDot, theta, thetaDot});
        return env;
    }

    @Test
    void firstPushRightFromRestMatchesTheClosedForm() {
        // force 10 N, theta 0: temp = 10/1.1 = 100/11;
        // thetaacc = (0 - 100/11) / (0.5 * (4/3 - 0.1/1.1)) = -(100/11) / (41/66) = -600/41;
        // xacc = 100/11 - 0.05 * (-600/41) / 1.1 = 100/11 + 300/451 = 400/41.
        // Euler on the OLD velocities (both 0): x and theta stay 0.
        CartPole env = at(0, 0, 0, 0);
        Step step = env.step(RIGHT);
        double[] s = env.state();
        assertEquals(0.0, s[0], 0.0);
        assertEquals(0.02 * 400 / 41, s[1], 1e-15);
        assertEquals(0.0, s[2], 0.0);
        assertEquals(0.02 * -600 / 41, s[3], 1e-15);

        // the same in Python's floating-point order, bit for bit
        double temp = (10.0 + 0.05 * (0.0 * 0.0) * 0.0) / 1.1;
        double thetaacc = (9.8 * 0.0 - 1.0 * temp) / (0.5 * (4.0 / 3.0 - 0.1 * (1.0 * 1.0) / 1.1));
        double xacc = temp - 0.05 * thetaacc * 1.0 / 1.1;
        assertArrayEquals(new double[] {0.0, 0.02 * xacc, 0.0, 0.02 * thetaacc}, s, 0.0);
        assertArrayEquals(s, step.observation(), 0.0, "the observation is the state");
        assertEquals(1.0, step.reward(), 0.0);
        assertFalse(step.terminated());
        assertFalse(step.truncated());
    }

    @Test
    void pushLeftFromRestMirrorsPushRight() {
        CartPole right = at(0, 0, 0, 0);
        CartPole left = at(0, 0, 0, 0);
        right.step(RIGHT);
        left.step(LEFT);
        double[] r = right.state();
        double[] l = left.state();
        for (int i = 0; i < 4; i++) {
            assertEquals(-r[i], l[i], 0.0, "state " + i);
        }
        assertTrue(l[1] < 0 && l[3] > 0, "pushing left moves the cart left and tips the pole right");
    }

    @Test
    void positionsAdvanceWithTheOldVelocities() {
        // x = 0.5 + 0.02 * 1.5, theta = 0.01 + 0.02 * (-0.25): the new velocities play no part
        CartPole env = at(0.5, 1.5, 0.01, -0.25);
        env.step(RIGHT);
        assertEquals(0.5 + 0.02 * 1.5, env.state()[0], 0.0);
        assertEquals(0.01 + 0.02 * -0.25, env.state()[2], 0.0);
    }

    @Test
    void multiStepTrajectoryEqualsTheEquationsBitForBit() {
        double x = 0.03;
        double xDot = -0.4;
        double theta = -0.07;
        double thetaDot = 0.9;
        CartPole env = at(x, xDot, theta, thetaDot);
        int[] actions = {1, 0, 0, 1, 1, 1, 0, 1, 0, 0};
        for (int t = 0; t < 40; t++) {
            int a = actions[t % actions.length];
            // cartpole.py, written out line by line with the constants inlined
            double force = a == 1 ? 10.0 : -10.0;
            double costheta = StrictMath.cos(theta);
            double sintheta = StrictMath.sin(theta);
            double temp = (force + 0.05 * (thetaDot * thetaDot) * sintheta) / 1.1;
            double thetaacc = (9.8 * sintheta - costheta * temp)
                    / (0.5 * (4.0 / 3.0 - 0.1 * (costheta * costheta) / 1.1));
            double xacc = temp - 0.05 * thetaacc * costheta / 1.1;
            double newX = x + 0.02 * xDot;
            double newXDot = xDot + 0.02 * xacc;
            double newTheta = theta + 0.02 * thetaDot;
            double newThetaDot = thetaDot + 0.02 * thetaacc;
            x = newX;
            xDot = newXDot;
            theta = newTheta;
            thetaDot = newThetaDot;

            env.step(new double[] {a});
            double[] s = env.state();
            double[] expected = {x, xDot, theta, thetaDot};
            for (int i = 0; i < 4; i++) {
                assertEquals(Double.doubleToLongBits(expected[i]), Double.doubleToLongBits(s[i]),
                        "state " + i + " at step " + t + ": expected " + expected[i] + " but was " + s[i]);
            }
        }
    }

    @Test
    void terminatesJustOutsideEachOfTheFourBoundsAndNotOnThem() {
        // with zero velocities a step leaves x and theta unchanged (x + 0.02 * 0 == x)
        assertTerminated(false, at(2.4, 0, 0, 0));
        assertTerminated(true, at(Math.nextUp(2.4), 0, 0, 0));
        assertTerminated(false, at(-2.4, 0, 0, 0));
        assertTerminated(true, at(Math.nextDown(-2.4), 0, 0, 0));
        assertTerminated(false, at(0, 0, THETA_THRESHOLD, 0));
        assertTerminated(true, at(0, 0, Math.nextUp(THETA_THRESHOLD), 0));
        assertTerminated(false, at(0, 0, -THETA_THRESHOLD, 0));
        assertTerminated(true, at(0, 0, Math.nextDown(-THETA_THRESHOLD), 0));
        // the bound is checked on the state after the step: moving out terminates, in does not
        assertTerminated(true, at(2.39, 1.0, 0, 0));     // x becomes 2.41
        assertTerminated(false, at(2.41, -1.0, 0, 0));   // x becomes 2.39
    }

    private static void assertTerminated(boolean expected, CartPole env) {
        double[] before = env.state();
        Step step = env.step(RIGHT);
        assertEquals(expected, step.terminated(), () -> "from " + java.util.Arrays.toString(before)
                + " to " + java.util.Arrays.toString(env.state()));
        assertEquals(1.0, step.reward(), 0.0, "every step up to and including the terminating one earns 1");
        assertFalse(step.truncated(), "the env itself never truncates");
    }

    @Test
    void steppingOnAfterTerminationEarnsZeroUntilReset() {
        CartPole env = at(2.45, 0.5, 0, 0);
        Step fall = env.step(RIGHT);
        assertTrue(fall.terminated());
        assertEquals(1.0, fall.reward(), 0.0);
        for (int i = 0; i < 3; i++) {
            Step after = env.step(LEFT);
            assertTrue(after.terminated());
            assertEquals(0.0, after.reward(), 0.0);
        }
        // a reset clears Gymnasium's steps_beyond_terminated: the next fall earns 1 again
        env.reset(5);
        env.setState(new double[] {2.45, 0.5, 0, 0});
        assertEquals(1.0, env.step(RIGHT).reward(), 0.0);
        assertEquals(0.0, env.step(RIGHT).reward(), 0.0);
        env.reset();
        assertEquals(1.0, env.step(RIGHT).reward(), 0.0, "a fresh episode near the centre");
    }

    @Test
    void setStateAlsoClearsTheTerminationCount() {
        CartPole env = at(-2.45, -0.5, 0, 0);
        env.step(LEFT);
        assertEquals(0.0, env.step(LEFT).reward(), 0.0);
        env.setState(new double[] {-2.45, -0.5, 0, 0});
        assertEquals(1.0, env.step(LEFT).reward(), 0.0);
    }

    @Test
    void spacesAreGymnasiums() {
        CartPole env = new CartPole();
        assertEquals("CartPole-v1", env.id());
        assertEquals(new Discrete(2), env.actionSpace());
        double inf = Double.POSITIVE_INFINITY;
        assertEquals(new Box(new double[] {-4.8, -inf, -2 * THETA_THRESHOLD, -inf},
                new double[] {4.8, inf, 2 * THETA_THRESHOLD, inf}), env.observationSpace());
        assertEquals(Math.toRadians(24), env.observationSpace().high(2), 1e-15);
        assertArrayEquals(new String[] {"x", "x_dot", "theta", "theta_dot"}, env.stateNames());
    }

    @Test
    void resetDrawsEachVariableFromUniformMinusFiveHundredthsToFiveHundredths() {
        CartPole env = new CartPole();
        double[] obs = env.reset(99);
        SplittableRandom random = new SplittableRandom(99);
        double[] expected = new double[4];
        for (int i = 0; i < 4; i++) {
            expected[i] = -0.05 + (0.05 - -0.05) * random.nextDouble();
        }
        assertArrayEquals(expected, obs, 0.0);
        assertArrayEquals(expected, env.state(), 0.0);
        for (int n = 0; n < 1000; n++) {
            for (double v : env.reset()) {
                assertTrue(v >= -0.05 && v < 0.05, "start value " + v);
            }
        }
    }

    @Test
    void badActionsAreRejectedNamingTheActionAndTheAllowedValues() {
        CartPole env = at(0, 0, 0, 0);
        double[][] bad = {{2}, {-1}, {0.5}, {Double.NaN}, {}, {0, 1}};
        String[] shown = {"[2.0]", "[-1.0]", "[0.5]", "[NaN]", "[]", "[0.0, 1.0]"};
        for (int i = 0; i < bad.length; i++) {
            double[] action = bad[i];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.step(action));
            String m = e.getMessage();
            assertTrue(m.contains("CartPole-v1") && m.contains(shown[i]) && m.contains("{0}") && m.contains("{1}"), m);
        }
        assertThrows(IllegalArgumentException.class, () -> env.step(null));
        assertArrayEquals(new double[] {0, 0, 0, 0}, env.state(), 0.0, "rejected actions leave the state alone");
    }

    @Test
    void badStatesAreRejectedNamingTheEnvAndTheStateVariables() {
        CartPole env = new CartPole();
        for (double[] bad : new double[][] {{0, 0, 0}, {0, 0, 0, 0, 0}, {0, Double.NaN, 0, 0},
                {0, 0, 0, Double.POSITIVE_INFINITY}, null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.setState(bad));
            assertTrue(e.getMessage().startsWith("CartPole-v1")
                    && e.getMessage().contains("x, x_dot, theta, theta_dot"), e.getMessage());
        }
    }

    @Test
    void steppingBeforeAnyResetIsAnError() {
        assertThrows(IllegalStateException.class, () -> new CartPole().step(RIGHT));
    }
}

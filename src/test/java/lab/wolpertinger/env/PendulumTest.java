package lab.wolpertinger.env;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pendulum-v1 against values derived by hand from pendulum.py's equations. */
class PendulumTest {

    private static Pendulum at(double theta, double thetadot) {
        Pendulum env = new Pendulum();
        env.setState(new double[] {theta, thetadot});
        return env;
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual),
                what + ": expected " + expected + " but was " + actual);
    }

    @Test
    void uprightAtRestWithoutTorqueStaysPutWithRewardZero() {
        Pendulum env = at(0.0, 0.0);
        Step step = env.step(new double[] {0.0});
        assertArrayEquals(new double[] {0.0, 0.0}, env.state(), 0.0);
        assertArrayEquals(new double[] {1.0, 0.0, 0.0}, step.observation(), 0.0);
        assertEquals(0.0, step.reward(), 0.0);
        assertFalse(step.terminated());
        assertFalse(step.truncated());
    }

    @Test
    void horizontalAtRestFallsWithGravityOnly() {
        // sin(pi/2) == 1.0 in double; 3*g/(2*l) = 30/2 = 15; 15 * 1 * dt(0.05) rounds to 0.75
        Pendulum env = at(Math.PI / 2, 0.0);
        Step step = env.step(new double[] {0.0});
        assertEquals(0.75, env.state()[1], 0.0);
        assertEquals(Math.PI / 2 + 0.0375, env.state()[0], 1e-15);
        assertBits(Math.PI / 2 + 0.75 * 0.05, env.state()[0], "theta");
        // angle_normalize(pi/2) == pi/2 exactly, so the cost is (pi/2)^2 alone
        assertEquals(-(Math.PI / 2) * (Math.PI / 2), step.reward(), 0.0);
    }

    @Test
    void torqueIsClippedToTwoAndTheCostUsesTheClippedTorque() {
        // From rest at the top: newthdot = (3/(m*l^2)) * 2 * dt; cost = 0.001 * 2^2 = 0.004
        for (double u : new double[] {2.0, 5.0, 1e9}) {
            Pendulum env = at(0.0, 0.0);
            Step step = env.step(new double[] {u});
            assertEquals(6.0 * 0.05, env.state()[1], 0.0, "thetadot for u=" + u);
            assertEquals(0.0 + 6.0 * 0.05 * 0.05, env.state()[0], 0.0, "theta for u=" + u);
            assertEquals(-0.004, step.reward(), 0.0, "reward for u=" + u);
        }
        Pendulum env = at(0.0, 0.0);
        Step step = env.step(new double[] {-5.0});
        assertEquals(-6.0 * 0.05, env.state()[1], 0.0);
        assertEquals(-0.004, step.reward(), 0.0);
    }

    @Test
    void torqueInsideTheRangeIsNotClipped() {
        Pendulum env = at(0.0, 0.0);
        Step step = env.step(new double[] {1.5});
        assertEquals(4.5 * 0.05, env.state()[1], 0.0);
        assertEquals(-(0.001 * (1.5 * 1.5)), step.reward(), 0.0);
    }

    @Test
    void speedIsClippedToEightBeforeTheAngleIntegratesIt() {
        // 7.9 + (0 + 3*2)*0.05 = 8.2 > 8 -> 8; theta = 0 + 8 * 0.05 = 0.4
        Pendulum up = at(0.0, 7.9);
        Step step = up.step(new double[] {2.0});
        assertEquals(8.0, up.state()[1], 0.0);
        assertEquals(0.4, up.state()[0], 0.0);
        assertEquals(8.0, step.observation()[2], 0.0);
        // the cost still uses the speed before the step: 0.1 * 7.9^2 + 0.001 * 4
        assertEquals(-(0.1 * (7.9 * 7.9) + 0.004), step.reward(), 0.0);

        Pendulum down = at(0.0, -7.9);
        down.step(new double[] {-2.0});
        assertEquals(-8.0, down.state()[1], 0.0);
        assertEquals(-0.4, down.state()[0], 0.0);
    }

    @Test
    void angleNormalizeFollowsPythonModulo() {
        // (pi + pi) % (2pi) == 0 -> 0 - pi: pi maps to -pi, as in Python
        assertEquals(-Math.PI, Pendulum.angleNormalize(Math.PI), 0.0);
        assertEquals(-Math.PI, Pendulum.angleNormalize(-Math.PI), 0.0);
        // 3pi and -3pi sit on the seam too (checked against Python: both give -pi)
        assertEquals(-Math.PI, Pendulum.angleNormalize(3 * Math.PI), 0.0);
        assertEquals(-Math.PI, Pendulum.angleNormalize(-3 * Math.PI), 0.0);
        // -0.1 + pi lies in [0, 2pi), so the modulo is the identity; the rounding of -0.1 + pi
        // shows: Python also gives -0.10000000000000009
        assertEquals((-0.1 + Math.PI) - Math.PI, Pendulum.angleNormalize(-0.1), 0.0);
        assertEquals(-0.10000000000000009, Pendulum.angleNormalize(-0.1), 0.0);
        assertEquals(Math.PI / 2, Pendulum.angleNormalize(Math.PI / 2), 0.0);
        assertEquals(0.0, Pendulum.angleNormalize(0.0), 0.0);
        // a negative angle needs Python's sign rule: -4 + pi = -0.858..., fmod keeps it negative,
        // Python adds 2pi: -4 + 2pi
        assertEquals(-4 + 2 * Math.PI, Pendulum.angleNormalize(-4.0), 1e-15);
        assertEquals(4 - 2 * Math.PI, Pendulum.angleNormalize(4.0), 1e-15);
    }

    @Test
    void angleNormalizeMatchesAnExactModuloOracle() {
        SplittableRandom random = new SplittableRandom(42);
        double[] fixed = {-1e6, -100.25, -7.5, -2 * Math.PI, -Math.ulp(0.0), -0.0, 1e-300, 6.0, 1e6};
        for (double x : fixed) {
            assertBits(exactAngleNormalize(x), Pendulum.angleNormalize(x), "angleNormalize(" + x + ")");
        }
        for (int i = 0; i < 2000; i++) {
            double x = (random.nextDouble() - 0.5) * 200;
            double a = Pendulum.angleNormalize(x);
            assertBits(exactAngleNormalize(x), a, "angleNormalize(" + x + ")");
            assertTrue(a >= -Math.PI && a < Math.PI, "in [-pi, pi): " + a);
        }
    }

    /**
     * An independent oracle: Python's {@code a % b} is the exact value {@code a - floor(a/b)*b}
     * rounded once to double (fmod is exact, and the one correction adds b with one rounding).
     */
    private static double exactAngleNormalize(double x) {
        double a = x + Math.PI;
        double b = 2 * Math.PI;
        BigDecimal ea = new BigDecimal(a);
        BigDecimal eb = new BigDecimal(b);
        BigDecimal q = ea.divide(eb, 0, java.math.RoundingMode.FLOOR);
        BigDecimal r = ea.subtract(q.multiply(eb));
        double mod = r.signum() == 0 ? 0.0 : r.doubleValue();
        return mod - Math.PI;
    }

    @Test
    void multiStepTrajectoryEqualsTheEquationsBitForBit() {
        Pendulum env = at(-2.9, 3.1);
        double th = -2.9;
        double thdot = 3.1;
        double[] torques = {0.0, 1.0, -2.0, 3.5, -7.0, 0.25, 2.0, -0.5};
        for (int t = 0; t < 120; t++) {
            double action = torques[t % torques.length];
            // pendulum.py, written out line by line
            double u = action > 2.0 ? 2.0 : (action < -2.0 ? -2.0 : action);
            double an = exactAngleNormalize(th);
            double costs = an * an + 0.1 * (thdot * thdot) + 0.001 * (u * u);
            double newthdot = thdot + (30.0 / 2.0 * StrictMath.sin(th) + 3.0 / 1.0 * u) * 0.05;
            newthdot = newthdot > 8 ? 8 : (newthdot < -8 ? -8 : newthdot);
            double newth = th + newthdot * 0.05;
            th = newth;
            thdot = newthdot;

            Step step = env.step(new double[] {action});
            assertBits(th, env.state()[0], "theta at step " + t);
            assertBits(thdot, env.state()[1], "thetadot at step " + t);
            assertBits(-costs, step.reward(), "reward at step " + t);
            assertBits(StrictMath.cos(th), step.observation()[0], "cos at step " + t);
            assertBits(StrictMath.sin(th), step.observation()[1], "sin at step " + t);
            assertBits(thdot, step.observation()[2], "obs thetadot at step " + t);
        }
    }

    @Test
    void spacesAreGymnasiums() {
        Pendulum env = new Pendulum();
        assertEquals("Pendulum-v1", env.id());
        assertEquals(new Box(new double[] {-1, -1, -8}, new double[] {1, 1, 8}), env.observationSpace());
        assertEquals(new Box(new double[] {-2}, new double[] {2}), env.actionSpace());
        assertArrayEquals(new String[] {"theta", "thetadot"}, env.stateNames());
    }

    @Test
    void resetDrawsThetaThenThetadotUniformlyFromTheSeededGenerator() {
        Pendulum env = new Pendulum();
        double[] obs = env.reset(123);
        SplittableRandom random = new SplittableRandom(123);
        double th = -Math.PI + (Math.PI - -Math.PI) * random.nextDouble();
        double thdot = -1.0 + (1.0 - -1.0) * random.nextDouble();
        assertArrayEquals(new double[] {th, thdot}, env.state(), 0.0);
        assertArrayEquals(new double[] {StrictMath.cos(th), StrictMath.sin(th), thdot}, obs, 0.0);
        for (int i = 0; i < 1000; i++) {
            env.reset();
            double[] s = env.state();
            assertTrue(s[0] >= -Math.PI && s[0] < Math.PI, "theta " + s[0]);
            assertTrue(s[1] >= -1 && s[1] < 1, "thetadot " + s[1]);
        }
    }

    @Test
    void returnedArraysAreFreshCopies() {
        Pendulum env = at(0.5, 0.5);
        double[] state = env.state();
        state[0] = 99;
        assertEquals(0.5, env.state()[0], 0.0);
        Step a = env.step(new double[] {0});
        Step b = env.step(new double[] {0});
        assertNotSame(a.observation(), b.observation());
    }

    @Test
    void badActionsAreRejectedWithTheActionInTheMessage() {
        Pendulum env = at(0, 0);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> env.step(new double[] {Double.NaN}));
        assertTrue(nan.getMessage().contains("Pendulum-v1") && nan.getMessage().contains("[NaN]"), nan.getMessage());
        assertTrue(nan.getMessage().contains("[-2, 2]"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[] {Double.POSITIVE_INFINITY}));
        IllegalArgumentException two = assertThrows(IllegalArgumentException.class,
                () -> env.step(new double[] {1, 2}));
        assertTrue(two.getMessage().contains("[1.0, 2.0]"), two.getMessage());
        assertThrows(IllegalArgumentException.class, () -> env.step(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> env.step(null));
        assertArrayEquals(new double[] {0, 0}, env.state(), 0.0, "a rejected action leaves the state alone");
    }

    @Test
    void badStatesAreRejectedNamingTheEnvAndTheStateVariables() {
        Pendulum env = new Pendulum();
        for (double[] bad : new double[][] {{1}, {1, 2, 3}, {Double.NaN, 0}, {0, Double.NEGATIVE_INFINITY}, null}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.setState(bad));
            assertTrue(e.getMessage().startsWith("Pendulum-v1") && e.getMessage().contains("theta, thetadot"),
                    e.getMessage());
        }
    }

    @Test
    void steppingBeforeAnyResetIsAnError() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Pendulum().step(new double[] {0}));
        assertTrue(e.getMessage().contains("reset"), e.getMessage());
    }
}

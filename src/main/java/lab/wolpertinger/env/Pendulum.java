package lab.wolpertinger.env;

import java.util.Arrays;
import lab.wolpertinger.random.SplitMix64;

/**
 * Gymnasium's {@code Pendulum-v1} ({@code classic_control/pendulum.py}): swing a frictionless
 * pendulum up and keep it upright by applying a torque at its free end's pivot.
 *
 * <h2>Action space</h2>
 * {@code Box([-2.0], [2.0])}: the torque {@code u} in N·m. Out-of-range torques are clipped to
 * [-2, 2] (the cost uses the clipped value); a NaN or infinite torque is rejected.
 *
 * <h2>Observation space</h2>
 * <table>
 *   <caption>Observation</caption>
 *   <tr><th>#</th><th>Observation</th><th>Min</th><th>Max</th></tr>
 *   <tr><td>0</td><td>x = cos(theta)</td><td>-1.0</td><td>1.0</td></tr>
 *   <tr><td>1</td><td>y = sin(theta)</td><td>-1.0</td><td>1.0</td></tr>
 *   <tr><td>2</td><td>angular velocity thetadot (rad/s)</td><td>-8.0</td><td>8.0</td></tr>
 * </table>
 * theta is 0 with the pendulum upright and grows counter-clockwise. Gymnasium casts the
 * observation to float32; we keep doubles.
 *
 * <h2>Reward</h2>
 * {@code r = -(angle_normalize(theta)^2 + 0.1 * thetadot^2 + 0.001 * u^2)}, computed from the
 * state <em>before</em> the step; at most 0 (upright, at rest, no torque), at least about -16.27.
 *
 * <h2>Starting state</h2>
 * theta ~ U[-pi, pi], thetadot ~ U[-1, 1].
 *
 * <h2>Episode end</h2>
 * Never terminates; {@link Envs#make} wraps it in a {@link TimeLimit} of 200 steps.
 *
 * <h2>Arithmetic</h2>
 * The step evaluates pendulum.py's expressions in double precision and in Python's order
 * (left to right, {@code x**2} as {@code x*x}); {@code angle_normalize} uses Python's float
 * modulo (result has the divisor's sign). Sines and cosines use {@link StrictMath} (fdlibm),
 * reproducible on every JVM; NumPy uses the platform libm, and both are within 1 ulp, so a
 * trajectory can differ from Gymnasium's in the last bits. Gymnasium passes float32 actions,
 * which makes the torque terms float32 there; here the torque is a double.
 *
 * <h2>Randomness</h2>
 * The env owns a {@link SplitMix64} (the same stream as {@code SplittableRandom}): {@link #reset(long)}
 * re-creates it from the seed,
 * {@link #reset()} continues it; before any seeded reset it is seeded with 0.
 * {@code uniform(lo, hi) = lo + (hi - lo) * nextDouble()}, theta drawn before thetadot.
 */
public final class Pendulum implements Env {

    /** Gymnasium id. */
    public static final String ID = "Pendulum-v1";

    private static final double MAX_SPEED = 8;      // rad/s, |thetadot| is clipped to this
    private static final double MAX_TORQUE = 2.0;   // N·m, |u| is clipped to this
    private static final double DT = 0.05;          // s, one Euler step
    private static final double G = 10.0;           // m/s², gravity
    private static final double M = 1.0;            // kg, point mass at the end of the rod
    private static final double L = 1.0;            // m, rod length
    private static final RewardRange REWARD_RANGE =
            new RewardRange(-(Math.PI * Math.PI + 0.1 * MAX_SPEED * MAX_SPEED + 0.001 * MAX_TORQUE * MAX_TORQUE), 0);

    private static final String[] STATE_NAMES = {"theta", "thetadot"};
    private static final Box OBSERVATION_SPACE =
            new Box(new double[] {-1.0, -1.0, -MAX_SPEED}, new double[] {1.0, 1.0, MAX_SPEED});
    private static final Box ACTION_SPACE = new Box(new double[] {-MAX_TORQUE}, new double[] {MAX_TORQUE});

    private SplitMix64 random = new SplitMix64(0);
    private double th;      // rad, 0 = upright
    private double thdot;   // rad/s
    private boolean hasState;

    /** A pendulum with no state yet: call {@link #reset(long)} or {@link #setState} first. */
    public Pendulum() {
    }

    /**
     * Gymnasium's {@code angle_normalize(x) = ((x + pi) % (2*pi)) - pi} with Python's float
     * modulo, mapping any angle into [-pi, pi) (e.g. pi maps to -pi).
     */
    public static double angleNormalize(double x) {
        return pythonMod(x + Math.PI, 2 * Math.PI) - Math.PI;
    }

    /** Python's {@code float % float} (CPython {@code float_rem}): the sign follows the divisor. */
    private static double pythonMod(double x, double y) {
        double mod = x % y; // Java's % on doubles is C fmod: exact, sign of the dividend
        if (mod != 0) {
            if ((y < 0) != (mod < 0)) {
                mod += y;
            }
        } else {
            mod = Math.copySign(0.0, y);
        }
        return mod;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * [-(pi^2 + 0.1 * 8^2 + 0.001 * 2^2), 0] = [-16.2736..., 0]: the reward's three terms at their
     * largest (angle pi, speed MAX_SPEED, torque MAX_TORQUE), and 0 upright at rest without torque.
     */
    @Override
    public RewardRange rewardRange() {
        return REWARD_RANGE;
    }

    @Override
    public Box observationSpace() {
        return OBSERVATION_SPACE;
    }

    @Override
    public Space actionSpace() {
        return ACTION_SPACE;
    }

    @Override
    public double[] reset(long seed) {
        random = new SplitMix64(seed);
        return reset();
    }

    @Override
    public double[] reset() {
        th = uniform(-Math.PI, Math.PI);
        thdot = uniform(-1.0, 1.0);
        hasState = true;
        return observation();
    }

    private double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    @Override
    public Step step(double[] action) {
        if (action == null || action.length != 1 || !Double.isFinite(action[0])) {
            throw new IllegalArgumentException(ID + ": action " + Arrays.toString(action)
                    + " is not allowed; pass one finite torque {u} (clipped to [-2, 2] N·m)");
        }
        if (!hasState) {
            throw new IllegalStateException(ID + ": step before reset; call reset(seed) or setState first");
        }
        double u = Math.min(Math.max(action[0], -MAX_TORQUE), MAX_TORQUE);
        double an = angleNormalize(th);
        double costs = an * an + 0.1 * (thdot * thdot) + 0.001 * (u * u);

        // newthdot = thdot + (3*g/(2*l)*sin(th) + 3.0/(m*l**2)*u)*dt, in Python's evaluation order
        double newthdot = thdot + ((3 * G) / (2 * L) * StrictMath.sin(th) + 3.0 / (M * (L * L)) * u) * DT;
        newthdot = Math.min(Math.max(newthdot, -MAX_SPEED), MAX_SPEED);
        // the angle integrates the clipped new velocity (semi-implicit Euler)
        double newth = th + newthdot * DT;

        th = newth;
        thdot = newthdot;
        return new Step(observation(), -costs, false, false);
    }

    private double[] observation() {
        return new double[] {StrictMath.cos(th), StrictMath.sin(th), thdot};
    }

    @Override
    public SplitMix64.State randomState() {
        return random.state();
    }

    @Override
    public void restoreRandomState(SplitMix64.State state) {
        random = SplitMix64.of(state);
    }

    @Override
    public double[] state() {
        return new double[] {th, thdot};
    }

    @Override
    public String[] stateNames() {
        return STATE_NAMES.clone();
    }

    @Override
    public void setState(double[] state) {
        if (state == null || state.length != STATE_NAMES.length
                || !Double.isFinite(state[0]) || !Double.isFinite(state[1])) {
            throw new IllegalArgumentException(ID + ": state " + Arrays.toString(state)
                    + " is not allowed; pass 2 finite values (theta, thetadot)");
        }
        th = state[0];
        thdot = state[1];
        hasState = true;
    }
}

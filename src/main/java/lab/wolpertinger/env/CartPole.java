package lab.wolpertinger.env;

import java.util.Arrays;
import lab.wolpertinger.random.SplitMix64;

/**
 * Gymnasium's {@code CartPole-v1} ({@code classic_control/cartpole.py}, Barto, Sutton and
 * Anderson 1983): a pole hinged on a cart that moves along a frictionless track; push the cart
 * left or right to keep the pole upright.
 *
 * <h2>Action space</h2>
 * {@code Discrete(2)}, passed as {@code new double[] {0}} (push left) or {@code {1}} (push
 * right) with a force of 10 N. Anything else is rejected.
 *
 * <h2>Observation space</h2>
 * <table>
 *   <caption>Observation</caption>
 *   <tr><th>#</th><th>Observation</th><th>Min</th><th>Max</th></tr>
 *   <tr><td>0</td><td>cart position x (m)</td><td>-4.8</td><td>4.8</td></tr>
 *   <tr><td>1</td><td>cart velocity x_dot (m/s)</td><td>-inf</td><td>inf</td></tr>
 *   <tr><td>2</td><td>pole angle theta (rad)</td><td>~ -0.419 (-24°)</td><td>~ 0.419 (24°)</td></tr>
 *   <tr><td>3</td><td>pole angular velocity theta_dot (rad/s)</td><td>-inf</td><td>inf</td></tr>
 * </table>
 * The bounds are twice the termination thresholds, as in Gymnasium. Gymnasium uses float32's
 * largest value for the unbounded dimensions and casts the observation to float32; we use
 * {@link Double#POSITIVE_INFINITY} and keep doubles (the observation is the state itself).
 *
 * <h2>Reward</h2>
 * +1 for every step, including the one that terminates. Stepping on after termination (without
 * a reset) gives 0 while the state stays out of bounds, as Gymnasium's
 * {@code steps_beyond_terminated} does (Gymnasium also warns; we do not).
 *
 * <h2>Starting state</h2>
 * Each of x, x_dot, theta, theta_dot ~ U[-0.05, 0.05], drawn in that order.
 *
 * <h2>Episode end</h2>
 * Terminated when {@code |x| > 2.4} or {@code |theta| > 12°} (strictly). {@link Envs#make}
 * wraps it in a {@link TimeLimit} of 500 steps.
 *
 * <h2>Arithmetic</h2>
 * The step evaluates cartpole.py's expressions in double precision, in Python's order (left to
 * right), with the Euler integrator: positions advance with the old velocities. Cosine and sine
 * use {@link StrictMath} (fdlibm), reproducible on every JVM; Python's libm agrees within 1 ulp.
 *
 * <h2>Randomness</h2>
 * The env owns a {@link SplitMix64} (the same stream as {@code SplittableRandom}): {@link #reset(long)}
 * re-creates it from the seed,
 * {@link #reset()} continues it; before any seeded reset it is seeded with 0.
 * {@code uniform(lo, hi) = lo + (hi - lo) * nextDouble()}.
 */
public final class CartPole implements Env {

    /** Gymnasium id. */
    public static final String ID = "CartPole-v1";
    private static final RewardRange REWARD_RANGE = new RewardRange(0, 1);

    private static final double GRAVITY = 9.8;                          // m/s²
    private static final double MASSCART = 1.0;                         // kg
    private static final double MASSPOLE = 0.1;                         // kg
    private static final double TOTAL_MASS = MASSPOLE + MASSCART;       // kg
    private static final double LENGTH = 0.5;                           // m, half the pole's length
    private static final double POLEMASS_LENGTH = MASSPOLE * LENGTH;    // kg·m
    private static final double FORCE_MAG = 10.0;                       // N
    private static final double TAU = 0.02;                             // s between state updates
    private static final double THETA_THRESHOLD_RADIANS = 12 * 2 * Math.PI / 360; // rad, 12°
    private static final double X_THRESHOLD = 2.4;                      // m

    private static final String[] STATE_NAMES = {"x", "x_dot", "theta", "theta_dot"};
    private static final Box OBSERVATION_SPACE = new Box(
            new double[] {-X_THRESHOLD * 2, Double.NEGATIVE_INFINITY,
                          -THETA_THRESHOLD_RADIANS * 2, Double.NEGATIVE_INFINITY},
            new double[] {X_THRESHOLD * 2, Double.POSITIVE_INFINITY,
                          THETA_THRESHOLD_RADIANS * 2, Double.POSITIVE_INFINITY});
    private static final Discrete ACTION_SPACE = new Discrete(2);

    private SplitMix64 random = new SplitMix64(0);
    private double x;          // m
    private double xDot;       // m/s
    private double theta;      // rad, 0 = upright
    private double thetaDot;   // rad/s
    private boolean hasState;
    /** Gymnasium's steps_beyond_terminated: -1 for None. */
    private int stepsBeyondTerminated = -1;

    /** A cart-pole with no state yet: call {@link #reset(long)} or {@link #setState} first. */
    public CartPole() {
    }

    @Override
    public String id() {
        return ID;
    }

    /** [0, 1]: +1 per step until termination; 0 only for steps taken after it without a reset. */
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
        x = uniform(-0.05, 0.05);
        xDot = uniform(-0.05, 0.05);
        theta = uniform(-0.05, 0.05);
        thetaDot = uniform(-0.05, 0.05);
        hasState = true;
        stepsBeyondTerminated = -1;
        return state();
    }

    private double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    @Override
    public Step step(double[] action) {
        if (action == null || action.length != 1 || !(action[0] == 0 || action[0] == 1)) {
            throw new IllegalArgumentException(ID + ": action " + Arrays.toString(action)
                    + " is not allowed; pass {0} (push left) or {1} (push right)");
        }
        if (!hasState) {
            throw new IllegalStateException(ID + ": step before reset; call reset(seed) or setState first");
        }
        double force = action[0] == 1 ? FORCE_MAG : -FORCE_MAG;
        double costheta = StrictMath.cos(theta);
        double sintheta = StrictMath.sin(theta);

        // For the equations see Florian, "Correct equations for the dynamics of the cart-pole
        // system" (2007), as cited by cartpole.py; Python's left-to-right order throughout.
        double temp = (force + POLEMASS_LENGTH * (thetaDot * thetaDot) * sintheta) / TOTAL_MASS;
        double thetaacc = (GRAVITY * sintheta - costheta * temp)
                / (LENGTH * (4.0 / 3.0 - MASSPOLE * (costheta * costheta) / TOTAL_MASS));
        double xacc = temp - POLEMASS_LENGTH * thetaacc * costheta / TOTAL_MASS;

        // Euler: each position advances with the OLD velocity (Python's sequential assignments)
        x = x + TAU * xDot;
        xDot = xDot + TAU * xacc;
        theta = theta + TAU * thetaDot;
        thetaDot = thetaDot + TAU * thetaacc;

        boolean terminated = x < -X_THRESHOLD || x > X_THRESHOLD
                || theta < -THETA_THRESHOLD_RADIANS || theta > THETA_THRESHOLD_RADIANS;
        double reward;
        if (!terminated) {
            reward = 1.0;
        } else if (stepsBeyondTerminated < 0) {
            stepsBeyondTerminated = 0; // the pole just fell: this step still earns its reward
            reward = 1.0;
        } else {
            stepsBeyondTerminated++;   // stepping on after termination: undefined behaviour in Gymnasium
            reward = 0.0;
        }
        return new Step(state(), reward, terminated, false);
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
        return new double[] {x, xDot, theta, thetaDot};
    }

    @Override
    public String[] stateNames() {
        return STATE_NAMES.clone();
    }

    @Override
    public void setState(double[] state) {
        boolean ok = state != null && state.length == STATE_NAMES.length;
        for (int i = 0; ok && i < state.length; i++) {
            ok = Double.isFinite(state[i]);
        }
        if (!ok) {
            throw new IllegalArgumentException(ID + ": state " + Arrays.toString(state)
                    + " is not allowed; pass 4 finite values (x, x_dot, theta, theta_dot)");
        }
        x = state[0];
        xDot = state[1];
        theta = state[2];
        thetaDot = state[3];
        hasState = true;
        stepsBeyondTerminated = -1;
    }
}

package lab.wolpertinger.agent;

import java.util.Arrays;
import lab.wolpertinger.random.SplitMix64;

/**
 * A noise process added to the proto-action while exploring. {@link #sample} writes one
 * unscaled sample per action dimension; the agent multiplies it by the {@link NoiseSchedule}.
 */
public sealed interface ExplorationNoise permits ExplorationNoise.Gaussian, ExplorationNoise.OrnsteinUhlenbeck {

    /** Writes the next sample into {@code out[0..d)}. */
    void sample(double[] out);

    /** Restarts the process at the beginning of an episode. */
    void reset();

    /** The process's complete state, for a snapshot (a copy). */
    State state();

    /**
     * Continues from {@code state} (a {@link #state()} of a noise of the same type and dimension).
     *
     * @throws IllegalArgumentException if the state does not fit this noise
     */
    void restore(State state);

    /**
     * Everything a noise process needs to continue exactly.
     *
     * @param rng the normal sampler's generator
     * @param hasSpare whether the polar method holds a second sample
     * @param spare that sample (0 if none)
     * @param x the OU process value per dimension; empty for Gaussian noise
     */
    record State(SplitMix64.State rng, boolean hasSpare, double spare, double[] x) {

        /** Copies {@code x} and checks every value is finite. */
        public State {
            if (rng == null || x == null) {
                throw new IllegalArgumentException("noise state needs rng and x");
            }
            x = x.clone();
            if (!Double.isFinite(spare)) {
                throw new IllegalArgumentException("noise spare sample must be finite, got " + spare);
            }
            for (double v : x) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("OU noise state must be finite, got " + Arrays.toString(x));
                }
            }
        }

        @Override
        public double[] x() {
            return x.clone();
        }
    }

    /** Builds the noise named by {@code type} ({@code gaussian} or {@code ou}). */
    static ExplorationNoise create(String type, int dim, double ouTheta, double ouSigma, double ouDt,
                                   SplitMix64 rng) {
        return switch (type) {
            case WolpertingerConfig.GAUSSIAN -> new Gaussian(dim, rng);
            case WolpertingerConfig.OU -> new OrnsteinUhlenbeck(dim, ouTheta, ouSigma, ouDt, rng);
            default -> throw new IllegalArgumentException("unknown noise type '" + type + "' (gaussian, ou)");
        };
    }

    /** Independent standard normal samples, N(0, 1) per dimension. */
    final class Gaussian implements ExplorationNoise {
        private final Normal normal;
        private final int dim;

        Gaussian(int dim, SplitMix64 rng) {
            this.dim = dim;
            this.normal = new Normal(rng);
        }

        @Override
        public void sample(double[] out) {
            for (int j = 0; j < dim; j++) {
                out[j] = normal.next();
            }
        }

        @Override
        public void reset() {
            // memoryless
        }

        @Override
        public State state() {
            return new State(normal.rngState(), normal.hasSpare(), normal.hasSpare() ? normal.spare() : 0.0, new double[0]);
        }

        @Override
        public void restore(State state) {
            if (state.x().length != 0) {
                throw new IllegalArgumentException("Gaussian noise has no process value, got "
                        + state.x().length + " values (an OU noise state?)");
            }
            normal.restore(state.rng(), state.hasSpare(), state.spare());
        }
    }

    /**
     * Ornstein-Uhlenbeck process with mean 0, Euler-Maruyama discretised:
     * {@code x += theta * (0 - x) * dt + sigma * sqrt(dt) * N(0, 1)}; starts at 0 each episode.
     */
    final class OrnsteinUhlenbeck implements ExplorationNoise {
        private final double theta;
        private final double sigma;
        private final double dt;
        private final double[] x;
        private final Normal normal;

        OrnsteinUhlenbeck(int dim, double theta, double sigma, double dt, SplitMix64 rng) {
            this.theta = theta;
            this.sigma = sigma;
            this.dt = dt;
            this.x = new double[dim];
            this.normal = new Normal(rng);
        }

        @Override
        public void sample(double[] out) {
            double sqrtDt = Math.sqrt(dt);
            for (int j = 0; j < x.length; j++) {
                x[j] += theta * (0.0 - x[j]) * dt + sigma * sqrtDt * normal.next();
                out[j] = x[j];
            }
        }

        @Override
        public void reset() {
            Arrays.fill(x, 0.0);
        }

        @Override
        public State state() {
            return new State(normal.rngState(), normal.hasSpare(), normal.hasSpare() ? normal.spare() : 0.0, x);
        }

        @Override
        public void restore(State state) {
            double[] values = state.x();
            if (values.length != x.length) {
                throw new IllegalArgumentException("OU noise of dimension " + x.length + " cannot take a state of "
                        + values.length + " values");
            }
            normal.restore(state.rng(), state.hasSpare(), state.spare());
            System.arraycopy(values, 0, x, 0, x.length);
        }
    }
}

package lab.wolpertinger.agent;

import java.util.SplittableRandom;

/**
 * A noise process added to the proto-action while exploring. {@link #sample} writes one
 * unscaled sample per action dimension; the agent multiplies it by the {@link NoiseSchedule}.
 */
public sealed interface ExplorationNoise permits ExplorationNoise.Gaussian, ExplorationNoise.OrnsteinUhlenbeck {

    /** Writes the next sample into {@code out[0..d)}. */
    void sample(double[] out);

    /** Restarts the process at the beginning of an episode. */
    void reset();

    /** Builds the noise named by {@code type} ({@code gaussian} or {@code ou}). */
    static ExplorationNoise create(String type, int dim, double ouTheta, double ouSigma, double ouDt,
                                   SplittableRandom rng) {
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

        Gaussian(int dim, SplittableRandom rng) {
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

        OrnsteinUhlenbeck(int dim, double theta, double sigma, double dt, SplittableRandom rng) {
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
            java.util.Arrays.fill(x, 0.0);
        }
    }
}

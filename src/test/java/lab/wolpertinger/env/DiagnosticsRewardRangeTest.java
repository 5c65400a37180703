package lab.wolpertinger.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reward bounds the diagnostics' allowed Q range is built from. */
class DiagnosticsRewardRangeTest {

    @Test
    void pendulumsWorstRewardIsReachedAtTheBound() {
        Env env = Envs.make("Pendulum-v1");
        assertEquals(new RewardRange(-16.2736044, 0).min(), env.rewardRange().min(), 1e-7, "Gymnasium's -16.2736044");
        assertEquals(0.0, env.rewardRange().max());
        env.reset(1);
        env.setState(new double[] {Math.PI, 8}); // hanging down, at the speed limit, full torque
        assertEquals(env.rewardRange().min(), env.step(new double[] {2}).reward(), 1e-12);
        env.setState(new double[] {0, 0});
        assertEquals(0.0, env.step(new double[] {0}).reward(), 0.0, "upright, at rest, no torque");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Pendulum-v1", "CartPole-v1", "Catalog-v0"})
    void everyRewardOfRandomEpisodesLiesInTheRange(String id) {
        Env env = Envs.make(id, EnvOptions.none());
        RewardRange range = env.rewardRange();
        SplittableRandom rng = new SplittableRandom(5);
        env.reset(3);
        for (int t = 0; t < 3000; t++) {
            double[] action = env.actionSpace() instanceof Box box
                    ? new double[] {rng.nextDouble(box.low()[0], box.high()[0])}
                    : new double[] {rng.nextInt(env.actionSpace() instanceof Discrete d ? d.n() : ((Embedded) env.actionSpace()).n())};
            Step s = env.step(action);
            assertTrue(s.reward() >= range.min() && s.reward() <= range.max(), id + " reward " + s.reward());
            if (s.done()) {
                env.reset();
            }
        }
    }

    @Test
    void returnBoundsAreTheOneStepAndInfiniteHorizonSums() {
        RewardRange pendulum = new RewardRange(-16, 0);
        assertEquals(-1600, pendulum.lowestReturn(0.99), 1e-9, "-16 / 0.01");
        assertEquals(0, pendulum.highestReturn(0.99));
        RewardRange cartPole = new RewardRange(0, 1);
        assertEquals(0, cartPole.lowestReturn(0.99));
        assertEquals(100, cartPole.highestReturn(0.99), 1e-9, "1 / 0.01");
        RewardRange positive = new RewardRange(1, 2);
        assertEquals(1, positive.lowestReturn(0.9), "a terminating episode can end after one step");
        assertEquals(20, positive.highestReturn(0.9), 1e-9);
        assertEquals(Double.NEGATIVE_INFINITY, pendulum.lowestReturn(1));
        assertEquals(Double.POSITIVE_INFINITY, cartPole.highestReturn(1));
        assertEquals(0, pendulum.highestReturn(1), "0 / 0 is 0 here: no reward, no return");
        assertThrows(IllegalArgumentException.class, () -> new RewardRange(1, 0));
        assertThrows(IllegalArgumentException.class, () -> new RewardRange(Double.NaN, 0));
    }
}

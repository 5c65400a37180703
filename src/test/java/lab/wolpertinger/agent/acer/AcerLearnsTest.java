package lab.wolpertinger.agent.acer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import lab.wolpertinger.train.Evaluation;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.Test;

/** ACER end to end in the training loop: it learns CartPole-v1, and a seed fixes the whole run. */
class AcerLearnsTest {

    private static TrainingRun cartPole(long seed) {
        return new TrainingRun(Presets.load("cartpole", Map.of("agent", "acer", "hidden1", 64, "hidden2", 64,
                "seed", seed)));
    }

    @Test
    void learnsCartPoleWellAboveRandomIn20000Steps() {
        TrainingRun run = cartPole(0);
        for (int i = 0; i < 20_000; i++) {
            run.step();
        }
        Evaluation e = run.evaluate(20);
        // a uniformly random policy averages about 22 steps; whole-episode traces, 64-64 torso, seed 0
        assertTrue(e.meanReturn() > 150, "greedy mean return " + e.meanReturn() + " after 20,000 steps");
        assertTrue(run.agent().updates() > 500, "updates " + run.agent().updates());
    }

    @Test
    void theSameSeedGivesTheSameRun() {
        TrainingRun a = cartPole(3);
        TrainingRun b = cartPole(3);
        for (int i = 0; i < 1500; i++) {
            a.step();
            b.step();
        }
        AcerAgent x = (AcerAgent) a.agent();
        AcerAgent y = (AcerAgent) b.agent();
        assertTrue(x.updates() > 10);
        assertArrayEquals(x.net().params().toFloatVector(), y.net().params().toFloatVector());
        assertArrayEquals(x.averageNet().params().toFloatVector(), y.averageNet().params().toFloatVector());
        assertArrayEquals(a.observation(), b.observation());
        TrainingRun other = cartPole(4);
        for (int i = 0; i < 1500; i++) {
            other.step();
        }
        assertTrue(!java.util.Arrays.equals(x.net().params().toFloatVector(),
                ((AcerAgent) other.agent()).net().params().toFloatVector()), "another seed, another run");
    }
}

package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.wolpertinger.agent.WolpertingerAgent;
import org.junit.jupiter.api.Test;

class BestPolicyTest {

    @Test
    void keepsTheBestNetsAndSwapsThemInOnlyForTheAction() {
        TrainingRun run = new TrainingRun(TrainingRunTest.small("CartPole-v1"));
        WolpertingerAgent agent = run.wolpertinger();
        BestPolicy best = new BestPolicy(agent);
        for (int i = 0; i < 120; i++) {
            run.step();
        }
        float[] atBest = agent.actor().params().toFloatVector();
        float[] criticAtBest = agent.critic().params().toFloatVector();
        assertTrue(best.offer(agent, Evaluation.of(new double[] {50, 70}), run.steps()));
        for (int i = 0; i < 120; i++) {
            run.step();
        }
        assertFalse(best.offer(agent, Evaluation.of(new double[] {10}), run.steps()), "worse is not kept");
        assertEquals(60, best.bestMean());
        assertEquals(120, best.bestStep());

        float[] current = agent.actor().params().toFloatVector();
        float[] criticNow = agent.critic().params().toFloatVector();
        assertFalse(java.util.Arrays.equals(current, atBest), "training moved on");
        float[][] seen = best.withBest(agent, () -> new float[][] {
            agent.actor().params().toFloatVector(), agent.critic().params().toFloatVector()});
        assertArrayEquals(atBest, seen[0]);
        assertArrayEquals(criticAtBest, seen[1]);
        assertArrayEquals(current, agent.actor().params().toFloatVector(), "the agent gets its own nets back");
        assertArrayEquals(criticNow, agent.critic().params().toFloatVector());

        assertTrue(best.offer(agent, Evaluation.of(new double[] {60}), run.steps()), "a tie goes to the later policy");
        assertEquals(240, best.bestStep());
    }

    @Test
    void validationSeedsDifferFromEvaluationSeeds() {
        TrainingRun run = new TrainingRun(TrainingRunTest.small("Pendulum-v1"));
        Evaluation v = run.validate(2);
        Evaluation e = run.evaluate(2);
        assertFalse(v.returns()[0] == e.returns()[0] && v.returns()[1] == e.returns()[1],
                "validation and evaluation start from different states");
    }
}

package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import lab.wolpertinger.agent.ReplayBuffer;
import lab.wolpertinger.agent.WolpertingerConfig;
import org.junit.jupiter.api.Test;

class TrainingRunTest {

    static WolpertingerConfig small(String env) {
        return Presets.load(Presets.defaultFor(env), Map.of("hidden1", 16, "hidden2", 12, "batchSize", 8,
                "warmupSteps", 50, "bufferCapacity", 2000, "maxActions", 2001, "seed", 4L));
    }

    private static float[] notTerminalFlags(ReplayBuffer buffer) {
        int n = 4000;
        float[] nt = new float[n];
        buffer.sample(new SplittableRandom(0), n, new float[n * 4], new float[n], new float[n], new float[n * 4], nt);
        return nt;
    }

    @Test
    void timeLimitTruncationIsStoredAsNotTerminal() {
        TrainingRun run = new TrainingRun(small("Pendulum-v1"));
        List<EpisodeRecord> episodes = new ArrayList<>();
        run.onEpisode(episodes::add);
        for (int i = 0; i < 400; i++) {
            run.step();
        }
        assertEquals(2, episodes.size(), "Pendulum episodes end at the 200-step limit");
        assertEquals(200, episodes.get(0).length());
        assertEquals(400, episodes.get(1).step());
        assertTrue(!episodes.get(0).terminated(), "a time limit is a truncation");
        for (float f : notTerminalFlags(run.wolpertinger().buffer())) {
            assertEquals(1f, f, "every Pendulum transition bootstraps, including the truncated last one");
        }
        assertTrue(run.wolpertinger().updates() > 0);
    }

    @Test
    void cartPoleTerminationStopsBootstrapping() {
        TrainingRun run = new TrainingRun(small("CartPole-v1"));
        List<EpisodeRecord> episodes = new ArrayList<>();
        run.onEpisode(episodes::add);
        while (episodes.size() < 3) {
            run.step();
        }
        assertTrue(episodes.get(0).terminated());
        int terminal = 0;
        for (float f : notTerminalFlags(run.wolpertinger().buffer())) {
            if (f == 0f) {
                terminal++;
            }
        }
        assertTrue(terminal > 0, "terminal transitions are stored as terminal");
        double sum = 0;
        for (EpisodeRecord e : episodes) {
            sum += e.length();
            assertEquals(e.length(), e.episodeReturn(), 0.0, "CartPole pays 1 per step including the last");
        }
        assertEquals(run.steps(), (long) sum);
    }

    @Test
    void evaluationIsGreedyAndRepeatable() {
        TrainingRun run = new TrainingRun(small("CartPole-v1"));
        for (int i = 0; i < 100; i++) {
            run.step();
        }
        Evaluation a = run.evaluate(3);
        Evaluation b = run.evaluate(3);
        assertEquals(3, a.episodes());
        assertEquals(a.meanReturn(), b.meanReturn(), 0.0, "no noise, same eval seeds");
    }
}

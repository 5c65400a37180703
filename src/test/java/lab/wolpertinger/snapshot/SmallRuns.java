package lab.wolpertinger.snapshot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.TrainingRun;

/** Small, fast configurations and run helpers shared by the snapshot tests. */
final class SmallRuns {
    private SmallRuns() {
    }

    /** Tiny nets, a 200-transition ring (wraps within a few hundred steps), warm-up 50; a 3,000-item 6-D catalog. */
    static WolpertingerConfig config(String env, String noise, long seed) {
        boolean catalog = env.startsWith("Catalog");
        return Presets.parse("{\"env\":\"" + env + "\",\"maxActions\":"
                + (env.startsWith("Pendulum") ? 2001 : catalog ? 3000 : 2)
                + (catalog ? ",\"actionDim\":6,\"catalogSeed\":5" : "")
                + ",\"kRatio\":" + (env.startsWith("CartPole") ? 0.5 : 0.01)
                + ",\"hidden1\":16,\"hidden2\":12,\"batchSize\":16,\"bufferCapacity\":200,\"warmupSteps\":50,"
                + "\"noiseType\":\"" + noise + "\",\"noiseDecaySteps\":300,\"tau\":0.05,\"seed\":" + seed + "}", "test");
    }

    /** Runs {@code steps} steps, appending finished episodes to {@code records}. */
    static void run(TrainingRun run, int steps, List<EpisodeRecord> records) {
        run.onEpisode(records::add);
        for (int i = 0; i < steps; i++) {
            run.step();
        }
    }

    /** Every metrics column except the timings (steps_per_s, wall_s). */
    static List<String> metrics(List<EpisodeRecord> records) {
        List<String> out = new ArrayList<>();
        for (EpisodeRecord r : records) {
            String[] c = r.toCsv().split(",");
            out.add(String.join(",", java.util.Arrays.copyOf(c, 9)));
        }
        return out;
    }

    static Map<String, float[]> allTensors(TrainingRun run) {
        var a = run.wolpertinger();
        return Map.of(
                "actor", a.actor().params().toFloatVector(),
                "critic", a.critic().params().toFloatVector(),
                "actor_target", a.actorTarget().params().toFloatVector(),
                "critic_target", a.criticTarget().params().toFloatVector(),
                "actor.m", a.actorAdam().firstMoment().toFloatVector(),
                "actor.v", a.actorAdam().secondMoment().toFloatVector(),
                "critic.m", a.criticAdam().firstMoment().toFloatVector(),
                "critic.v", a.criticAdam().secondMoment().toFloatVector());
    }

    /** Agent and run states equal, timings aside (arrays by content, doubles bit for bit). */
    static void assertSameState(TrainingRun want, TrainingRun got) {
        lab.wolpertinger.agent.AgentState a = want.wolpertinger().state();
        lab.wolpertinger.agent.AgentState b = got.wolpertinger().state();
        org.junit.jupiter.api.Assertions.assertEquals(a.noise().rng(), b.noise().rng(), "noise rng");
        org.junit.jupiter.api.Assertions.assertArrayEquals(a.noise().x(), b.noise().x(), 0.0, "OU x");
        org.junit.jupiter.api.Assertions.assertEquals(
                new lab.wolpertinger.agent.AgentState(a.steps(), a.updates(), a.kRatio(), a.tau(), a.gamma(), a.batchSize(),
                        a.noiseSchedule(), a.actorLr(), a.criticLr(), a.actionRng(), a.replayRng(), null,
                        a.actorTargetSoftUpdates(), a.criticTargetSoftUpdates(), a.lastCriticLoss(), a.lastActorQ(), a.targetMode(), a.search()),
                new lab.wolpertinger.agent.AgentState(b.steps(), b.updates(), b.kRatio(), b.tau(), b.gamma(), b.batchSize(),
                        b.noiseSchedule(), b.actorLr(), b.criticLr(), b.actionRng(), b.replayRng(), null,
                        b.actorTargetSoftUpdates(), b.criticTargetSoftUpdates(), b.lastCriticLoss(), b.lastActorQ(), b.targetMode(), b.search()));
        org.junit.jupiter.api.Assertions.assertEquals(a.noise().hasSpare(), b.noise().hasSpare());
        org.junit.jupiter.api.Assertions.assertEquals(a.noise().spare(), b.noise().spare(), 0.0);
        lab.wolpertinger.train.RunState r = want.state();
        lab.wolpertinger.train.RunState q = got.state();
        org.junit.jupiter.api.Assertions.assertArrayEquals(r.observation(), q.observation(), 0.0, "observation");
        org.junit.jupiter.api.Assertions.assertArrayEquals(r.envState(), q.envState(), 0.0, "env state");
        org.junit.jupiter.api.Assertions.assertEquals(
                java.util.List.of(r.steps(), r.episodes(), r.episodeReturn(), r.episodeLength(), r.lossSum(), r.actorQSum(),
                        r.updatesInEpisode(), r.envElapsedSteps(), r.envRandom()),
                java.util.List.of(q.steps(), q.episodes(), q.episodeReturn(), q.episodeLength(), q.lossSum(), q.actorQSum(),
                        q.updatesInEpisode(), q.envElapsedSteps(), q.envRandom()));
        var ra = want.wolpertinger().buffer().contents();
        var rb = got.wolpertinger().buffer().contents();
        org.junit.jupiter.api.Assertions.assertEquals(ra.next(), rb.next());
        org.junit.jupiter.api.Assertions.assertEquals(ra.size(), rb.size());
        org.junit.jupiter.api.Assertions.assertArrayEquals(ra.obs(), rb.obs());
        org.junit.jupiter.api.Assertions.assertArrayEquals(ra.nextObs(), rb.nextObs());
        org.junit.jupiter.api.Assertions.assertArrayEquals(ra.actions(), rb.actions());
        org.junit.jupiter.api.Assertions.assertArrayEquals(ra.rewards(), rb.rewards());
        org.junit.jupiter.api.Assertions.assertArrayEquals(ra.terminated(), rb.terminated());
    }
}

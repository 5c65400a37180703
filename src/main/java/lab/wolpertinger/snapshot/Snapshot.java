package lab.wolpertinger.snapshot;

import java.util.List;
import java.util.Map;
import lab.wolpertinger.agent.ReplayBuffer;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.nn.Adam;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A snapshot read and fully validated by {@link Snapshots#load}, held in plain Java arrays: no
 * network is built yet, so a bad file never disturbs a running session. {@link #toTrainingRun()}
 * builds the run that continues exactly where the saved one stopped, with its episode history.
 *
 * @param manifest the manifest
 * @param weights {@code actor.fc1.weight} ... {@code critic_target.fc3.bias}
 * @param optimizer {@code actor.fc1.weight.exp_avg}, {@code ...exp_avg_sq}, ... for actor and critic
 * @param replay the replay rows, or null when the snapshot has none
 * @param metrics the run's finished episodes, oldest first (its {@code metrics.csv}; empty in older snapshots)
 */
public record Snapshot(Manifest manifest, Map<String, Tensor> weights, Map<String, Tensor> optimizer,
                       ReplayBuffer.Contents replay, List<EpisodeRecord> metrics) {

    /** Copies the metrics list. */
    public Snapshot {
        metrics = List.copyOf(metrics);
    }

    /**
     * A training run restored from this snapshot: env, episode, agent weights, Adam moments,
     * random generators, live parameters and (if included) the replay buffer. Without the
     * replay buffer the run continues with an empty buffer, so it is not an exact resume.
     * Call on the thread that will own the run (it builds ND4J arrays).
     */
    public TrainingRun toTrainingRun() {
        try {
            TrainingRun run = TrainingRun.resume(manifest.config(), manifest.run());
            WolpertingerAgent agent = run.wolpertinger();
            load(agent.actor().params(), agent.actor().namedParameters(), "actor");
            load(agent.critic().params(), agent.critic().namedParameters(), "critic");
            load(agent.actorTarget().params(), agent.actorTarget().namedParameters(), "actor_target");
            load(agent.criticTarget().params(), agent.criticTarget().namedParameters(), "critic_target");
            restoreAdam(agent.actorAdam(), agent.actor().namedParameters(), "actor", manifest.actorAdamSteps());
            restoreAdam(agent.criticAdam(), agent.critic().namedParameters(), "critic", manifest.criticAdamSteps());
            if (replay != null) {
                agent.buffer().restore(replay);
            }
            agent.restore(manifest.agent());
            run.restoreHistory(metrics);
            return run;
        } catch (IllegalArgumentException e) {
            throw new SnapshotException("snapshot does not fit its config: " + e.getMessage(), e);
        }
    }

    private float[] flat(Map<String, INDArray> layout, Map<String, Tensor> source, String prefix, String suffix) {
        long n = 0;
        for (INDArray p : layout.values()) {
            n += p.length();
        }
        float[] out = new float[(int) n];
        int at = 0;
        for (String name : layout.keySet()) {
            float[] data = source.get(prefix + "." + name + suffix).data();
            System.arraycopy(data, 0, out, at, data.length);
            at += data.length;
        }
        return out;
    }

    private void load(INDArray params, Map<String, INDArray> layout, String prefix) {
        Nd4jRuntime.copyInto(flat(layout, weights, prefix, ""), params);
    }

    private void restoreAdam(Adam adam, Map<String, INDArray> layout, String prefix, long steps) {
        INDArray m = Nd4j.createFromArray(flat(layout, optimizer, prefix, ".exp_avg"));
        INDArray v = Nd4j.createFromArray(flat(layout, optimizer, prefix, ".exp_avg_sq"));
        adam.restore(m, v, steps);
    }
}

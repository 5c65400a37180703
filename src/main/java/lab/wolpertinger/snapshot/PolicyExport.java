package lab.wolpertinger.snapshot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.WolpertingerConfig;

/**
 * A snapshot's policy network as a plain safetensors file for PyTorch (the {@code export-actor}
 * command): Wolpertinger's actor, or ACER's policy, under an {@code nn.Sequential}'s keys, with
 * metadata naming the module, the env and the action set. The snapshot itself stays as it is.
 */
public final class PolicyExport {

    private PolicyExport() {
    }


    /** Tensor names of {@link #exportActor}: the indices of the Linear layers in the Sequential. */
    public static final List<String> EXPORTED_ACTOR_KEYS =
            List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");

    /**
     * Writes the snapshot's online actor as a plain safetensors file for PyTorch:
     * {@code nn.Sequential(Linear(o, h1), ReLU(), Linear(h1, h2), ReLU(), Linear(h2, d), Softsign())},
     * keys {@code 0.weight, 0.bias, 2.weight, 2.bias, 4.weight, 4.bias} ({@code [out, in]}
     * weights), so {@code model.load_state_dict(safetensors.torch.load_file(path))} loads it.
     * The metadata names the module, the env and the action set. Written atomically.
     */
    public static void exportActor(Snapshot snapshot, Path out) throws IOException {
        WolpertingerConfig c = snapshot.manifest().config();
        Manifest.ActionSetInfo as = snapshot.manifest().actionSet();
        Map<String, Tensor> t = sequential(snapshot.weights(), "actor", "fc1", "fc2", "fc3");
        int obsDim = t.get("0.weight").shape()[1];
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("module", "Sequential(Linear(" + obsDim + ", " + c.hidden1() + "), ReLU(), Linear(" + c.hidden1()
                + ", " + c.hidden2() + "), ReLU(), Linear(" + c.hidden2() + ", " + as.d() + "), Softsign())");
        meta.put("output", "proto-action in (-1, 1)^d; the k nearest of the N actions are then scored by the critic");
        meta.put("env", c.env());
        meta.put("action_set", as.kind() + " N=" + as.n() + " d=" + as.d() + " low=" + java.util.Arrays.toString(as.low())
                + " high=" + java.util.Arrays.toString(as.high()));
        meta.put("steps", Long.toString(snapshot.manifest().run().steps()));
        meta.put("snapshot_format_version", Integer.toString(snapshot.manifest().formatVersion()));
        byte[] bytes = SafeTensors.encode(t, meta);
        Snapshots.writeAtomically(out, o -> o.write(bytes));
    }

    /** Three layers' weights and biases under a Sequential's keys (see {@link #EXPORTED_ACTOR_KEYS}). */
    private static Map<String, Tensor> sequential(Map<String, Tensor> weights, String prefix, String... layers) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        for (int i = 0; i < layers.length; i++) {
            t.put(EXPORTED_ACTOR_KEYS.get(2 * i), weights.get(prefix + "." + layers[i] + ".weight"));
            t.put(EXPORTED_ACTOR_KEYS.get(2 * i + 1), weights.get(prefix + "." + layers[i] + ".bias"));
        }
        return t;
    }

    /**
     * Writes the policy of the snapshot at {@code snapshot} for PyTorch: Wolpertinger's actor as
     * {@link #exportActor} does, or ACER's policy network as
     * {@code nn.Sequential(Linear(o, h1), ReLU(), Linear(h1, h2), ReLU(), Linear(h2, N))} whose output
     * are the logits of pi(a|s) (softmax them), under the same keys. Returns what was written, for a
     * one-line report.
     *
     * @throws SnapshotException if the snapshot is bad
     * @throws IOException if {@code out} cannot be written
     */
    public static String exportPolicy(Path snapshot, Path out) throws IOException {
        if (!Agent.ACER.equals(Snapshots.agentOf(snapshot))) {
            Snapshot s = Snapshots.load(snapshot);
            exportActor(s, out);
            WolpertingerConfig c = s.manifest().config();
            return c.hidden1() + "-" + c.hidden2() + " actor for " + c.env();
        }
        AcerSnapshots.Loaded acer = Snapshots.open(snapshot, (zip, entries) -> AcerSnapshots.read(zip, entries,
                ManifestCodec.parse(Snapshots.readEntry(zip, entries.get(Snapshots.MANIFEST), Snapshots.MAX_MANIFEST_BYTES))));
        WolpertingerConfig c = acer.config();
        Map<String, Tensor> t = sequential(acer.weights(), "net", "fc1", "fc2", "policy");
        int obsDim = t.get("0.weight").shape()[1];
        int n = t.get("4.bias").shape()[0];
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "pt");
        meta.put("module", "Sequential(Linear(" + obsDim + ", " + c.hidden1() + "), ReLU(), Linear(" + c.hidden1()
                + ", " + c.hidden2() + "), ReLU(), Linear(" + c.hidden2() + ", " + n + "))");
        meta.put("output", "logits of pi(a|s) over all N actions (ACER's policy); softmax for the probabilities");
        meta.put("env", c.env());
        meta.put("steps", Long.toString(acer.run().steps()));
        meta.put("snapshot_format_version", Integer.toString(Snapshots.FORMAT_VERSION));
        byte[] bytes = SafeTensors.encode(t, meta);
        Snapshots.writeAtomically(out, o -> o.write(bytes));
        return c.hidden1() + "-" + c.hidden2() + " ACER policy over " + n + " actions for " + c.env();
    }
}

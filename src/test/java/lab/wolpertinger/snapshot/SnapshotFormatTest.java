package lab.wolpertinger.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.nn.ActorNet;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotFormatTest {

    @TempDir
    Path dir;

    private TrainingRun run(int steps) {
        TrainingRun run = new TrainingRun(SmallRuns.config("Pendulum-v1", "gaussian", 11));
        for (int i = 0; i < steps; i++) {
            run.step();
        }
        return run;
    }

    @Test
    void entriesAndTensorNamesFollowTheSpec() throws Exception {
        Path f = dir.resolve("a.wolp");
        Snapshots.save(run(70), f, true);
        Map<String, byte[]> entries = BadSnapshots.entries(f);
        assertEquals(List.of("manifest.json", "weights.safetensors", "optimizer.safetensors", "replay.safetensors",
                "metrics.csv"), List.copyOf(entries.keySet()));
        JsonNode m = new ObjectMapper().readTree(entries.get("manifest.json"));
        assertEquals(Snapshots.FORMAT_VERSION, m.get("format_version").asInt());
        assertEquals("Pendulum-v1", m.get("env").asText());
        assertEquals(2001, m.get("action_set").get("n").asInt());
        assertEquals(70, m.get("counters").get("steps").asInt());
        assertEquals(16, m.get("config").get("hidden1").asInt());
        assertTrue(m.get("created").asText().endsWith("Z"));

        Map<String, int[]> shapes = Snapshots.weightShapes(SmallRuns.config("Pendulum-v1", "gaussian", 11), 3, 1);
        Map<String, Tensor> w = SafeTensors.decode(entries.get("weights.safetensors"), "w", shapes);
        assertEquals(24, w.size());
        assertArrayEquals(new int[] {16, 3}, w.get("actor.fc1.weight").shape());
        assertArrayEquals(new int[] {12, 17}, w.get("critic.fc2.weight").shape());
        assertArrayEquals(new int[] {1}, w.get("critic_target.fc3.bias").shape());
        assertEquals("[actor.fc1.weight, actor.fc1.bias, actor.fc2.weight, actor.fc2.bias, actor.fc3.weight, actor.fc3.bias]",
                w.keySet().stream().limit(6).toList().toString());
    }

    @Test
    void safetensorsRoundTripAndByteLayout() {
        Map<String, Tensor> t = new java.util.LinkedHashMap<>();
        t.put("a", new Tensor(new int[] {2, 2}, new float[] {1, 2, 3, -4.5f}));
        t.put("b", new Tensor(new int[] {0, 3}, new float[0]));
        t.put("c", new Tensor(new int[] {}, new float[] {7}));
        byte[] bytes = SafeTensors.encode(t, Map.of("k", "v"));
        long header = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, header % 8, "header padded to 8 bytes");
        assertEquals(bytes.length, 8 + header + 4 * 5);
        assertEquals(-4.5f, java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .getFloat((int) (8 + header + 12)), "little-endian float32, row-major");
        Map<String, Tensor> back = SafeTensors.decode(bytes, "t",
                Map.of("a", new int[] {2, 2}, "b", new int[] {0, 3}, "c", new int[] {}));
        assertArrayEquals(t.get("a").data(), back.get("a").data());
        assertArrayEquals(new float[] {7}, back.get("c").data());
        assertEquals(Map.of("k", "v"), SafeTensors.metadata(bytes, "t"));
    }

    @Test
    void aSaveThatFailsMidwayLeavesThePreviousFileByteIdentical() throws Exception {
        Path f = dir.resolve("keep.wolp");
        TrainingRun r = run(60);
        Snapshots.save(r, f, true);
        byte[] before = Files.readAllBytes(f);
        for (int i = 0; i < 30; i++) {
            r.step();
        }
        for (String failAt : List.of(Snapshots.WEIGHTS, Snapshots.OPTIMIZER, Snapshots.REPLAY)) {
            IOException e = assertThrows(IOException.class, () -> Snapshots.save(r, f, true, entry -> {
                if (entry.equals(failAt)) {
                    throw new IOException("simulated crash before " + entry);
                }
            }));
            assertTrue(e.getMessage().contains("simulated"));
            assertArrayEquals(before, Files.readAllBytes(f), "old file intact after a failure at " + failAt);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList(), "no temp file left behind");
        }
        Snapshots.save(r, f, true);
        assertEquals(90, Snapshots.load(f).manifest().run().steps(), "a later save replaces the file");
    }

    @Test
    void exportedActorHasSequentialKeysAndTheSameWeights() throws Exception {
        Path f = dir.resolve("e.wolp");
        TrainingRun r = run(80);
        Snapshots.save(r, f, false);
        Path out = dir.resolve("actor.safetensors");
        Snapshot s = Snapshots.load(f);
        PolicyExport.exportActor(s, out);
        byte[] bytes = Files.readAllBytes(out);
        Map<String, Tensor> t = SafeTensors.decode(bytes, "actor", Map.of(
                "0.weight", new int[] {16, 3}, "0.bias", new int[] {16}, "2.weight", new int[] {12, 16},
                "2.bias", new int[] {12}, "4.weight", new int[] {1, 12}, "4.bias", new int[] {1}));
        assertArrayEquals(s.weights().get("actor.fc2.weight").data(), t.get("2.weight").data());
        String module = SafeTensors.metadata(bytes, "actor").get("module");
        assertEquals("Sequential(Linear(3, 16), ReLU(), Linear(16, 12), ReLU(), Linear(12, 1), Softsign())", module);

        // The forward pass of the exported layers equals the actor's own.
        double[] obs = {0.3, -0.95, 1.7};
        double[] proto = new double[1];
        ActorNet actor = r.wolpertinger().actor();
        actor.act(obs, proto);
        assertEquals(proto[0], forward(t, obs), 1e-5);
    }

    /** Sequential(Linear, ReLU, Linear, ReLU, Linear, Softsign) in plain Java, as PyTorch computes it. */
    static double forward(Map<String, Tensor> t, double[] x) {
        double[] h = x;
        for (int layer = 0; layer <= 4; layer += 2) {
            Tensor w = t.get(layer + ".weight");
            Tensor b = t.get(layer + ".bias");
            int out = w.shape()[0];
            int in = w.shape()[1];
            double[] y = new double[out];
            for (int o = 0; o < out; o++) {
                double s = b.data()[o];
                for (int i = 0; i < in; i++) {
                    s += w.data()[o * in + i] * h[i];
                }
                y[o] = layer < 4 ? Math.max(0, s) : s / (1 + Math.abs(s));
            }
            h = y;
        }
        return h[0];
    }

    @Test
    void configOfTheManifestIsThePresetJson() throws Exception {
        Path f = dir.resolve("c.wolp");
        TrainingRun r = run(5);
        r.wolpertinger().setKRatio(0.05);
        Snapshots.save(r, f, false);
        Snapshot s = Snapshots.load(f);
        WolpertingerConfig c = s.manifest().config();
        assertEquals(r.config(), c);
        assertEquals(0.05, s.manifest().agent().kRatio(), "live k ratio kept apart from the config's");
        assertEquals(100, s.toTrainingRun().wolpertinger().k());
    }

    @Test
    void theTargetModeIsCarriedInTheConfigAndTheLiveValues() throws Exception {
        WolpertingerConfig proto = lab.wolpertinger.train.Presets.with(SmallRuns.config("Pendulum-v1", "gaussian", 2),
                Map.of("targetMode", "proto"));
        TrainingRun run = new TrainingRun(proto);
        SmallRuns.run(run, 40, new java.util.ArrayList<>());
        Path file = dir.resolve("proto.wolp");
        Snapshots.save(run, file, true);
        Snapshot s = Snapshots.load(file);
        assertEquals("proto", s.manifest().config().targetMode());
        assertEquals("proto", s.toTrainingRun().wolpertinger().targetMode());

        run.wolpertinger().setTargetMode("wolpertinger"); // a live change (the lab's toggle) is the snapshot's live value
        Snapshots.save(run, file, true);
        Snapshot switched = Snapshots.load(file);
        assertEquals("proto", switched.manifest().config().targetMode(), "the config is what the run started with");
        assertEquals("wolpertinger", switched.manifest().agent().targetMode());
        assertEquals("wolpertinger", switched.toTrainingRun().wolpertinger().targetMode());
    }
}

package lab.wolpertinger.snapshot;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lab.wolpertinger.train.TrainingRun;

/**
 * The bad-input corpus, generated from one good snapshot: truncations, byte flips, lying
 * safetensors headers, wrong shapes and dtypes, NaN weights, a newer format, missing and extra
 * entries, zip bombs, an empty file, a directory. Shared by the API and the CLI tests.
 */
public final class BadSnapshots {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One bad file.
     *
     * @param name what is wrong
     * @param path the file
     * @param fragment a piece of the expected message (lower case)
     * @param mayBeBenign a random byte flip that may hit bytes the reader ignores (zip timestamps);
     *                    it must then load to the same content as the good file
     */
    public record Case(String name, Path path, String fragment, boolean mayBeBenign) {
        @Override
        public String toString() {
            return name;
        }
    }

    private BadSnapshots() {
    }

    /** A good small Pendulum snapshot with the replay buffer, mid-episode after warm-up. */
    public static Path good(Path dir) throws IOException {
        Path file = dir.resolve("good.wolp");
        if (!Files.exists(file)) {
            TrainingRun run = new TrainingRun(SmallRuns.config("Pendulum-v1", "ou", 3));
            for (int i = 0; i < 90; i++) {
                run.step();
            }
            Snapshots.save(run, file, true);
        }
        return file;
    }

    /** Generates every case into {@code dir}. */
    public static List<Case> generate(Path dir) throws IOException {
        Path goodFile = good(dir);
        byte[] good = Files.readAllBytes(goodFile);
        Map<String, byte[]> entries = entries(goodFile);
        List<Case> cases = new ArrayList<>();

        // Truncations at 40 offsets spread over the file, plus the last bytes (end-of-directory record).
        for (int i = 0; i <= 40; i++) {
            int at = i == 40 ? good.length - 1 : (int) ((long) good.length * i / 40);
            Path f = dir.resolve("truncated-" + at + ".wolp");
            Files.write(f, Arrays.copyOf(good, at));
            cases.add(new Case("truncated at " + at, f, at == 0 ? "empty" : "", false));
        }
        // Random single-byte flips, seeded.
        SplittableRandom rng = new SplittableRandom(2024);
        for (int i = 0; i < 60; i++) {
            byte[] b = good.clone();
            int at = rng.nextInt(b.length);
            b[at] ^= (byte) (1 + rng.nextInt(255));
            Path f = dir.resolve("flip-" + i + "-at-" + at + ".wolp");
            Files.write(f, b);
            cases.add(new Case("byte flip at " + at, f, "", true));
        }

        cases.add(write(dir, "empty file", "empty.wolp", new byte[0], "empty"));
        Path d = dir.resolve("a-directory.wolp");
        Files.createDirectories(d);
        cases.add(new Case("a directory", d, "directory", false));
        cases.add(new Case("no such file", dir.resolve("missing.wolp"), "no such file", false));
        cases.add(write(dir, "not a zip", "text.wolp", "hello, not a zip\n".getBytes(StandardCharsets.UTF_8), "zip"));
        cases.add(write(dir, "random bytes", "noise.wolp", randomBytes(5000, 7), "zip"));

        // safetensors headers and contents
        cases.add(zipCase(dir, "header claims 4 GB", entries, Snapshots.WEIGHTS,
                headerLength(entries.get(Snapshots.WEIGHTS), 4_000_000_000L), "header length"));
        cases.add(zipCase(dir, "header claims 2^63", entries, Snapshots.WEIGHTS,
                headerLength(entries.get(Snapshots.WEIGHTS), Long.MIN_VALUE), "header length"));
        cases.add(zipCase(dir, "header longer than the file", entries, Snapshots.WEIGHTS,
                headerLength(entries.get(Snapshots.WEIGHTS), 900_000L), "runs past the end"));
        cases.add(zipCase(dir, "safetensors of 5 bytes", entries, Snapshots.WEIGHTS, new byte[5], "truncated"));
        cases.add(zipCase(dir, "header not JSON", entries, Snapshots.OPTIMIZER,
                rawHeader(entries.get(Snapshots.OPTIMIZER), "{\"a\": [1, 2,"), "not valid json"));
        cases.add(zipCase(dir, "wrong shape", entries, Snapshots.WEIGHTS, editHeader(entries.get(Snapshots.WEIGHTS),
                h -> ((ObjectNode) h.get("actor.fc1.weight")).putArray("shape").add(16).add(4)), "shape"));
        cases.add(zipCase(dir, "transposed weight", entries, Snapshots.WEIGHTS, editHeader(entries.get(Snapshots.WEIGHTS),
                h -> ((ObjectNode) h.get("critic.fc2.weight")).putArray("shape").add(17).add(12)), "expected [12, 17]"));
        cases.add(zipCase(dir, "dtype F16", entries, Snapshots.WEIGHTS, editHeader(entries.get(Snapshots.WEIGHTS),
                h -> ((ObjectNode) h.get("actor.fc2.bias")).put("dtype", "F16")), "dtype f16"));
        cases.add(zipCase(dir, "dtype F64", entries, Snapshots.OPTIMIZER, editHeader(entries.get(Snapshots.OPTIMIZER),
                h -> ((ObjectNode) h.get("critic.fc1.weight.exp_avg")).put("dtype", "F64")), "dtype f64"));
        cases.add(zipCase(dir, "overlapping tensors", entries, Snapshots.WEIGHTS, editHeader(entries.get(Snapshots.WEIGHTS),
                h -> ((ObjectNode) h.get("actor.fc1.bias")).putArray("data_offsets").add(0).add(64)), "overlapping"));
        cases.add(zipCase(dir, "offsets past the data", entries, Snapshots.WEIGHTS, editHeader(entries.get(Snapshots.WEIGHTS),
                h -> ((ObjectNode) h.get("critic_target.fc3.bias")).putArray("data_offsets").add(1L << 40).add((1L << 40) + 4)),
                "outside"));
        cases.add(zipCase(dir, "trailing bytes", entries, Snapshots.WEIGHTS,
                concat(entries.get(Snapshots.WEIGHTS), new byte[8]), "after the last tensor"));
        cases.add(zipCase(dir, "missing tensor", entries, Snapshots.WEIGHTS, editHeader(entries.get(Snapshots.WEIGHTS),
                h -> h.remove("critic.fc3.bias")), "'critic.fc3.bias' is missing"));
        cases.add(zipCase(dir, "unexpected tensor", entries, Snapshots.WEIGHTS, editHeader(entries.get(Snapshots.WEIGHTS),
                h -> h.set("actor.fc4.weight", h.get("actor.fc3.bias").deepCopy())), "unexpected tensor"));
        cases.add(zipCase(dir, "NaN weight", entries, Snapshots.WEIGHTS,
                setFloat(entries.get(Snapshots.WEIGHTS), "critic.fc2.weight", 7, Float.NaN), "nan"));
        cases.add(zipCase(dir, "infinite Adam moment", entries, Snapshots.OPTIMIZER,
                setFloat(entries.get(Snapshots.OPTIMIZER), "actor.fc1.bias.exp_avg", 0, Float.POSITIVE_INFINITY), "infinity"));
        cases.add(zipCase(dir, "negative second moment", entries, Snapshots.OPTIMIZER,
                setFloat(entries.get(Snapshots.OPTIMIZER), "actor.fc1.bias.exp_avg_sq", 0, -1f), "second moments"));
        cases.add(zipCase(dir, "replay terminated 0.5", entries, Snapshots.REPLAY,
                setFloat(entries.get(Snapshots.REPLAY), "terminated", 3, 0.5f), "not 0 or 1"));
        cases.add(zipCase(dir, "replay rows missing", entries, Snapshots.REPLAY, editHeader(entries.get(Snapshots.REPLAY),
                h -> ((ObjectNode) h.get("reward")).putArray("shape").add(89)), "shape"));

        // manifest
        cases.add(manifestCase(dir, "newer format version", entries, m -> m.put("format_version", Snapshots.FORMAT_VERSION + 1),
                "snapshot format " + (Snapshots.FORMAT_VERSION + 1) + " is newer than this app supports ("
                        + Snapshots.FORMAT_VERSION + "); upgrade"));
        cases.add(manifestCase(dir, "format version 0", entries, m -> m.put("format_version", 0), "not a valid version"));
        cases.add(manifestCase(dir, "not our format", entries, m -> m.put("format", "something-else"), "not a wolpertinger"));
        cases.add(zipCase(dir, "manifest not JSON", entries, Snapshots.MANIFEST,
                "{\"format\": ".getBytes(StandardCharsets.UTF_8), "not valid json"));
        cases.add(zipCase(dir, "manifest not UTF-8", entries, Snapshots.MANIFEST, new byte[] {'{', (byte) 0xC3, '}'},
                "utf-8"));
        cases.add(manifestCase(dir, "config unknown key", entries,
                m -> ((ObjectNode) m.get("config")).put("kRatoi", 0.1), "unknown key 'kratoi'"));
        cases.add(manifestCase(dir, "config out of range", entries,
                m -> ((ObjectNode) m.get("config")).put("tau", 3.0), "tau must be in (0, 1]"));
        cases.add(manifestCase(dir, "config wrong type", entries,
                m -> ((ObjectNode) m.get("config")).put("batchSize", "many"), "batchsize"));
        cases.add(manifestCase(dir, "config missing key", entries,
                m -> ((ObjectNode) m.get("config")).remove("gamma"), "lacks 'gamma'"));
        cases.add(manifestCase(dir, "config huge hidden layer", entries,
                m -> ((ObjectNode) m.get("config")).put("hidden1", 1_000_000), "hidden1"));
        cases.add(manifestCase(dir, "config huge replay buffer", entries,
                m -> ((ObjectNode) m.get("config")).put("bufferCapacity", 2_000_000_000), "buffercapacity"));
        cases.add(manifestCase(dir, "config huge k", entries, m -> {
            ((ObjectNode) m.get("config")).put("maxActions", 2_000_000_000).put("kRatio", 1.0);
            ((ObjectNode) m.get("action_set")).put("n", 2_000_000_000);
        }, "k = "));
        cases.add(manifestCase(dir, "unknown env", entries, m -> {
            ((ObjectNode) m.get("config")).put("env", "Acrobot-v1");
            m.put("env", "Acrobot-v1");
        }, "acrobot"));
        cases.add(manifestCase(dir, "action set mismatch", entries,
                m -> ((ObjectNode) m.get("action_set")).put("n", 5), "action set"));
        cases.add(manifestCase(dir, "bounds mismatch", entries,
                m -> ((ObjectNode) m.get("action_set")).putArray("high").add(3.0), "action set"));
        cases.add(manifestCase(dir, "observation of wrong length", entries,
                m -> ((ArrayNode) m.get("run").get("observation")).add(1.0), "observation"));
        cases.add(manifestCase(dir, "elapsed past the time limit", entries,
                m -> ((ObjectNode) m.get("run")).put("env_elapsed_steps", 200), "env_elapsed_steps"));
        cases.add(manifestCase(dir, "even rng gamma", entries,
                m -> ((ObjectNode) m.get("rng").get("replay")).put("gamma", 2), "odd"));
        cases.add(manifestCase(dir, "negative steps", entries,
                m -> ((ObjectNode) m.get("counters")).put("steps", -5), "steps"));
        cases.add(manifestCase(dir, "replay position inconsistent", entries,
                m -> ((ObjectNode) m.get("replay")).put("position", 3), "position"));
        cases.add(manifestCase(dir, "live k ratio out of range", entries,
                m -> ((ObjectNode) m.get("live")).put("k_ratio", 7.0), "k_ratio"));
        cases.add(manifestCase(dir, "missing section", entries, m -> m.remove("rng"), "lacks 'rng'"));
        cases.add(manifestCase(dir, "created not a time", entries, m -> m.put("created", "yesterday"), "iso-8601"));

        // entries
        Map<String, byte[]> noWeights = new LinkedHashMap<>(entries);
        noWeights.remove(Snapshots.WEIGHTS);
        cases.add(zipOf(dir, "missing weights entry", noWeights, "weights.safetensors is missing"));
        Map<String, byte[]> noManifest = new LinkedHashMap<>(entries);
        noManifest.remove(Snapshots.MANIFEST);
        cases.add(zipOf(dir, "missing manifest entry", noManifest, "manifest.json is missing"));
        Map<String, byte[]> noReplay = new LinkedHashMap<>(entries);
        noReplay.remove(Snapshots.REPLAY);
        cases.add(zipOf(dir, "missing replay entry", noReplay, "replay.safetensors is missing"));
        cases.add(zipOf(dir, "empty zip", Map.of(), "missing"));
        String row = "1,200,-5.0,200,NaN,NaN,20,0.2,false,100.0,1.0,NaN,NaN,NaN,-1627.36,0.0,NaN,NaN,NaN,";
        cases.add(zipCase(dir, "metrics row of an episode the run has not reached", entries, Snapshots.METRICS,
                (lab.wolpertinger.train.EpisodeRecord.CSV_HEADER + "\n" + row + "\n").getBytes(StandardCharsets.UTF_8),
                "metrics.csv line 2: episode 1 where 1 (of the run's 0) belongs"));
        cases.add(zipCase(dir, "metrics row that does not parse", entries, Snapshots.METRICS,
                (lab.wolpertinger.train.EpisodeRecord.CSV_HEADER + "\n1,two\n").getBytes(StandardCharsets.UTF_8),
                "metrics.csv line 2: a metrics row has 11 or 20 columns, got 2"));
        cases.add(zipCase(dir, "metrics with another header", entries, Snapshots.METRICS,
                "a,b\n".getBytes(StandardCharsets.UTF_8), "metrics.csv: the header is not metrics.csv's"));

        // zip bombs: highly compressible entries far larger than any cap
        cases.add(bomb(dir, "extra 64 MB entry", entries, "extra.bin", 64 << 20, "unexpected entry 'extra.bin'"));
        cases.add(bomb(dir, "manifest inflating to 16 MB", entries, Snapshots.MANIFEST, 16 << 20, "more than"));
        cases.add(bomb(dir, "weights inflating to 32 MB", entries, Snapshots.WEIGHTS, 32 << 20, "more than"));
        cases.add(bomb(dir, "metrics inflating to 128 MB", entries, Snapshots.METRICS, 128 << 20, "more than"));
        // The same bombs with the central directory lying about the size: the bounded read stops them.
        Case lyingManifest = bomb(dir, "manifest bomb declaring 100 bytes", entries, Snapshots.MANIFEST, 16 << 20,
                "inflates to more than");
        declareSize(lyingManifest.path(), Snapshots.MANIFEST, 100);
        cases.add(lyingManifest);
        Case lyingWeights = bomb(dir, "weights bomb declaring 4 kB", entries, Snapshots.WEIGHTS, 32 << 20,
                "inflates to more than");
        declareSize(lyingWeights.path(), Snapshots.WEIGHTS, 4096);
        cases.add(lyingWeights);
        Case lyingSmall = zipOf(dir, "manifest declaring fewer bytes than it holds", entries, "declares");
        declareSize(lyingSmall.path(), Snapshots.MANIFEST, 10);
        cases.add(lyingSmall);
        return cases;
    }

    // ---- builders ----

    static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> e = z.entries();
            while (e.hasMoreElements()) {
                ZipEntry x = e.nextElement();
                out.put(x.getName(), z.getInputStream(x).readAllBytes());
            }
        }
        return out;
    }

    private static Case write(Path dir, String name, String file, byte[] bytes, String fragment) throws IOException {
        Path f = dir.resolve(file);
        Files.write(f, bytes);
        return new Case(name, f, fragment, false);
    }

    private static Case zipCase(Path dir, String name, Map<String, byte[]> entries, String replace, byte[] bytes,
                                String fragment) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>(entries);
        m.put(replace, bytes);
        return zipOf(dir, name, m, fragment);
    }

    private static Case zipOf(Path dir, String name, Map<String, byte[]> entries, String fragment) throws IOException {
        Path f = dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".wolp");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return new Case(name, f, fragment, false);
    }

    private static Case manifestCase(Path dir, String name, Map<String, byte[]> entries, Consumer<ObjectNode> edit,
                                     String fragment) throws IOException {
        ObjectNode m = (ObjectNode) JSON.readTree(entries.get(Snapshots.MANIFEST));
        edit.accept(m);
        return zipCase(dir, name, entries, Snapshots.MANIFEST, JSON.writeValueAsBytes(m), fragment);
    }

    private static Case bomb(Path dir, String name, Map<String, byte[]> entries, String entry, int bytes,
                             String fragment) throws IOException {
        Path f = dir.resolve(name.replaceAll("[^A-Za-z0-9]+", "-") + ".wolp");
        byte[] chunk = new byte[1 << 20];
        Arrays.fill(chunk, (byte) ' ');
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(f))) {
            z.setLevel(Deflater.BEST_COMPRESSION);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                if (!e.getKey().equals(entry)) {
                    z.putNextEntry(new ZipEntry(e.getKey()));
                    z.write(e.getValue());
                    z.closeEntry();
                }
            }
            z.putNextEntry(new ZipEntry(entry));
            OutputStream o = z;
            if (entry.endsWith(".safetensors")) {
                o.write(entries.get(entry), 0, entries.get(entry).length); // a valid file, then megabytes more
            } else {
                o.write('{');
            }
            for (int i = 0; i < bytes >> 20; i++) {
                o.write(chunk);
            }
            z.closeEntry();
        }
        return new Case(name, f, fragment, false);
    }

    /** Rewrites the uncompressed size of {@code entry} in the zip's central directory. */
    private static void declareSize(Path zip, String entry, int size) throws IOException {
        byte[] b = Files.readAllBytes(zip);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        byte[] name = entry.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        for (int i = 0; i + 46 < b.length; i++) {
            if (buf.getInt(i) == 0x02014b50 && (buf.getShort(i + 28) & 0xffff) == name.length
                    && Arrays.equals(Arrays.copyOfRange(b, i + 46, i + 46 + name.length), name)) {
                buf.putInt(i + 24, size);
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException("no central directory record for " + entry);
        }
        Files.write(zip, b);
    }

    private static byte[] headerLength(byte[] st, long claimed) {
        byte[] b = st.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, claimed);
        return b;
    }

    private static int headerLen(byte[] st) {
        return (int) ByteBuffer.wrap(st).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
    }

    private static byte[] rawHeader(byte[] st, String header) {
        int n = headerLen(st);
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(8 + h.length + st.length - 8 - n).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(h.length).put(h).put(st, 8 + n, st.length - 8 - n);
        return out.array();
    }

    private static byte[] editHeader(byte[] st, Consumer<ObjectNode> edit) throws IOException {
        int n = headerLen(st);
        ObjectNode h = (ObjectNode) JSON.readTree(new String(st, 8, n, StandardCharsets.UTF_8));
        edit.accept(h);
        return rawHeader(st, h.toString());
    }

    private static byte[] setFloat(byte[] st, String tensor, int index, float value) throws IOException {
        int n = headerLen(st);
        ObjectNode h = (ObjectNode) JSON.readTree(new String(st, 8, n, StandardCharsets.UTF_8));
        long begin = h.get(tensor).get("data_offsets").get(0).asLong();
        byte[] b = st.clone();
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putFloat(8 + n + (int) begin + 4 * index, value);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }
}

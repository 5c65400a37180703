package lab.wolpertinger.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.ReplayBuffer;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.agent.acer.AcerAgent;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.nn.Nd4jRuntime;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.TrainingRun;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Saving and loading {@code .wolp} snapshots: a zip of {@code manifest.json} (format version,
 * config, counters, random generator states, run state), {@code weights.safetensors} (actor,
 * critic and their targets, PyTorch {@code nn.Linear} names and layout), {@code
 * optimizer.safetensors} (Adam moments) and optionally {@code replay.safetensors}.
 *
 * <p>Saves are atomic: the file is written next to the target, forced to disk and moved over
 * it, so a crash mid-save leaves the previous file intact. Loads are paranoid: every entry is
 * read through a bounded stream with its CRC checked, and every length, shape and value is
 * checked against the manifest's (validated) config before anything is allocated. Every
 * failure is a {@link SnapshotException} with a one-line message.
 *
 * <p>Call {@link #save} on the thread that owns the run (the training thread), between steps.
 * {@link #load} touches no shared state and may run on any thread.
 */
public final class Snapshots {

    /** The format version this app writes and the newest it reads. */
    public static final int FORMAT_VERSION = 2;
    /** The manifest's {@code format} value. */
    public static final String FORMAT = "wolpertinger-snapshot";
    /** Entry names. */
    public static final String MANIFEST = "manifest.json";
    /** Weights entry. */
    public static final String WEIGHTS = "weights.safetensors";
    /** Adam moments entry. */
    public static final String OPTIMIZER = "optimizer.safetensors";
    /** Replay buffer entry (optional). */
    public static final String REPLAY = "replay.safetensors";
    /** The run's finished episodes as {@code metrics.csv} rows (optional; older snapshots have none). */
    public static final String METRICS = "metrics.csv";
    /** ACER's trace being recorded (ACER snapshots, when the trace is not empty). */
    public static final String TRACE = "trace.safetensors";
    /** The traces ACER's workers 1 .. W-1 are recording (ACER snapshots with workers > 1, when one is not empty). */
    public static final String WORKERS = "workers.safetensors";
    /** The nets in {@code weights.safetensors}, as name prefixes. */
    public static final List<String> NETS = List.of("actor", "critic", "actor_target", "critic_target");

    static final int MAX_MANIFEST_BYTES = 1 << 20;
    /** 64 MiB: about 300,000 episodes of metrics rows. */
    static final int MAX_METRICS_BYTES = 64 << 20;
    static final List<String> ENTRIES = List.of(MANIFEST, WEIGHTS, OPTIMIZER, REPLAY, METRICS, TRACE, WORKERS);
    /** Zip entry times are fixed, so the same state gives the same bytes (the manifest holds the time). */
    private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

    private Snapshots() {
    }

    /** Called before each entry is written; tests use it to fail a save midway. */
    @FunctionalInterface
    interface EntryHook {
        void before(String entry) throws IOException;
    }

    // ---- saving ----

    /**
     * Saves {@code run} to {@code path} atomically (parent directories are created).
     *
     * @param includeReplay also save the replay buffer, which makes a resume exact (and the file
     *                      larger: 4 * (2 obsDim + d + 2) bytes per stored transition)
     * @throws IOException if the file cannot be written; the previous file is then untouched
     */
    public static void save(TrainingRun run, Path path, boolean includeReplay) throws IOException {
        save(run, path, includeReplay, entry -> { });
    }

    static void save(TrainingRun run, Path path, boolean includeReplay, EntryHook hook) throws IOException {
        if (run.agent() instanceof AcerAgent) {
            writeZip(path, AcerSnapshots.entries(run, includeReplay), hook);
            return;
        }
        WolpertingerAgent agent = run.wolpertinger();
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(MANIFEST, ManifestCodec.write(run, includeReplay, appVersion(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS)).getBytes(StandardCharsets.UTF_8));
        Map<String, Tensor> weights = new LinkedHashMap<>();
        addNet(weights, "actor", agent.actor().namedParameters());
        addNet(weights, "critic", agent.critic().namedParameters());
        addNet(weights, "actor_target", agent.actorTarget().namedParameters());
        addNet(weights, "critic_target", agent.criticTarget().namedParameters());
        entries.put(WEIGHTS, SafeTensors.encode(weights, Map.of("format", "pt")));
        Map<String, Tensor> moments = new LinkedHashMap<>();
        addMoments(moments, "actor", agent.actor().namedParameters(), agent.actorAdam().firstMoment(),
                agent.actorAdam().secondMoment());
        addMoments(moments, "critic", agent.critic().namedParameters(), agent.criticAdam().firstMoment(),
                agent.criticAdam().secondMoment());
        entries.put(OPTIMIZER, SafeTensors.encode(moments, Map.of("format", "pt")));
        if (includeReplay) {
            entries.put(REPLAY, SafeTensors.encode(replayTensors(agent.buffer().contents(), agent.buffer()), Map.of()));
        }
        entries.put(METRICS, metricsCsv(run));
        writeZip(path, entries, hook);
    }

    /** The run's finished episodes as {@code metrics.csv} bytes (a header and one row each). */
    static byte[] metricsCsv(TrainingRun run) {
        StringBuilder metrics = new StringBuilder(EpisodeRecord.CSV_HEADER).append('\n');
        for (EpisodeRecord r : run.history()) {
            metrics.append(r.toCsv()).append('\n');
        }
        return metrics.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Writes {@code entries} in order as a zip with fixed entry times, atomically. */
    static void writeZip(Path path, Map<String, byte[]> entries, EntryHook hook) throws IOException {
        writeAtomically(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
            zip.setLevel(Deflater.BEST_SPEED);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                hook.before(e.getKey());
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
            zip.close();
        });
    }

    static void addNet(Map<String, Tensor> out, String prefix, Map<String, INDArray> params) {
        params.forEach((name, p) -> {
            float[] data = new float[(int) p.length()];
            Nd4jRuntime.copyOut(p, data);
            out.put(prefix + "." + name, new Tensor(shape(p), data));
        });
    }

    static void addMoments(Map<String, Tensor> out, String prefix, Map<String, INDArray> layout,
                                   INDArray m, INDArray v) {
        float[] mf = m.toFloatVector();
        float[] vf = v.toFloatVector();
        int at = 0;
        for (Map.Entry<String, INDArray> e : layout.entrySet()) {
            int n = (int) e.getValue().length();
            int[] shape = shape(e.getValue());
            out.put(prefix + "." + e.getKey() + ".exp_avg", new Tensor(shape, java.util.Arrays.copyOfRange(mf, at, at + n)));
            out.put(prefix + "." + e.getKey() + ".exp_avg_sq", new Tensor(shape, java.util.Arrays.copyOfRange(vf, at, at + n)));
            at += n;
        }
    }

    private static Map<String, Tensor> replayTensors(ReplayBuffer.Contents c, ReplayBuffer b) {
        Map<String, Tensor> t = new LinkedHashMap<>();
        int n = c.size();
        t.put("obs", new Tensor(new int[] {n, b.obsDim()}, c.obs()));
        t.put("action", new Tensor(new int[] {n, b.actionDim()}, c.actions()));
        t.put("reward", new Tensor(new int[] {n}, c.rewards()));
        t.put("next_obs", new Tensor(new int[] {n, b.obsDim()}, c.nextObs()));
        float[] term = new float[n];
        for (int i = 0; i < n; i++) {
            term[i] = c.terminated()[i] ? 1f : 0f;
        }
        t.put("terminated", new Tensor(new int[] {n}, term));
        return t;
    }

    static int[] shape(INDArray a) {
        long[] s = a.shape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = (int) s[i];
        }
        return out;
    }

    /** The body of an atomic write. */
    @FunctionalInterface
    interface Body {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes a temp file in {@code target}'s directory, forces it to disk and moves it over
     * {@code target} in one atomic rename. On any failure the temp file is deleted and
     * {@code target} is left as it was.
     */
    static void writeAtomically(Path target, Body body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        if (Files.isDirectory(abs)) {
            throw new IOException(target + " is a directory");
        }
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
        boolean moved = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream raw = Channels.newOutputStream(ch);
                // The body may close its stream; keep the channel open until it is forced to disk.
                OutputStream keepOpen = new java.io.BufferedOutputStream(new FilterOutputStream(raw) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        out.write(b, off, len);
                    }

                    @Override
                    public void close() throws IOException {
                        flush();
                    }
                }, 1 << 16);
                body.write(keepOpen);
                keepOpen.flush();
                ch.force(true);
            }
            keepPermissions(tmp, abs);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true); // persist the rename; not possible on every OS, so best effort
            } catch (IOException | UnsupportedOperationException ignored) {
                // the file itself is complete either way
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** A temp file is private (0600); give the result the old file's permissions, or rw-r--r--. */
    private static void keepPermissions(Path tmp, Path target) {
        try {
            java.util.Set<java.nio.file.attribute.PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target)
                    : java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--");
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: keep the default
        }
    }

    static String appVersion() {
        String v = Snapshots.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    // ---- loading ----

    /**
     * An exact, independent copy of {@code run} (networks, optimizers, replay buffer, RNG states,
     * counters, live parameters): saved with its replay buffer and loaded back, so a copy resumes
     * exactly as the original would (the lab's Branch). Goes through a temporary file, deleted after.
     */
    public static TrainingRun copy(TrainingRun run) {
        Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile("wolpertinger-branch-", ".wolp");
            save(run, tmp, true);
            return loadRun(tmp);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot copy the run through " + tmp + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // a leftover temporary file is harmless; the copy itself succeeded or threw
                }
            }
        }
    }

    /**
     * Reads and validates the snapshot at {@code path} completely (manifest, weights, optimizer
     * state and replay rows); builds no network.
     *
     * @throws SnapshotException naming the file and what is wrong with it
     */
    public static Snapshot load(Path path) {
        return open(path, (zip, entries) -> {
            JsonNode manifest = ManifestCodec.parse(readEntry(zip, entries.get(MANIFEST), MAX_MANIFEST_BYTES));
            if (Agent.ACER.equals(ManifestCodec.agent(manifest))) {
                throw new SnapshotException("holds an ACER run; this reads Wolpertinger snapshots (the lab, eval "
                        + "--k-ratio, sweep and export-actor are Wolpertinger's so far)");
            }
            return read(zip, entries, manifest);
        });
    }

    /**
     * The run saved at {@code path}, Wolpertinger's or ACER's, restored to continue exactly (with
     * its replay when the file holds it). Call on the thread that will own the run.
     *
     * @throws SnapshotException naming the file and what is wrong with it
     */
    public static TrainingRun loadRun(Path path) {
        return open(path, (zip, entries) -> {
            JsonNode manifest = ManifestCodec.parse(readEntry(zip, entries.get(MANIFEST), MAX_MANIFEST_BYTES));
            if (Agent.ACER.equals(ManifestCodec.agent(manifest))) {
                return AcerSnapshots.read(zip, entries, manifest).toTrainingRun();
            }
            return read(zip, entries, manifest).toTrainingRun();
        });
    }

    /**
     * The agent a snapshot holds ({@code wolpertinger} or {@code acer}), from its manifest alone.
     *
     * @throws SnapshotException naming the file and what is wrong with it
     */
    public static String agentOf(Path path) {
        return open(path, (zip, entries) -> ManifestCodec.agent(
                ManifestCodec.parse(readEntry(zip, entries.get(MANIFEST), MAX_MANIFEST_BYTES))));
    }

    /** What is read from an open snapshot's zip, its entries listed and checked. */
    @FunctionalInterface
    interface ZipReader<T> {
        T read(ZipFile zip, Map<String, ZipEntry> entries) throws IOException;
    }

    /** Opens {@code path} as a snapshot zip and reads it; every failure is one line naming the file. */
    static <T> T open(Path path, ZipReader<T> reader) {
        String name = path.toString();
        try {
            if (Files.isDirectory(path)) {
                throw new SnapshotException(name + " is a directory, not a .wolp snapshot file");
            }
            if (!Files.exists(path)) {
                throw new SnapshotException(name + ": no such file");
            }
            if (Files.size(path) == 0) {
                throw new SnapshotException(name + " is empty, not a .wolp snapshot");
            }
            try (ZipFile zip = new ZipFile(path.toFile(), ZipFile.OPEN_READ, StandardCharsets.UTF_8)) {
                return reader.read(zip, entries(zip));
            }
        } catch (SnapshotException e) {
            throw e.getMessage().startsWith(name) ? e : new SnapshotException(name + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new SnapshotException(name + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SnapshotException(name + ": permission denied", e);
        } catch (ZipException e) {
            throw new SnapshotException(name + " is not a valid .wolp snapshot (broken zip: " + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new SnapshotException(name + ": cannot read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // Anything else the zip or JSON layers throw on a corrupt file is still a bad file.
            throw new SnapshotException(name + " is not a valid .wolp snapshot (" + e.getClass().getSimpleName()
                    + ": " + e.getMessage() + ")", e);
        }
    }

    /** The zip's entries by name: only known names, each once, the manifest, weights and optimizer present. */
    private static Map<String, ZipEntry> entries(ZipFile zip) {
        Map<String, ZipEntry> entries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Enumeration<? extends ZipEntry> all = zip.entries();
        while (all.hasMoreElements()) {
            ZipEntry e = all.nextElement();
            if (!ENTRIES.contains(e.getName())) {
                throw new SnapshotException("unexpected entry '" + e.getName() + "' (a .wolp holds "
                        + String.join(", ", ENTRIES) + ")");
            }
            if (!seen.add(e.getName())) {
                throw new SnapshotException("entry " + e.getName() + " appears twice");
            }
            entries.put(e.getName(), e);
        }
        for (String required : List.of(MANIFEST, WEIGHTS, OPTIMIZER)) {
            if (!entries.containsKey(required)) {
                throw new SnapshotException("entry " + required + " is missing");
            }
        }
        return entries;
    }

    private static Snapshot read(ZipFile zip, Map<String, ZipEntry> entries, JsonNode json) throws IOException {
        Manifest manifest = ManifestCodec.read(json);
        for (String acerOnly : List.of(TRACE, WORKERS)) {
            if (entries.containsKey(acerOnly)) {
                throw new SnapshotException("unexpected entry " + acerOnly + " (only ACER snapshots hold traces)");
            }
        }
        WolpertingerConfig config = manifest.config();
        int obsDim = Envs.make(config.env(), config.envOptions()).observationSpace().dim();
        int d = manifest.actionSet().d();

        Map<String, int[]> weightShapes = weightShapes(config, obsDim, d);
        Map<String, Tensor> weights = SafeTensors.decode(
                readEntry(zip, entries.get(WEIGHTS), SafeTensors.maxEncodedSize(weightShapes)), WEIGHTS, weightShapes);
        Map<String, int[]> momentShapes = momentShapes(config, obsDim, d);
        Map<String, Tensor> moments = SafeTensors.decode(
                readEntry(zip, entries.get(OPTIMIZER), SafeTensors.maxEncodedSize(momentShapes)), OPTIMIZER, momentShapes);
        requireNonNegativeSecondMoments(moments);
        ReplayBuffer.Contents replay = null;
        Manifest.ReplayInfo info = manifest.replay();
        if (info.included()) {
            if (!entries.containsKey(REPLAY)) {
                throw new SnapshotException("entry " + REPLAY + " is missing (the manifest says it is included)");
            }
            Map<String, int[]> shapes = replayShapes(info.size(), obsDim, d);
            Map<String, Tensor> t = SafeTensors.decode(
                    readEntry(zip, entries.get(REPLAY), SafeTensors.maxEncodedSize(shapes)), REPLAY, shapes);
            float[] term = t.get("terminated").data();
            boolean[] terminated = new boolean[term.length];
            for (int i = 0; i < term.length; i++) {
                if (term[i] != 0f && term[i] != 1f) {
                    throw new SnapshotException(REPLAY + ": terminated[" + i + "] is " + term[i] + ", not 0 or 1");
                }
                terminated[i] = term[i] == 1f;
            }
            replay = new ReplayBuffer.Contents(info.position(), info.size(), t.get("obs").data(),
                    t.get("action").data(), t.get("reward").data(), t.get("next_obs").data(), terminated);
        } else if (entries.containsKey(REPLAY)) {
            throw new SnapshotException("unexpected entry " + REPLAY + " (the manifest says the replay buffer is not included)");
        }
        List<EpisodeRecord> history = entries.containsKey(METRICS)
                ? metrics(readEntry(zip, entries.get(METRICS), MAX_METRICS_BYTES), manifest.run().episodes()) : List.of();
        return new Snapshot(manifest, weights, moments, replay, history);
    }

    /**
     * The rows of a metrics entry: its header, then consecutive episodes up to at most
     * {@code episodes} (from 1, or later when the run kept only its last {@code TrainingRun.HISTORY_LIMIT}).
     */
    private static List<EpisodeRecord> metrics(byte[] bytes, int episodes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        if (!lines[0].equals(EpisodeRecord.CSV_HEADER) && !lines[0].equals(EpisodeRecord.BASE_CSV_HEADER)) {
            throw new SnapshotException(METRICS + ": the header is not metrics.csv's");
        }
        List<EpisodeRecord> out = new java.util.ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            EpisodeRecord r;
            try {
                r = EpisodeRecord.fromCsv(lines[i]);
            } catch (IllegalArgumentException e) {
                throw new SnapshotException(METRICS + " line " + (i + 1) + ": " + e.getMessage(), e);
            }
            int expected = out.isEmpty() ? Math.max(1, episodes - TrainingRun.HISTORY_LIMIT + 1)
                    : out.get(out.size() - 1).episode() + 1;
            boolean fits = out.isEmpty() ? r.episode() >= expected : r.episode() == expected;
            if (!fits || r.episode() > episodes) {
                throw new SnapshotException(METRICS + " line " + (i + 1) + ": episode " + r.episode() + " where "
                        + expected + " (of the run's " + episodes + ") belongs");
            }
            out.add(r);
        }
        return List.copyOf(out);
    }

    /** Adam's second moments ({@code *.exp_avg_sq}) are averages of squares: a negative one is a bad file. */
    static void requireNonNegativeSecondMoments(Map<String, Tensor> moments) {
        for (Map.Entry<String, Tensor> e : moments.entrySet()) {
            if (e.getKey().endsWith(".exp_avg_sq")) {
                for (float v : e.getValue().data()) {
                    if (v < 0) {
                        throw new SnapshotException(OPTIMIZER + ": tensor '" + e.getKey() + "' holds " + v
                                + "; second moments are >= 0");
                    }
                }
            }
        }
    }

    /**
     * The entry's bytes, read through a stream that stops at {@code cap} whatever the zip
     * declares (a zip bomb inflates only up to the cap), with size and CRC checked.
     */
    static byte[] readEntry(ZipFile zip, ZipEntry entry, long cap) throws IOException {
        String name = entry.getName();
        long limit = Math.min(cap, Integer.MAX_VALUE - 16L);
        if (entry.getSize() > limit) {
            throw new SnapshotException("entry " + name + " declares " + entry.getSize() + " bytes, more than the "
                    + limit + " it can hold");
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream((int) Math.min(limit, 1 << 16));
        CRC32 crc = new CRC32();
        byte[] buf = new byte[1 << 16];
        long total = 0;
        try (InputStream in = zip.getInputStream(entry)) {
            int r;
            while ((r = in.read(buf)) != -1) {
                total += r;
                if (total > limit) {
                    throw new SnapshotException("entry " + name + " inflates to more than " + limit
                            + " bytes, more than it can hold");
                }
                crc.update(buf, 0, r);
                out.write(buf, 0, r);
            }
        }
        if (entry.getSize() >= 0 && entry.getSize() != total) {
            throw new SnapshotException("entry " + name + " holds " + total + " bytes but declares " + entry.getSize());
        }
        if (entry.getCrc() != -1 && entry.getCrc() != crc.getValue()) {
            throw new SnapshotException("entry " + name + " is corrupt (CRC mismatch)");
        }
        return out.toByteArray();
    }

    /** Weight tensor names and shapes for {@code config}: actor.fc1.weight [h1, o], ... critic_target.fc3.bias [1]. */
    public static Map<String, int[]> weightShapes(WolpertingerConfig config, int obsDim, int d) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String net : NETS) {
            netShapes(out, net, net.startsWith("critic"), config, obsDim, d, "");
        }
        return out;
    }

    static Map<String, int[]> momentShapes(WolpertingerConfig config, int obsDim, int d) {
        Map<String, int[]> out = new LinkedHashMap<>();
        for (String net : List.of("actor", "critic")) {
            Map<String, int[]> p = new LinkedHashMap<>();
            netShapes(p, net, net.equals("critic"), config, obsDim, d, "");
            p.forEach((k, v) -> {
                out.put(k + ".exp_avg", v);
                out.put(k + ".exp_avg_sq", v);
            });
        }
        return out;
    }

    private static void netShapes(Map<String, int[]> out, String prefix, boolean critic, WolpertingerConfig c,
                                  int obsDim, int d, String suffix) {
        int h1 = c.hidden1();
        int h2 = c.hidden2();
        out.put(prefix + ".fc1.weight" + suffix, new int[] {h1, obsDim});
        out.put(prefix + ".fc1.bias" + suffix, new int[] {h1});
        out.put(prefix + ".fc2.weight" + suffix, new int[] {h2, critic ? h1 + d : h1});
        out.put(prefix + ".fc2.bias" + suffix, new int[] {h2});
        out.put(prefix + ".fc3.weight" + suffix, new int[] {critic ? 1 : d, h2});
        out.put(prefix + ".fc3.bias" + suffix, new int[] {critic ? 1 : d});
    }

    static Map<String, int[]> replayShapes(int size, int obsDim, int d) {
        Map<String, int[]> out = new LinkedHashMap<>();
        out.put("obs", new int[] {size, obsDim});
        out.put("action", new int[] {size, d});
        out.put("reward", new int[] {size});
        out.put("next_obs", new int[] {size, obsDim});
        out.put("terminated", new int[] {size});
        return out;
    }
}

package lab.wolpertinger.sweep;

import static lab.wolpertinger.sweep.Sweep.CSV;
import static lab.wolpertinger.sweep.Sweep.PNG;
import static lab.wolpertinger.sweep.Sweep.SETTINGS;
import static lab.wolpertinger.sweep.Sweep.TRIALS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lab.wolpertinger.agent.WolpertingerConfig;

/**
 * A sweep's output folder on disk: claiming it with the sweep's settings ({@code sweep.json}),
 * reading the finished rows back ({@code sweep.csv} and the trials' row files), and writing the
 * table and plot, every file atomically (a temp file beside it, then a move), so several processes
 * of one split sweep can share the folder.
 */
public final class SweepFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SweepFolder() {
    }

    /**
     * Records this sweep's settings in {@code sweep.json}, refusing a directory that holds a
     * training sweep with other settings (its trials would be mixed with these).
     */
    static void claim(Path out, ObjectNode given, boolean training) {
        Path file = out.resolve(SETTINGS);
        ObjectNode settings;
        try { // as read back from the file: a long 0 (catalogSeed) reads back as an int node
            settings = (ObjectNode) JSON.readTree(given.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text = settings.toPrettyString() + "\n";
        if (!training) {
            refuseOther(out, file, settings, false);
            writeAtomically(file, text);
            return;
        }
        // Several processes of one split sweep claim the directory at once: the first to create the file
        // wins (all at once, never half written), the others check their settings against it.
        if (!Files.isRegularFile(file) && createExclusively(file, text)) {
            return;
        }
        if (refuseOther(out, file, settings, true)) {
            writeAtomically(file, text); // an older file with the same settings, brought up to date
        }
    }

    /**
     * Refuses the directory if {@code file} records a training sweep with settings other than {@code settings}
     * (or any training sweep, if {@code training} is false); returns whether the file's text is not
     * {@code settings}' own (missing, or the same settings written by an older build).
     */
    private static boolean refuseOther(Path out, Path file, ObjectNode settings, boolean training) {
        if (!Files.isRegularFile(file)) {
            return true;
        }
        JsonNode old;
        try {
            old = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + describe(e));
        }
        JsonNode asRead = old == null ? null : old.deepCopy();
        boolean oldTraining = old != null && "train".equals(old.path("mode").asText());
        if (oldTraining && old.path("config") instanceof ObjectNode oldConfig && settings.get("config") != null) {
            // A sweep from before a config key was added ran with its default (targetMode: wolpertinger).
            JsonNode defaults = JSON.valueToTree(WolpertingerConfig.defaults());
            settings.get("config").fieldNames().forEachRemaining(key -> {
                if (!oldConfig.has(key) && settings.get("config").get(key).equals(defaults.get(key))) {
                    oldConfig.set(key, defaults.get(key));
                }
            });
        }
        if (oldTraining && (!training || !old.equals(settings))) {
            throw new IllegalArgumentException(out + " holds a sweep with other settings (" + file
                    + "); use another --out, or the same settings to resume it");
        }
        return !settings.equals(asRead);
    }

    /** Creates {@code file} holding {@code text} if it does not exist, atomically; false if it exists. */
    private static boolean createExclusively(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
                }
                try {
                    Files.createLink(file, tmp); // link(2) fails if the file exists: only one process wins
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (UnsupportedOperationException | IOException e) {
                    // No hard links here (some file systems): a non-atomic check, then the move.
                    if (Files.exists(file)) {
                        return false;
                    }
                    move(tmp, file);
                    return true;
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + describe(e), e);
        }
    }

    /** The rows of {@code sweep.csv} and of the trials' row files, a row file winning over sweep.csv's row. */
    static List<SweepTrial> readRows(Path out) {
        Map<String, SweepTrial> byStem = new TreeMap<>();
        for (SweepTrial row : readCsv(out.resolve(CSV))) {
            byStem.put(row.fileStem(), row);
        }
        Path trialsDir = out.resolve(TRIALS);
        if (Files.isDirectory(trialsDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(trialsDir, "k*.csv")) {
                for (Path f : files) {
                    for (SweepTrial row : readCsv(f)) {
                        byStem.put(row.fileStem(), row);
                    }
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + trialsDir + ": " + describe(e));
            }
        }
        return new ArrayList<>(byStem.values());
    }

    /** The rows of a CSV file with a header line (none if it does not exist). */
    private static List<SweepTrial> readCsv(Path file) {
        List<SweepTrial> list = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return list;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 1; i < lines.size(); i++) {
                if (!lines.get(i).isBlank()) {
                    list.add(SweepTrial.parseCsv(lines.get(i)));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + describe(e));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage());
        }
        return list;
    }

    /** Rewrites sweep.csv and sweep.png from {@code rows} (temp file, then an atomic move). */
    static void writeTable(Path out, List<SweepTrial> rows, String title) {
        writeAtomically(out.resolve(CSV), SweepStats.csv(rows));
        try {
            SweepPlot.write(rows, title, out.resolve(PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(PNG) + ": " + describe(e), e);
        }
    }

    /** Writes {@code text} to a temp file beside {@code file}, then moves it over {@code file}. */
    static void writeAtomically(Path file, String text) {
        try {
            Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                move(tmp, file);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + describe(e), e);
        }
    }

    /** Writes {@code bytes} to a temp file beside {@code file}, then moves it over {@code file} (a trial's snapshot). */
    public static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            move(tmp, file);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Moves {@code tmp} over {@code file}, atomically where the file system can. The result gets
     * the old file's permissions, or rw-r--r--, not the temp file's owner-only ones.
     */
    static void move(Path tmp, Path file) throws IOException {
        if (Files.getFileStore(tmp).supportsFileAttributeView(PosixFileAttributeView.class)) {
            Files.setPosixFilePermissions(tmp, Files.exists(file) ? Files.getPosixFilePermissions(file)
                    : PosixFilePermissions.fromString("rw-r--r--"));
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String describe(Exception e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
    }
}

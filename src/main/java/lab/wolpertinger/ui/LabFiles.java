package lab.wolpertinger.ui;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import javafx.concurrent.Task;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.snapshot.Manifest;
import lab.wolpertinger.snapshot.Snapshot;
import lab.wolpertinger.snapshot.Snapshots;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.Presets;
import lab.wolpertinger.train.RunCommand;

/**
 * The files the lab reads and writes besides saving a run (which the training thread does):
 * presets written from the current settings, metrics CSV, files dropped on the window, and
 * snapshots loaded. Loading a snapshot: the file is read and validated on a background thread (no
 * network is built, the session keeps training meanwhile). A bad file shows a message naming
 * what is wrong and changes nothing. A snapshot for another env or N is only used if the
 * confirmation agrees. Then the training thread swaps the run in between two steps; the loaded
 * agent is idle, its step and episode counters continue.
 */
final class LabFiles {
    private final LabModel model;
    private final ExecutorService loader = EmbeddingLayouter.daemonThread("snapshot-loader");

    LabFiles(LabModel model) {
        this.model = model;
    }

    /** Reads {@code file} off the FX thread, then (on the FX thread) asks if needed and swaps the run in. */
    void load(Path file) {
        Task<Snapshot> read = new Task<>() {
            @Override
            protected Snapshot call() {
                return Snapshots.load(file);
            }
        };
        read.setOnSucceeded(e -> use(file, read.getValue()));
        read.setOnFailed(e -> {
            Throwable t = read.getException();
            if (model.isClosed()) {
                return;
            }
            model.showMessage(t instanceof IllegalArgumentException ? t.getMessage()
                    : "cannot load " + file + ": " + t); // not expected: Snapshots.load reports bad files itself
        });
        loader.execute(read);
    }

    /** Writes the current settings as preset JSON to {@code file}, creating its directory; a message says how it went. */
    boolean savePreset(Path file) {
        try {
            String json = Presets.toJson(model.currentSettings());
            Path abs = file.toAbsolutePath();
            Files.createDirectories(abs.getParent());
            Files.writeString(abs, json, StandardCharsets.UTF_8);
            model.showMessage("Saved the current settings as preset " + file);
            return true;
        } catch (IllegalArgumentException | IOException e) {
            model.showMessage("cannot write preset " + file + ": " + e.getMessage());
            return false;
        }
    }

    /** A dropped file: a {@code .wolp} snapshot is loaded, a {@code .json} preset applied (asking first), anything else a message. */
    void open(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".wolp")) {
            model.loadSnapshot(file);
        } else if (name.endsWith(".json")) {
            if (model.confirmDiscard("load preset " + file.getFileName())) {
                model.loadPreset(file.toString());
            }
        } else {
            model.showMessage(file.getFileName() + " is neither a .wolp snapshot nor a .json preset; drop one of those to open it");
        }
    }

    /** Writes every recorded episode as {@code metrics.csv} rows (same columns as the CLI). */
    void exportCsv(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(EpisodeRecord.CSV_HEADER);
            w.newLine();
            for (EpisodeRecord r : model.records()) {
                w.write(r.toCsv());
                w.newLine();
            }
        }
    }

    /** Stops the reader thread. */
    void close() {
        loader.shutdownNow();
    }

    private void use(Path file, Snapshot snapshot) {
        if (model.isClosed()) {
            return;
        }
        String question = switchQuestion(snapshot.manifest(), file);
        if (question != null && !model.confirm(question)) {
            model.showMessage("Kept the current agent; " + file.getFileName() + " was not loaded");
            return;
        }
        // Nothing changes here: the Started and Restored events update the views once the run is
        // swapped in, and if building it fails the current session simply carries on.
        model.submit(new RunCommand.Restore(file.toString(), snapshot::toTrainingRun));
    }

    /**
     * The question to ask before loading a snapshot with {@code manifest}: null when it is for
     * the current env and N, else a sentence naming both and the training that is discarded.
     */
    String switchQuestion(Manifest manifest, Path file) {
        WolpertingerConfig c = model.configProperty().get();
        int currentN = model.readyProperty().get() ? model.nProperty().get() : c.maxActions();
        String env = manifest.config().env();
        int snapshotN = manifest.actionSet().n();
        if (env.equals(c.env()) && snapshotN == currentN) {
            return null;
        }
        return String.format(Locale.ROOT, "%s holds an agent for %s with N = %,d; the current agent is for %s with N = %,d"
                + " (%,d steps trained) and is discarded.", file.getFileName(), env, snapshotN, c.env(), currentN,
                model.stepProperty().get());
    }
}

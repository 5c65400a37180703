package lab.wolpertinger.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A snapshot carries its run's metrics history (a metrics.csv entry), so a loaded run has its curves. */
class SnapshotMetricsTest {

    @TempDir
    Path dir;

    private static List<String> rows(List<EpisodeRecord> records) {
        return records.stream().map(EpisodeRecord::toCsv).toList();
    }

    @Test
    void theHistoryGoesIntoTheSnapshotAndContinuesAfterTheLoad() throws Exception {
        TrainingRun run = new TrainingRun(SmallRuns.config("Pendulum-v1", "gaussian", 5));
        SmallRuns.run(run, 450, new java.util.ArrayList<>()); // 2 episodes and a half
        assertEquals(2, run.history().size());
        Path file = dir.resolve("h.wolp");
        Snapshots.save(run, file, true);

        String entry = new String(BadSnapshots.entries(file).get(Snapshots.METRICS), StandardCharsets.UTF_8);
        assertEquals(EpisodeRecord.CSV_HEADER + "\n" + String.join("\n", rows(run.history())) + "\n", entry);
        Snapshot loaded = Snapshots.load(file);
        assertEquals(rows(run.history()), rows(loaded.metrics()), "every column, diagnostics and timings included");
        TrainingRun resumed = loaded.toTrainingRun();
        assertEquals(rows(run.history()), rows(resumed.history()));
        SmallRuns.run(resumed, 200, new java.util.ArrayList<>());
        assertEquals(3, resumed.history().size(), "the resumed run's episodes follow");
        assertEquals(3, resumed.history().get(2).episode());
    }

    @Test
    void aSnapshotWithoutTheEntryLoadsWithAnEmptyHistory() throws Exception {
        TrainingRun run = new TrainingRun(SmallRuns.config("Pendulum-v1", "gaussian", 5));
        SmallRuns.run(run, 250, new java.util.ArrayList<>());
        Path file = dir.resolve("new.wolp");
        Snapshots.save(run, file, false);
        Map<String, byte[]> entries = new LinkedHashMap<>(BadSnapshots.entries(file));
        entries.remove(Snapshots.METRICS); // as written before the entry existed
        Path old = dir.resolve("old.wolp");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(old))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        Snapshot loaded = Snapshots.load(old);
        assertTrue(loaded.metrics().isEmpty());
        TrainingRun resumed = loaded.toTrainingRun();
        assertEquals(1, resumed.episodes(), "the run itself is whole");
        assertTrue(resumed.history().isEmpty());

        // Its history then starts at the first episode after the resume, and a snapshot of it keeps that.
        SmallRuns.run(resumed, 200, new java.util.ArrayList<>());
        Path again = dir.resolve("again.wolp");
        Snapshots.save(resumed, again, false);
        List<EpisodeRecord> metrics = Snapshots.load(again).metrics();
        assertEquals(1, metrics.size());
        assertEquals(2, metrics.get(0).episode());
    }

    @Test
    void aMetricsRowReadsBackWithItsQuotedWarningAndOldRowsWithout() {
        EpisodeRecord r = EpisodeRecord.fromCsv("3,600,-5.5,200,0.5,-1.0,7,0.2,true,100.0,2.0,1.5,-2.0,3.0,-10.0,0.0,"
                + "0.25,0.5,0.125,\"a, \"\"b\"\"\"");
        assertEquals(3, r.episode());
        assertEquals(600, r.step());
        assertTrue(r.terminated());
        assertEquals("a, \"b\"", r.diagnostics().warning());
        assertEquals(0.125, r.diagnostics().chosenProtoDistance());
        assertEquals(r.toCsv(), EpisodeRecord.fromCsv(r.toCsv()).toCsv(), "round trip");
        EpisodeRecord base = EpisodeRecord.fromCsv("1,200,-5.0,200,NaN,NaN,7,0.2,false,100.0,1.0");
        assertEquals(lab.wolpertinger.train.Diagnostics.NONE, base.diagnostics());
        EpisodeRecord padded = EpisodeRecord.fromCsv("1,200,-5.0,200,NaN,NaN,7,0.2,false,100.0,1.0,,,,,,,,,");
        assertEquals(lab.wolpertinger.train.Diagnostics.NONE, padded.diagnostics(), "a row padded by a resume");
    }
}

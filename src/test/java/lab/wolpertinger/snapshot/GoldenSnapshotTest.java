package lab.wolpertinger.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import lab.wolpertinger.train.TrainingRun;
import org.junit.jupiter.api.Test;

/**
 * A format-1 snapshot committed in test resources (Tribuo-style golden file): later versions
 * of the app must keep reading it. Regenerate only on purpose, with
 * {@code -Dgolden.write=true}, when the format version changes (keep the old file too).
 */
class GoldenSnapshotTest {

    private static final Path GOLDEN = Path.of("src", "test", "resources", "snapshot", "v1-cartpole.wolp");

    @Test
    void formatOneGoldenFileStillLoadsAndResumes() throws Exception {
        if (Boolean.getBoolean("golden.write")) {
            TrainingRun run = new TrainingRun(SmallRuns.config("CartPole-v1", "ou", 1));
            for (int i = 0; i < 75; i++) {
                run.step();
            }
            Snapshots.save(run, GOLDEN, true);
        }
        assertTrue(Files.exists(GOLDEN), "golden file " + GOLDEN);
        Snapshot s = Snapshots.load(GOLDEN);
        assertEquals(1, s.manifest().formatVersion());
        assertEquals("CartPole-v1", s.manifest().config().env());
        assertEquals(75, s.manifest().run().steps());
        assertEquals(75, s.replay().size());

        // The same run recomputed today equals the golden state: the format and the training
        // arithmetic are both unchanged.
        TrainingRun fresh = new TrainingRun(s.manifest().config());
        for (int i = 0; i < 75; i++) {
            fresh.step();
        }
        Path now = Files.createTempFile("golden-now", ".wolp");
        try {
            Snapshots.save(fresh, now, true);
            BadSnapshotsTest.assertSameContent(s, withJsonOf(Snapshots.load(now), s));
        } finally {
            Files.deleteIfExists(now);
        }
        TrainingRun resumed = s.toTrainingRun();
        for (int i = 0; i < 10; i++) {
            resumed.step();
        }
        assertEquals(85, resumed.steps());
    }

    /** The manifests differ only in the creation time, app version and wall time. */
    private static Snapshot withJsonOf(Snapshot got, Snapshot want) {
        String a = got.manifest().json().replaceAll("\"created\" : \"[^\"]*\"", "").replaceAll("\"app_version\" : \"[^\"]*\"", "")
                .replaceAll("\"wall_seconds\" : [0-9.eE-]*", "");
        String b = want.manifest().json().replaceAll("\"created\" : \"[^\"]*\"", "").replaceAll("\"app_version\" : \"[^\"]*\"", "")
                .replaceAll("\"wall_seconds\" : [0-9.eE-]*", "");
        assertEquals(b, a);
        Manifest m = got.manifest();
        return new Snapshot(new Manifest(m.formatVersion(), m.appVersion(), m.created(), m.config(), m.actionSet(), m.agent(),
                m.run(), m.actorAdamSteps(), m.criticAdamSteps(), m.replay(), want.manifest().json()),
                got.weights(), got.optimizer(), got.replay());
    }
}

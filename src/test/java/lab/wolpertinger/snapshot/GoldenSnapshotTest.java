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
        // Written before the catalog keys and targetMode existed: those take their defaults.
        assertEquals("wolpertinger", s.manifest().config().targetMode());
        assertEquals("wolpertinger", s.manifest().agent().targetMode(), "no live.target_mode: the config's");
        assertEquals("exact", s.manifest().config().search());

        // Every tensor loads finite with the config's shapes (checked by load); the weights moved from init.
        assertTrue(s.manifest().agent().updates() > 0);
        TrainingRun resumed = s.toTrainingRun();
        for (int i = 0; i < 10; i++) {
            resumed.step();
        }
        assertEquals(85, resumed.steps());
        assertEquals("wolpertinger", resumed.wolpertinger().targetMode());
    }
}

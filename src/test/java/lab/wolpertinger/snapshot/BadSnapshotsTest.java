package lab.wolpertinger.snapshot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every file of the bad-input corpus gives one specific {@link SnapshotException}: no crash, hang or OOM. */
class BadSnapshotsTest {

    @TempDir
    Path dir;

    @Test
    void everyBadFileIsRejectedWithASpecificMessage() throws Exception {
        List<BadSnapshots.Case> cases = BadSnapshots.generate(dir);
        Snapshot good = Snapshots.load(BadSnapshots.good(dir));
        List<String> problems = new ArrayList<>();
        int rejected = 0;
        int benign = 0;
        for (BadSnapshots.Case c : cases) {
            String outcome = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try {
                    Snapshot s = Snapshots.load(c.path());
                    if (!c.mayBeBenign()) {
                        return "loaded without error";
                    }
                    assertSameContent(good, s);
                    return "benign";
                } catch (SnapshotException e) {
                    String m = e.getMessage();
                    if (!m.toLowerCase(Locale.ROOT).contains(c.fragment().toLowerCase(Locale.ROOT))) {
                        return "message lacks '" + c.fragment() + "': " + m;
                    }
                    if (!m.startsWith(c.path().toString())) {
                        return "message does not name the file: " + m;
                    }
                    if (m.contains("\n")) {
                        return "message spans lines: " + m;
                    }
                    return "rejected";
                } catch (Throwable t) {
                    return "threw " + t;
                }
            }, c.name());
            switch (outcome) {
                case "rejected" -> rejected++;
                case "benign" -> benign++;
                default -> problems.add(c.name() + ": " + outcome);
            }
        }
        System.out.printf("bad-input corpus: %d cases, %d rejected with a specific error, %d byte flips in bytes the "
                + "reader ignores (loaded identical content)%n", cases.size(), rejected, benign);
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(cases.size() >= 150, "corpus size " + cases.size());
    }

    static void assertSameContent(Snapshot want, Snapshot got) {
        assertEquals(want.manifest().json(), got.manifest().json());
        for (Map.Entry<String, Tensor> e : want.weights().entrySet()) {
            assertArrayEquals(e.getValue().data(), got.weights().get(e.getKey()).data(), e.getKey());
        }
        for (Map.Entry<String, Tensor> e : want.optimizer().entrySet()) {
            assertArrayEquals(e.getValue().data(), got.optimizer().get(e.getKey()).data(), e.getKey());
        }
        assertArrayEquals(want.replay().obs(), got.replay().obs());
        assertArrayEquals(want.replay().nextObs(), got.replay().nextObs());
        assertArrayEquals(want.replay().rewards(), got.replay().rewards());
        assertArrayEquals(want.replay().actions(), got.replay().actions());
        assertArrayEquals(want.replay().terminated(), got.replay().terminated());
    }
}

package lab.wolpertinger.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentSnapshotsTest {
    private final Preferences node = Preferences.userRoot().node("lab/wolpertinger/test-" + UUID.randomUUID());

    @TempDir
    Path dir;

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void keepsTheNewestEightMovesReopenedFilesUpAndForgetsMissingOnes() throws Exception {
        RecentSnapshots recent = new RecentSnapshots(node);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            files.add(Files.writeString(dir.resolve("s" + i + ".wolp"), "x"));
            recent.add(files.get(i));
        }
        List<Path> list = new RecentSnapshots(node).list();
        assertEquals(RecentSnapshots.MAX, list.size());
        assertEquals(files.get(9), list.get(0));
        assertEquals(files.get(2), list.get(7));

        recent.add(files.get(5));
        assertEquals(files.get(5), recent.list().get(0));
        assertEquals(8, recent.list().size(), "no duplicates");

        Files.delete(files.get(9));
        Files.delete(files.get(3));
        List<Path> left = recent.list();
        assertEquals(List.of(files.get(5), files.get(8), files.get(7), files.get(6), files.get(4), files.get(2)), left);
        assertEquals(left, new RecentSnapshots(node).list(), "the pruned list is stored");
    }
}

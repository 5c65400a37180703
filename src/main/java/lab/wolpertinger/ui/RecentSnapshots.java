package lab.wolpertinger.ui;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * The most recently saved or loaded snapshot files, newest first, at most {@link #MAX}, kept
 * in a {@link Preferences} node so they survive a restart. Files that no longer exist are
 * dropped whenever the list is read.
 */
public final class RecentSnapshots {
    /** How many files are remembered. */
    public static final int MAX = 8;
    private static final String KEY = "recent.";

    private final Preferences node;

    /** The list stored under {@code node} (the app's node, or a scratch node in tests). */
    public RecentSnapshots(Preferences node) {
        this.node = node;
    }

    /** The app's own preferences node (per user). */
    public static Preferences appNode() {
        return Preferences.userRoot().node("lab/wolpertinger/lab");
    }

    /** The remembered files that still exist, newest first (missing ones are forgotten). */
    public List<Path> list() {
        List<Path> all = read();
        List<Path> present = new ArrayList<>();
        for (Path p : all) {
            if (Files.isRegularFile(p)) {
                present.add(p);
            }
        }
        if (present.size() != all.size()) {
            write(present);
        }
        return present;
    }

    /** Puts {@code file} first (moving it up if it was listed) and forgets the oldest beyond {@link #MAX}. */
    public List<Path> add(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        List<Path> files = new ArrayList<>(list());
        files.remove(abs);
        files.add(0, abs);
        while (files.size() > MAX) {
            files.remove(files.size() - 1);
        }
        write(files);
        return files;
    }

    private List<Path> read() {
        List<Path> out = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String v = node.get(KEY + i, null);
            if (v == null) {
                break;
            }
            try {
                out.add(Path.of(v));
            } catch (InvalidPathException e) {
                // a hand-edited entry: skip it
            }
        }
        return out;
    }

    private void write(List<Path> files) {
        for (int i = 0; i < MAX; i++) {
            if (i < files.size()) {
                node.put(KEY + i, files.get(i).toString());
            } else {
                node.remove(KEY + i);
            }
        }
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // the list still works for this session; it is just not kept
        }
    }
}

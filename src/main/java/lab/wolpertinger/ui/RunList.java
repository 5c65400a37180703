package lab.wolpertinger.ui;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import lab.wolpertinger.train.EpisodeRecord;

/**
 * The lab's runs (FX thread): the one on show, the branches training in turn with it, and
 * earlier runs whose agents are gone (a Reset, a loaded snapshot, a removed branch) but whose
 * curves stay for comparison. Each has its own {@link LearningCurves}, a fixed colour and a
 * show/hide switch; the learning curves overlay the mean return of every shown run. At most
 * {@link #MAX_ENTRIES} are kept: the oldest ended run goes first.
 */
final class RunList {
    /** Runs kept in the list at most (training or ended). */
    static final int MAX_ENTRIES = 8;

    /** One run: its id, label, colour slot, curves, and whether it is shown and still has an agent. */
    static final class Entry {
        private final long id;
        private final String label;
        private final int colour;
        private final LearningCurves curves = new LearningCurves();
        private final BooleanProperty visible = new SimpleBooleanProperty(true);
        private final ReadOnlyBooleanWrapper alive = new ReadOnlyBooleanWrapper(true);

        Entry(long id, String label, int colour) {
            this.id = id;
            this.label = label;
            this.colour = colour;
        }

        long id() {
            return id;
        }

        String label() {
            return label;
        }

        /** Index into the run colours (fixed for the run's life). */
        int colour() {
            return colour;
        }

        LearningCurves curves() {
            return curves;
        }

        BooleanProperty visibleProperty() {
            return visible;
        }

        /** Whether the run still has an agent (on show or training in turn). */
        ReadOnlyBooleanProperty aliveProperty() {
            return alive.getReadOnlyProperty();
        }
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private long focused = -1;
    private int nextColour;

    /** The runs, oldest first. */
    ObservableList<Entry> entries() {
        return entries;
    }

    /** The id of the run on show (-1 before the first). */
    long focused() {
        return focused;
    }

    /** The entry of run {@code id}, or null. */
    Entry get(long id) {
        for (Entry e : entries) {
            if (e.id == id) {
                return e;
            }
        }
        return null;
    }

    /** A new agent (Reset, preset, env, loaded snapshot): every earlier run has ended. */
    void started(long id, String label) {
        for (Entry e : entries) {
            e.alive.set(false);
        }
        add(new Entry(id, label, nextColour++));
        focused = id;
    }

    /** Run {@code id} branched from {@code parent}: it starts with the parent's history and is on show. */
    void branched(long id, long parent, String label) {
        Entry e = new Entry(id, label, nextColour++);
        Entry p = get(parent);
        if (p != null) {
            e.curves.copyFrom(p.curves);
        }
        add(e);
        focused = id;
    }

    /** Run {@code id} is on show now. */
    void focus(long id) {
        focused = id;
    }

    /** Run {@code id}'s agent is gone; its curves stay. */
    void ended(long id) {
        Entry e = get(id);
        if (e != null) {
            e.alive.set(false);
        }
    }

    /** Removes an ended run from the list (the one on show and runs training in turn stay). */
    boolean remove(long id) {
        Entry e = get(id);
        if (e == null || e.alive.get()) {
            return false;
        }
        entries.remove(e);
        return true;
    }

    void episode(long id, EpisodeRecord r) {
        Entry e = get(id);
        if (e != null) {
            e.curves.addEpisode(r);
        }
    }

    void marker(long id, LearningCurves.Marker m) {
        Entry e = get(id);
        if (e != null) {
            e.curves.addMarker(m);
        }
    }

    void evaluation(long id, long step, double meanReturn) {
        Entry e = get(id);
        if (e != null) {
            e.curves.addEvaluation(step, meanReturn);
        }
    }

    private void add(Entry e) {
        entries.add(e);
        while (entries.size() > MAX_ENTRIES) {
            Entry oldest = entries.stream().filter(x -> !x.alive.get()).findFirst().orElse(null);
            if (oldest == null) {
                break;
            }
            entries.remove(oldest);
        }
    }
}

package lab.wolpertinger.ui;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.train.Parameter;

/**
 * The lab's view of the agent's live settings, on the FX thread: each slider's value as last set
 * (from the preset or by the user) and as the training thread last applied it, which of them
 * differ from the agent's config (carried into Reset and Save), the critic-target mode and the
 * neighbour search. The search the user picked is shown until the training thread switches
 * (frames until then still carry the old one).
 */
final class LiveSettings {
    private final Map<Parameter, ReadOnlyDoubleWrapper> values = new EnumMap<>(Parameter.class);
    private final Map<Parameter, ReadOnlyDoubleWrapper> applied = new EnumMap<>(Parameter.class);
    private final Map<Parameter, Double> changes = new EnumMap<>(Parameter.class);
    private final ReadOnlyStringWrapper targetMode;
    private final ReadOnlyStringWrapper search;
    /** A search the user chose that the training thread has not switched to yet. */
    private String searchPending;

    /** The settings of an agent built from {@code initial}; {@code bean} owns the properties. */
    LiveSettings(Object bean, WolpertingerConfig initial) {
        for (Parameter p : Parameter.values()) {
            values.put(p, new ReadOnlyDoubleWrapper(bean, p.key(), p.valueIn(initial)));
            applied.put(p, new ReadOnlyDoubleWrapper(bean, p.key() + "Applied", p.valueIn(initial)));
        }
        targetMode = new ReadOnlyStringWrapper(bean, "targetMode", initial.targetMode());
        search = new ReadOnlyStringWrapper(bean, "search", WolpertingerConfig.EXACT);
    }

    /** A fresh agent from {@code c}: every value its config's, nothing changed. */
    void reset(WolpertingerConfig c) {
        for (Parameter p : Parameter.values()) {
            values.get(p).set(p.valueIn(c));
            applied.get(p).set(p.valueIn(c));
        }
        targetMode.set(c.targetMode());
        changes.clear();
    }

    /**
     * An agent with live values of its own (a loaded snapshot, a focused run): those that differ
     * from its config {@code c} count as changed.
     */
    void show(Map<Parameter, Double> live, WolpertingerConfig c, String mode) {
        changes.clear();
        targetMode.set(mode);
        live.forEach((p, v) -> {
            values.get(p).set(v);
            applied.get(p).set(v);
            if (v != p.valueIn(c)) {
                changes.put(p, v);
            }
        });
    }

    /** The user set {@code p} (applied by the training thread before its next step). */
    void set(Parameter p, double value) {
        values.get(p).set(value);
        changes.put(p, value);
    }

    /** The training thread applied {@code value} to {@code p}. */
    void applied(Parameter p, double value) {
        applied.get(p).set(value);
    }

    /** A branch runs with {@code p} at {@code value} from the start. */
    void branched(Parameter p, double value) {
        set(p, value);
        applied(p, value);
    }

    /** Sets the target mode; false if it already was {@code mode}. */
    boolean setTargetMode(String mode) {
        if (mode == null || mode.equals(targetMode.get())) {
            return false;
        }
        targetMode.set(mode);
        return true;
    }

    /** The user picked {@code mode}; false if it is already the search in force. */
    boolean requestSearch(String mode) {
        if (mode == null || mode.equals(search.get())) {
            return false;
        }
        searchPending = mode;
        search.set(mode);
        return true;
    }

    /** A frame's search, shown unless the user's pick is still on its way. */
    void searchInFrame(String mode) {
        if (searchPending == null) {
            search.set(mode);
        }
    }

    /** The training thread switched to {@code mode}. */
    void searchSwitched(String mode) {
        searchPending = null;
        search.set(mode);
    }

    /** A request was refused: the next frame shows the search still in force. */
    void refused() {
        searchPending = null;
    }

    /** The changed values and modes as config keys, for the current settings ({@code acer}: no search key). */
    Map<String, Object> overrides(boolean acer) {
        Map<String, Object> out = new LinkedHashMap<>();
        changes.forEach((p, v) -> out.put(p.key(), p == Parameter.BATCH_SIZE ? (Object) (int) Math.round(v) : (Object) v));
        out.put("targetMode", targetMode.get());
        if (!acer) {
            out.put("search", search.get());
        }
        return out;
    }

    boolean isChanged(Parameter p) {
        return changes.containsKey(p);
    }

    ReadOnlyDoubleProperty appliedProperty(Parameter p) {
        return applied.get(p).getReadOnlyProperty();
    }

    ReadOnlyDoubleProperty valueProperty(Parameter p) {
        return values.get(p).getReadOnlyProperty();
    }

    ReadOnlyStringProperty targetModeProperty() {
        return targetMode.getReadOnlyProperty();
    }

    ReadOnlyStringProperty searchProperty() {
        return search.getReadOnlyProperty();
    }
}

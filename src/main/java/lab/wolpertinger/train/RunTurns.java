package lab.wolpertinger.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import lab.wolpertinger.agent.DivergedException;

/**
 * The runs that train in turn with a {@link RunController}'s focused run after a
 * {@link RunCommand.Branch} (training thread only). Every training step of the focused run
 * steps each of them once, so all runs stay at the same step count and their curves compare
 * step for step. At most {@link #MAX_RUNS} runs in all, the focused one included.
 */
final class RunTurns {
    /** Runs training in turn at most, the focused one included. */
    static final int MAX_RUNS = 4;

    /** A run waiting for its turn and its id ({@link RunEvent} run ids). */
    record Turn(long id, TrainingRun run) {
    }

    private final List<Turn> turns = new ArrayList<>();

    /** Whether another run would exceed {@link #MAX_RUNS}. */
    boolean full() {
        return turns.size() + 1 >= MAX_RUNS;
    }

    void add(long id, TrainingRun run) {
        turns.add(new Turn(id, run));
    }

    /** Takes run {@code id} out of the turn; null if it is not in it. */
    Turn remove(long id) {
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).id() == id) {
                return turns.remove(i);
            }
        }
        return null;
    }

    void clear() {
        turns.clear();
    }

    /** The ids in the turn, in order. */
    List<Long> ids() {
        return turns.stream().map(Turn::id).toList();
    }

    /**
     * One training step of every run in the turn. A run whose step diverges or fails leaves the
     * turn (its agent is dropped; its curves stay with the UI) and {@code left} hears its id and why.
     */
    void stepAll(BiConsumer<Long, String> left) {
        for (int i = 0; i < turns.size(); ) {
            Turn t = turns.get(i);
            try {
                t.run().step();
                i++;
            } catch (DivergedException e) {
                turns.remove(i);
                left.accept(t.id(), "run " + t.id() + " diverged and left the comparison: "
                        + Divergence.of(e, t.run().agent(), t.run().config()).message());
            } catch (RuntimeException e) {
                turns.remove(i);
                left.accept(t.id(), "run " + t.id() + " stopped and left the comparison: " + e);
            }
        }
    }
}

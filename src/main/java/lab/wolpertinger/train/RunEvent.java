package lab.wolpertinger.train;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.knn.ActionSet;

/**
 * Something that happened on the training thread and must not be missed (unlike frames, of
 * which only the latest matters). Events queue up and the UI drains them once per pulse.
 */
public sealed interface RunEvent {

    /**
     * A fresh agent is ready (after start-up, a reset or a restore).
     *
     * @param runId increases with each agent; frames carry it
     * @param config the configuration of the new agent
     * @param actions the action set (immutable; its coordinates may be read from any thread)
     * @param dtSeconds the env's time step in seconds (real-time pacing)
     * @param history the episodes the run already has (a restored snapshot's; empty for a fresh agent)
     */
    record Started(long runId, WolpertingerConfig config, ActionSet actions, double dtSeconds,
                   List<EpisodeRecord> history) implements RunEvent {
        /** Copies the list. */
        public Started {
            history = List.copyOf(history);
        }
    }

    /** A training episode finished. */
    record Episode(long runId, EpisodeRecord record) implements RunEvent {
    }

    /**
     * A live parameter change was applied between steps.
     *
     * @param step the env step count at which it took effect
     * @param value the value the agent uses now, read back from it
     * @param k k after the change (changes only with {@link Parameter#K_RATIO})
     */
    record ParameterChanged(long runId, long step, Parameter parameter, double value, int k) implements RunEvent {
    }

    /** Greedy evaluation finished (or was cancelled after at least one full episode). */
    record Evaluated(long runId, long step, Evaluation evaluation) implements RunEvent {
    }

    /**
     * The run was written by a {@link RunCommand.SaveSnapshot}.
     *
     * @param step the env step count saved
     * @param path the file written
     * @param includeReplay whether the replay buffer is in it
     */
    record Saved(long runId, long step, Path path, boolean includeReplay) implements RunEvent {
    }

    /**
     * A {@link RunCommand.Restore} replaced the run; it follows the run's {@link Started} event.
     *
     * @param runId the restored run's id (as in its {@code Started})
     * @param source what it came from (a file name)
     * @param step env steps the restored run had taken
     * @param episode finished episodes of the restored run
     * @param live the live parameter values of the restored agent (they may differ from its config)
     * @param targetMode the restored agent's live critic-target mode ({@code wolpertinger} or {@code proto})
     */
    record Restored(long runId, String source, long step, int episode, Map<Parameter, Double> live, String targetMode)
            implements RunEvent {
        /** Copies the map. */
        public Restored {
            live = Map.copyOf(live);
        }
    }

    /**
     * Training diverged ({@link lab.wolpertinger.agent.DivergedException}): the controller paused
     * before the non-finite update reached the networks; the agent can be inspected, saved, reset
     * or replaced by a loaded snapshot.
     */
    record Diverged(long runId, Divergence divergence) implements RunEvent {
    }

    /**
     * Run {@code runId} was branched from run {@code parentId} at {@code step} with
     * {@code parameter} set to {@code value}; it is now the focused run, the parent trains in turn.
     */
    record Branched(long runId, long parentId, long step, Parameter parameter, double value, int k) implements RunEvent {
    }

    /**
     * Run {@code runId} is now the focused one (frames and commands are its), with its config,
     * live parameter values and critic-target mode.
     */
    record Focused(long runId, WolpertingerConfig config, Map<Parameter, Double> live, String targetMode, int k)
            implements RunEvent {
        /** Copies the map. */
        public Focused {
            live = Map.copyOf(live);
        }
    }

    /** Run {@code runId} left the turn (dropped, or it diverged); its agent is gone. */
    record Dropped(long runId, String reason) implements RunEvent {
    }

    /**
     * The neighbour search changed.
     *
     * @param runId the run
     * @param step its training steps when it changed
     * @param search the search now in force
     * @param seconds how long the switch took (an approximate index is built on the first switch to it)
     */
    record SearchChanged(long runId, long step, String search, double seconds) implements RunEvent {
    }

    /** A request could not be carried out; the running session is kept. */
    record Failed(String message) implements RunEvent {
    }

    /** A {@link RunCommand.Reset}'s agent could not be built; the current agent, if any, is kept as it was. */
    record BuildFailed(String message) implements RunEvent {
    }
}

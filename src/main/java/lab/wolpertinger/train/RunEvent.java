package lab.wolpertinger.train;

import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.knn.ActionSet;

/**
 * Something that happened on the training thread and must not be missed (unlike frames, of
 * which only the latest matters). Events queue up and the UI drains them once per pulse.
 */
public sealed interface RunEvent {

    /**
     * A fresh agent is ready (after start-up or a reset).
     *
     * @param runId increases with each agent; frames carry it
     * @param config the configuration of the new agent
     * @param actions the action set (immutable; its coordinates may be read from any thread)
     * @param dtSeconds the env's time step in seconds (real-time pacing)
     */
    record Started(long runId, WolpertingerConfig config, ActionSet actions, double dtSeconds) implements RunEvent {
    }

    /** A training episode finished. */
    record Episode(long runId, EpisodeRecord record) implements RunEvent {
    }

    /**
     * A live parameter change was applied between steps.
     *
     * @param step the env step count at which it took effect
     * @param k k after the change (changes only with {@link Parameter#K_RATIO})
     */
    record ParameterChanged(long runId, long step, Parameter parameter, double value, int k) implements RunEvent {
    }

    /** Greedy evaluation finished (or was cancelled after at least one full episode). */
    record Evaluated(long runId, long step, Evaluation evaluation) implements RunEvent {
    }

    /** A request could not be carried out; the running session is kept. */
    record Failed(String message) implements RunEvent {
    }
}

package lab.wolpertinger.train;

import lab.wolpertinger.agent.WolpertingerConfig;

/**
 * A request to the training thread of a {@link RunController}. Commands are queued by any
 * thread and applied by the training thread between two env steps, in order.
 */
public sealed interface RunCommand {

    /** Start (or resume) continuous training. */
    record Start() implements RunCommand {
    }

    /** Stop between steps; an evaluation in progress is cancelled. */
    record Pause() implements RunCommand {
    }

    /** One training env step, then paused (only while idle or paused). */
    record StepOnce() implements RunCommand {
    }

    /**
     * Greedy episodes (no noise, no learning) on a separate env; afterwards the run returns to
     * what it was doing.
     *
     * @param episodes number of episodes, at least 1
     * @param realTime pace the episodes at the env's time step so they can be watched
     */
    record Evaluate(int episodes, boolean realTime) implements RunCommand {
        /** Validates the episode count. */
        public Evaluate {
            if (episodes < 1) {
                throw new IllegalArgumentException("episodes must be >= 1, got " + episodes);
            }
        }
    }

    /** Discard the agent and build a fresh one (and env) from {@code config}; the run is then idle. */
    record Reset(WolpertingerConfig config) implements RunCommand {
    }

    /**
     * Discard the agent and continue a saved one instead: {@code newRun} builds it (e.g. from a
     * snapshot) on the training thread; {@code config} is its configuration. The run is then idle.
     */
    record Load(WolpertingerConfig config, java.util.function.Supplier<TrainingRun> newRun) implements RunCommand {
    }

    /** Change a live hyperparameter; a {@link RunEvent.ParameterChanged} marks it in the timeline. */
    record SetParameter(Parameter parameter, double value) implements RunCommand {
    }

    /** Real time (sleep to the env's dt per step) or as fast as it trains. */
    record SetRealTime(boolean realTime) implements RunCommand {
    }

    /** End the training thread (sent by {@link RunController#close()}). */
    record Stop() implements RunCommand {
    }
}

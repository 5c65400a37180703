package lab.wolpertinger.train;

import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Supplier;
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

    /** Change a live hyperparameter; a {@link RunEvent.ParameterChanged} marks it in the timeline. */
    record SetParameter(Parameter parameter, double value) implements RunCommand {
    }

    /**
     * Change the critic-target mode, {@code wolpertinger} or {@code proto} (the config's {@code targetMode}).
     *
     * @param mode the new mode
     */
    record SetTargetMode(String mode) implements RunCommand {
    }

    /**
     * Change the neighbour search of acting and of the critic's targets, {@code exact} or
     * {@code approx} (the config's {@code search}); the first switch to approx builds the index.
     *
     * @param search the new search
     */
    record SetSearch(String search) implements RunCommand {
    }

    /** Real time (sleep to the env's dt per step) or as fast as it trains. */
    record SetRealTime(boolean realTime) implements RunCommand {
    }

    /**
     * Write the current run to {@code path} between two steps, so its arrays are never read
     * while they change; a {@link RunEvent.Saved} or a {@link RunEvent.Failed} reports the outcome.
     *
     * @param path the file to write
     * @param includeReplay also write the replay buffer (an exact resume)
     * @param writer how to write it (the snapshot package's {@code Snapshots::save}; train does
     *               not depend on the snapshot format)
     */
    record SaveSnapshot(Path path, boolean includeReplay, RunWriter writer) implements RunCommand {
        /** Checks that nothing is missing. */
        public SaveSnapshot {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(writer, "writer");
        }
    }

    /**
     * Replace the current run by the one {@code build} returns, built on the training thread
     * (it creates ND4J arrays) between two steps; the run is then idle. If {@code build}
     * throws, a {@link RunEvent.Failed} says why and the current run carries on untouched.
     *
     * @param source what the run comes from (a file name), for messages
     * @param build builds the run, e.g. a validated snapshot's {@code toTrainingRun}
     */
    record Restore(String source, Supplier<TrainingRun> build) implements RunCommand {
        /** Checks that nothing is missing. */
        public Restore {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(build, "build");
        }
    }

    /**
     * While paused or idle: copy the current run whole (networks, optimizers, replay buffer, RNG
     * states, counters) with {@code copy}, set {@code parameter} to {@code value} on the copy,
     * and focus the copy. The original keeps training in turn with it (at most 4 runs in all).
     *
     * @param copy makes an exact, independent copy of a run (the snapshot package's
     *             {@code Snapshots::copy}; train does not depend on the snapshot format)
     */
    record Branch(Parameter parameter, double value, java.util.function.UnaryOperator<TrainingRun> copy)
            implements RunCommand {
        /** Checks that nothing is missing. */
        public Branch {
            Objects.requireNonNull(parameter, "parameter");
            Objects.requireNonNull(copy, "copy");
        }
    }

    /** Show and control run {@code runId} (one of those training in turn); the others keep their turn. */
    record Focus(long runId) implements RunCommand {
    }

    /** Drop run {@code runId} from the turn (not the focused one): its agent is discarded. */
    record Drop(long runId) implements RunCommand {
    }

    /** End the training thread (sent by {@link RunController#close()}). */
    record Stop() implements RunCommand {
    }
}

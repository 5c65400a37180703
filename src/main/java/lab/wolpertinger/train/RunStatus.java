package lab.wolpertinger.train;

import java.util.Locale;

/** What the training thread of a {@link RunController} is doing. */
public enum RunStatus {
    /** Building the agent (ND4J start-up) or a fresh agent that has not started. */
    IDLE,
    /** Taking training steps continuously. */
    TRAINING,
    /** Stopped between steps; {@link RunCommand.StepOnce} advances one step. */
    PAUSED,
    /** Running greedy evaluation episodes (no noise, no learning). */
    EVALUATING,
    /** The controller was closed; the training thread has ended or is ending. */
    STOPPED;

    /** Lower-case name for status bars, e.g. {@code "training"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package lab.wolpertinger.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a {@link TrainingRun} to a file, called by the training thread that owns the run
 * (see {@link RunCommand.SaveSnapshot}). The snapshot package's {@code Snapshots::save} is one.
 */
@FunctionalInterface
public interface RunWriter {
    /**
     * Writes {@code run} to {@code path}.
     *
     * @param includeReplay also write the replay buffer
     * @throws IOException if the file cannot be written
     */
    void write(TrainingRun run, Path path, boolean includeReplay) throws IOException;
}

package lab.wolpertinger.snapshot;

import lab.wolpertinger.agent.WolpertingerConfig;

/**
 * Sane bounds on what a snapshot may ask this process to allocate, checked on the manifest's
 * config before any network, buffer or tensor is built. A valid config can still be beyond
 * them (the config record has no memory limits); such a file gets an error naming the key.
 */
final class Limits {
    /** Widest hidden layer (a 4096 x 4096 layer is 64 MiB of float32). */
    static final int MAX_HIDDEN = 4096;
    /** Largest mini-batch. */
    static final int MAX_BATCH = 65_536;
    /** Largest batch x hidden work array, in floats (128 MiB). */
    static final long MAX_BATCH_FLOATS = 32L << 20;
    /** Largest k (the policy holds k indices, candidates and Q values). */
    static final int MAX_K = 4_000_000;
    /** Largest replay buffer the restored run allocates, in bytes. */
    static final long MAX_REPLAY_BYTES = 1L << 30;

    private Limits() {
    }

    static void check(WolpertingerConfig config, int obsDim, int d, int n) {
        String where = ManifestCodec.SOURCE + ": config ";
        if (config.hidden1() > MAX_HIDDEN || config.hidden2() > MAX_HIDDEN) {
            throw new SnapshotException(where + "hidden1 " + config.hidden1() + " / hidden2 " + config.hidden2()
                    + " exceed the largest layer a snapshot may hold (" + MAX_HIDDEN + ")");
        }
        checkK(WolpertingerConfig.k(n, config.kRatio()), "config.kRatio");
        checkBatch(config.batchSize(), config, "config.batchSize");
        long bytes = (long) config.bufferCapacity() * (4L * (2L * obsDim + d + 1) + 1);
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > MAX_REPLAY_BYTES || bytes > heap / 2) {
            throw new SnapshotException(where + "bufferCapacity " + config.bufferCapacity() + " needs "
                    + (bytes >> 20) + " MiB of replay buffer, more than this process allows ("
                    + (Math.min(MAX_REPLAY_BYTES, heap / 2) >> 20) + " MiB; raise -Xmx)");
        }
    }

    static void checkK(int k, String key) {
        if (k > MAX_K) {
            throw new SnapshotException(ManifestCodec.SOURCE + ": " + key + " gives k = " + k
                    + ", more than a snapshot may use (" + MAX_K + ")");
        }
    }

    static void checkBatch(int batch, WolpertingerConfig config, String key) {
        long floats = (long) batch * Math.max(config.hidden1(), config.hidden2() + 1);
        if (batch > MAX_BATCH || floats > MAX_BATCH_FLOATS) {
            throw new SnapshotException(ManifestCodec.SOURCE + ": " + key + " " + batch
                    + " is beyond what a snapshot may use (at most " + MAX_BATCH + ", and batch x hidden <= "
                    + MAX_BATCH_FLOATS + ")");
        }
    }
}

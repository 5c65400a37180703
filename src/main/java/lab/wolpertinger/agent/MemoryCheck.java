package lab.wolpertinger.agent;

import java.util.Locale;
import lab.wolpertinger.nn.ActorNet;
import lab.wolpertinger.nn.CriticNet;

/** The memory check a {@link WolpertingerAgent} makes before it allocates its networks and buffer. */
final class MemoryCheck {

    private MemoryCheck() {
    }

    /**
     * Refuses, before allocating anything, an agent that cannot fit: a too-large net or buffer
     * otherwise ends the process (the kernel killed a CLI run with hidden1 = hidden2 = 30,000,
     * ~43 GB, on a 24 GB machine), and in the lab that would lose the running session.
     * Estimate, float32: the four nets' parameters and gradients and Adam's two moments of the
     * two online nets are six copies of (actor + critic) parameters (off the Java heap, ND4J);
     * a learning batch holds about eight hidden-sized rows per sample; the replay buffer lives on
     * the Java heap. Allowed: nets and batch up to half the machine's memory, the buffer up to
     * 80 % of the heap.
     *
     * @param physicalBytes the machine's memory (0 if unknown: not checked)
     * @param heapBytes the Java heap's limit
     * @throws IllegalArgumentException naming the setting that does not fit
     */
    static void check(WolpertingerConfig c, int obsDim, int actionDim, long physicalBytes, long heapBytes) {
        double params = ActorNet.parameterCount(obsDim, actionDim, c.hidden1(), c.hidden2())
                + (double) CriticNet.parameterCount(obsDim, actionDim, c.hidden1(), c.hidden2());
        double nets = 6 * params * Float.BYTES;
        double batch = 8.0 * c.batchSize() * (c.hidden1() + c.hidden2() + obsDim + actionDim) * Float.BYTES;
        if (physicalBytes > 0 && nets + batch > physicalBytes / 2.0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "hidden1 = %d, hidden2 = %d, batchSize = %d need about %s for the networks (actor, critic, "
                            + "their targets and Adam: %,.0f parameters, six float32 copies); this machine has %s "
                            + "of memory. Use smaller layers or batches.",
                    c.hidden1(), c.hidden2(), c.batchSize(), gigabytes(nets + batch), params, gigabytes(physicalBytes)));
        }
        double replay = (double) c.bufferCapacity() * (2L * obsDim + actionDim + 2) * Float.BYTES;
        if (replay > 0.8 * heapBytes) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "bufferCapacity = %,d needs about %s of Java heap; the heap is %s (lower bufferCapacity, "
                            + "or give Java more with -Xmx)", c.bufferCapacity(), gigabytes(replay), gigabytes(heapBytes)));
        }
    }

    private static String gigabytes(double bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}

package lab.wolpertinger.cli;

import java.util.List;
import java.util.Locale;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Catalog;
import lab.wolpertinger.nn.ActorNet;
import lab.wolpertinger.nn.CriticNet;

/**
 * The memory limits the launcher gives the lab's JVM: the Java heap ({@code -Xmx}), JavaCPP's
 * off-heap limit ({@code org.bytedeco.javacpp.maxbytes}, ND4J's arrays) and its limit on the
 * whole process ({@code maxphysicalbytes}, checked against the resident set when it allocates).
 * Sized from what the preset needs, and never together above {@link #MACHINE_SHARE} of the
 * machine's memory, so an oversized run ends with a Java {@code OutOfMemoryError} (or the
 * agent's own "needs about X" refusal) instead of the kernel's OOM killer.
 *
 * @param heapBytes the Java heap limit
 * @param maxBytes JavaCPP's off-heap limit
 * @param maxPhysicalBytes JavaCPP's limit on the process's resident memory
 */
public record MemoryPlan(long heapBytes, long maxBytes, long maxPhysicalBytes) {
    /** Set (to any value) in a JVM the launcher started with these flags: it does not start another. */
    public static final String MARKER = "wolpertinger.memory";
    /** The share of the machine's memory the lab may use at most. */
    public static final double MACHINE_SHARE = 0.75;
    static final long MB = 1L << 20;
    /** The JVM, JavaFX and the native libraries' code and data beyond heap and ND4J arrays (measured ~0.4-0.5 GB). */
    static final long OVERHEAD = 640 * MB;
    private static final long MIN_HEAP = 256 * MB;
    private static final long MIN_OFF_HEAP = 256 * MB;

    /** Checks the limits are positive and ordered. */
    public MemoryPlan {
        if (heapBytes <= 0 || maxBytes <= 0 || maxPhysicalBytes < heapBytes + maxBytes) {
            throw new IllegalArgumentException("memory plan needs heap > 0, maxbytes > 0 and maxphysicalbytes >= both,"
                    + " got " + heapBytes + ", " + maxBytes + ", " + maxPhysicalBytes);
        }
    }

    /**
     * The plan for {@code config} on a machine with {@code physicalBytes} of memory (0 if unknown:
     * then the preset's needs alone, as on an 8 GB machine).
     */
    public static MemoryPlan of(WolpertingerConfig config, long physicalBytes) {
        long n = config.maxActions();
        int d = Catalog.ID.equals(config.env()) ? config.actionDim() : 1; // Pendulum, CartPole: one-dimensional actions
        long obs = d + 32L; // the observation's size is the env's; no env here, so a generous bound
        // Heap: the items (float32, plus the search index, the embedding layout and the PCA's
        // copies: about 8 copies), the replay ring, and 384 MB for JavaFX's images and the rest.
        long items = n * d * Float.BYTES;
        long replay = (long) config.bufferCapacity() * (2 * obs + d + 2) * Float.BYTES;
        long heapNeed = 384 * MB + 8 * items + 2 * replay;
        // Off-heap: actor, critic, their targets, Adam's two moments, gradients (about eight
        // copies of the parameters) and the batch work arrays, twice over for the GC's lag.
        long params = ActorNet.parameterCount((int) obs, d, config.hidden1(), config.hidden2())
                + CriticNet.parameterCount((int) obs, d, config.hidden1(), config.hidden2());
        long work = 16L * Math.max(config.batchSize(), 1024) * (config.hidden1() + config.hidden2() + obs + d);
        long offHeapNeed = MIN_OFF_HEAP + 2 * (8 * params + work) * Float.BYTES;

        long budget = (long) ((physicalBytes > 0 ? physicalBytes : 8L * 1024 * MB) * MACHINE_SHARE);
        long heap = roundUp(Math.max(MIN_HEAP, heapNeed));
        long offHeap = roundUp(Math.max(MIN_OFF_HEAP, offHeapNeed));
        if (heap + offHeap + OVERHEAD > budget) { // a small machine: scale both down to fit, keep the floors
            double scale = Math.max(0, budget - OVERHEAD) / (double) (heap + offHeap);
            heap = roundDown(Math.max(MIN_HEAP, (long) (heap * scale)));
            offHeap = roundDown(Math.max(MIN_OFF_HEAP, (long) (offHeap * scale)));
        }
        long physical = Math.max(heap + offHeap, Math.min(budget, heap + offHeap + OVERHEAD));
        return new MemoryPlan(heap, offHeap, physical);
    }

    /**
     * The JVM options, e.g. {@code -Xmx1024m -Xms256m -XX:+AlwaysPreTouch -Dorg.bytedeco.javacpp.maxbytes=...}.
     * The initial heap, committed and touched at start ({@link #initialHeapBytes()}), keeps the process's RSS
     * from stepping up later when G1 grows its heap: the 30-minute Pendulum soaks saw one 60-70 MB step (at
     * minute 9 in one run, 17 in another) with 162 MB of the 448 MB heap committed afterwards.
     */
    public List<String> jvmOptions() {
        return List.of("-Xmx" + heapBytes / MB + "m", "-Xms" + initialHeapBytes() / MB + "m", "-XX:+AlwaysPreTouch",
                "-Dorg.bytedeco.javacpp.maxbytes=" + maxBytes,
                "-Dorg.bytedeco.javacpp.maxphysicalbytes=" + maxPhysicalBytes,
                "-D" + MARKER + "=" + this.summary());
    }

    /** The heap committed from the start: half the limit, at most 256 MB (the lab's steady use is ~160 MB). */
    public long initialHeapBytes() {
        return Math.min(heapBytes / 2, 256 * MB) / MB * MB;
    }

    /** One line for logs and the README: "heap 1024 MB, off-heap 512 MB, process 2176 MB". */
    public String summary() {
        return String.format(Locale.ROOT, "heap %d MB, off-heap %d MB, process %d MB",
                heapBytes / MB, maxBytes / MB, maxPhysicalBytes / MB);
    }

    /**
     * Whether the JVM options {@code jvmArguments} already set a limit (then the user's choice
     * stands and the launcher starts no second JVM).
     */
    public static boolean limitsGiven(List<String> jvmArguments) {
        for (String a : jvmArguments) {
            if (a.startsWith("-Xmx") || a.startsWith("-XX:MaxRAM") || a.startsWith("-Dorg.bytedeco.javacpp.maxbytes")
                    || a.startsWith("-Dorg.bytedeco.javacpp.maxphysicalbytes") || a.startsWith("-D" + MARKER)) {
                return true;
            }
        }
        return false;
    }

    private static long roundUp(long bytes) {
        return (bytes + 64 * MB - 1) / (64 * MB) * (64 * MB);
    }

    private static long roundDown(long bytes) {
        return Math.max(64 * MB, bytes / (64 * MB) * (64 * MB));
    }
}

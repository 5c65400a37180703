package lab.wolpertinger.nn;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * One place that configures ND4J for this engine, and copies between Java {@code float[]} and
 * existing ND4J arrays without allocating.
 *
 * <p>{@link #init()} must run before any other ND4J use. It makes float32 the default data type
 * and runs ND4J, its OpenMP pool and OpenBLAS single-threaded whatever {@code OMP_NUM_THREADS}
 * says: with two OpenMP threads on two shared cores a small training step went from ~0.6 ms to
 * 50-140 ms (shared/STACK.md). It also turns ND4J's INFO start-up banner down to warnings.
 *
 * <p>It also loads ND4J's and OpenBLAS's native libraries, and it must do so while no other
 * thread can load a native library: JavaCPP's {@code Loader.addressof} (called by ND4J's BLAS
 * set-up and by OpenBLAS's {@code blas_set_num_threads}) calls {@code dlsym} from inside a
 * {@code dl_iterate_phdr} callback, which takes glibc's two loader locks in the opposite order to
 * {@code dlopen}. Measured: the lab hung at start-up in 1 of 4 runs when the training thread ran
 * this while the JavaFX thread loaded AWT (gdb: one thread in {@code addressof → dlsym}, the other
 * in {@code dlopen(libawt_xawt.so)}). Front ends therefore call it on their main thread before they
 * start other threads (the lab before launching JavaFX, the sweep before its pool); afterwards no
 * path calls {@code addressof} again.
 */
public final class Nd4jRuntime {

    private static volatile boolean initialised;

    private Nd4jRuntime() {
    }

    /** Idempotent: float32 default, single-threaded ND4J / OpenMP / OpenBLAS, quiet start-up. */
    public static void init() {
        if (initialised) {
            return;
        }
        synchronized (Nd4jRuntime.class) {
            if (initialised) {
                return;
            }
            // slf4j-simple reads per-logger levels from system properties when a logger is made,
            // so this must happen before the first ND4J class logs. A user's -D setting wins.
            quietLogger("org.nd4j");
            quietLogger("org.nd4j.linalg.factory.Nd4jBackend");
            quietLogger("org.nd4j.linalg.cpu.nativecpu");
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
            // Three separate thread pools can each spread a small op over the cores:
            // ND4J's own op dispatch, libnd4j's OpenMP, and OpenBLAS. Pin all three to one.
            Nd4j.getEnvironment().setMaxThreads(1);
            Nd4j.getEnvironment().setMaxMasterThreads(1);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(1);
            Nd4j.factory().blas().setMaxThreads(1);
            initialised = true;
        }
    }

    /**
     * Thread counts as reported: {ND4J environment max threads, OpenMP max threads, OpenBLAS
     * threads}. The first still reads back the process default (e.g. 2) after
     * {@code setMaxThreads(1)}; the OpenMP and OpenBLAS settings are the ones that take effect
     * (measured in {@code NnTiming}: with them at 2 and one core busy an actor update took a
     * 60 ms median instead of 0.5 ms).
     */
    public static int[] threadCounts() {
        init();
        return new int[] {
            Nd4j.getEnvironment().maxThreads(),
            NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads(),
            Nd4j.factory().blas().getMaxThreads()
        };
    }

    private static void quietLogger(String name) {
        String key = "org.slf4j.simpleLogger.log." + name;
        if (System.getProperty(key) == null) {
            System.setProperty(key, "warn");
        }
    }

    /** Total physical memory in bytes, or 0 if the JVM cannot tell (the agents' memory checks). */
    public static long physicalMemoryBytes() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getTotalMemorySize() : 0;
    }

    /** Copies all of {@code src} into the float32, C-contiguous array {@code dst} of equal length. */
    public static void copyInto(float[] src, INDArray dst) {
        copyInto(src, 0, dst);
    }

    /**
     * Copies {@code dst.length()} floats from {@code src[srcOffset..]} into the float32,
     * C-contiguous array {@code dst} (a view is fine if its elements are contiguous). No ND4J
     * allocation: one native memcpy into the data buffer.
     */
    public static void copyInto(float[] src, int srcOffset, INDArray dst) {
        int n = checkContiguous(dst);
        if (srcOffset < 0 || srcOffset + n > src.length) {
            throw new IllegalArgumentException("copyInto: source has " + src.length
                + " floats, needs " + n + " from offset " + srcOffset);
        }
        new FloatPointer(dst.data().pointer()).position(dst.offset()).put(src, srcOffset, n);
    }

    /** Copies the float32, C-contiguous array {@code src} into {@code dst} of equal length. */
    public static void copyOut(INDArray src, float[] dst) {
        copyOut(src, dst, 0);
    }

    /** Copies the float32, C-contiguous array {@code src} into {@code dst[dstOffset..]}. */
    public static void copyOut(INDArray src, float[] dst, int dstOffset) {
        int n = checkContiguous(src);
        if (dstOffset < 0 || dstOffset + n > dst.length) {
            throw new IllegalArgumentException("copyOut: destination has " + dst.length
                + " floats, needs " + n + " from offset " + dstOffset);
        }
        new FloatPointer(src.data().pointer()).position(src.offset()).get(dst, dstOffset, n);
    }

    /**
     * A direct {@link FloatBuffer} over the elements of the float32, C-contiguous array
     * {@code a} (index 0 = first element). It aliases the ND4J memory: writes show in {@code a}.
     * Make it once and keep it; the array must outlive it.
     */
    public static FloatBuffer floatBuffer(INDArray a) {
        int n = checkContiguous(a);
        FloatPointer ptr = new FloatPointer(a.data().pointer());
        long from = a.offset();
        return ptr.position(from).limit(from + n).capacity(from + n).asBuffer();
    }

    private static int checkContiguous(INDArray a) {
        if (a.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("expected a FLOAT array, got " + a.dataType());
        }
        long n = a.length();
        boolean vector = a.rank() <= 1 || n == Math.max(a.size(0), a.size(a.rank() - 1));
        if (n > 1 && (a.elementWiseStride() != 1 || (!vector && a.ordering() != 'c'))) {
            throw new IllegalArgumentException("expected a C-contiguous array, got shape "
                + java.util.Arrays.toString(a.shape()) + " strides "
                + java.util.Arrays.toString(a.stride()) + " order " + a.ordering());
        }
        return (int) n;
    }
}

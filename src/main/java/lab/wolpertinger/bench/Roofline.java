package lab.wolpertinger.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import lab.wolpertinger.nn.Nd4jRuntime;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The speed limit of the dense layers: single-thread {@code cblas_sgemm} GFLOP/s over exactly
 * the products of one training step ({@link DenseCost#step}), through the same OpenBLAS the
 * engine calls, on preallocated buffers and nothing else (no element-wise ops, no candidate
 * scoring, no replay). A training step cannot beat {@code roofline GFLOP/s / flops_per_step}
 * steps per second; its {@code efficiency} is how close it gets.
 *
 * <p>On a shared machine the load changes from second to second, so a train case interleaves
 * roofline passes with its timed steps ({@link #time}) instead of timing them one after the
 * other: both then see the same load.
 */
public final class Roofline {

    private final List<DenseCost.Gemm> gemms;
    private final FloatPointer[] a;
    private final FloatPointer[] b;
    private final FloatPointer[] c;
    private final long flops;

    /** Buffers for one pass over {@code gemms}, filled with values in [-1, 1], and one untimed pass. */
    public Roofline(List<DenseCost.Gemm> gemms) {
        Nd4jRuntime.init(); // single-threaded OpenBLAS, as in training
        this.gemms = List.copyOf(gemms);
        int n = gemms.size();
        a = new FloatPointer[n];
        b = new FloatPointer[n];
        c = new FloatPointer[n];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            DenseCost.Gemm g = gemms.get(i);
            a[i] = filled((long) g.m() * g.k(), rng);
            b[i] = filled((long) g.k() * g.n(), rng);
            c[i] = new FloatPointer((long) g.m() * g.n());
        }
        flops = DenseCost.flops(gemms);
        pass(); // warm the caches and OpenBLAS's buffers
    }

    /** Flops of one pass. */
    public long flopsPerPass() {
        return flops;
    }

    /** Runs {@code passes} passes; returns the nanoseconds they took. */
    public long time(int passes) {
        long t0 = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            pass();
        }
        return System.nanoTime() - t0;
    }

    /**
     * Median GFLOP/s of {@code repeats} timings, each running the whole list of products
     * back to back for at least {@code secondsEach}.
     */
    public static double gflops(List<DenseCost.Gemm> gemms, double secondsEach, int repeats) {
        Roofline r = new Roofline(gemms);
        double[] rates = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long passes = 0;
            long elapsed = 0;
            while (elapsed < secondsEach * 1e9) {
                elapsed += r.time(1);
                passes++;
            }
            rates[i] = passes * (double) r.flops / elapsed; // flops per ns = GFLOP/s
        }
        Arrays.sort(rates);
        return rates[repeats / 2];
    }

    private void pass() {
        for (int i = 0; i < a.length; i++) {
            DenseCost.Gemm g = gemms.get(i);
            // row-major leading dimensions of the stored matrices
            int lda = g.transA() ? g.m() : g.k();
            int ldb = g.transB() ? g.k() : g.n();
            openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                    g.transA() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    g.transB() ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    g.m(), g.n(), g.k(), 1f, a[i], lda, b[i], ldb, 0f, c[i], g.n());
        }
    }

    private static FloatPointer filled(long length, SplittableRandom rng) {
        float[] v = new float[(int) length];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) rng.nextDouble(-1, 1);
        }
        return new FloatPointer(v);
    }
}

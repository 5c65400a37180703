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
 */
public final class Roofline {

    private Roofline() {
    }

    /**
     * Median GFLOP/s of {@code repeats} timings, each running the whole list of products
     * back to back for at least {@code secondsEach}.
     */
    public static double gflops(List<DenseCost.Gemm> gemms, double secondsEach, int repeats) {
        Nd4jRuntime.init(); // single-threaded OpenBLAS, as in training
        int n = gemms.size();
        FloatPointer[] a = new FloatPointer[n];
        FloatPointer[] b = new FloatPointer[n];
        FloatPointer[] c = new FloatPointer[n];
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < n; i++) {
            DenseCost.Gemm g = gemms.get(i);
            a[i] = filled((long) g.m() * g.k(), rng);
            b[i] = filled((long) g.k() * g.n(), rng);
            c[i] = new FloatPointer((long) g.m() * g.n());
        }
        long flops = DenseCost.flops(gemms);
        run(gemms, a, b, c); // warm the caches and OpenBLAS's buffers
        double[] rates = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long passes = 0;
            long t0 = System.nanoTime();
            long elapsed;
            do {
                run(gemms, a, b, c);
                passes++;
                elapsed = System.nanoTime() - t0;
            } while (elapsed < secondsEach * 1e9);
            rates[r] = passes * (double) flops / elapsed; // flops per ns = GFLOP/s
        }
        Arrays.sort(rates);
        return rates[repeats / 2];
    }

    private static void run(List<DenseCost.Gemm> gemms, FloatPointer[] a, FloatPointer[] b, FloatPointer[] c) {
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

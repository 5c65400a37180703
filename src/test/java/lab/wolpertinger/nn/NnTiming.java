package lab.wolpertinger.nn;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Throwaway timing main (not a test): a DDPG train step of a 3 -> 256 -> 128 -> 1 critic and a
 * 3 -> 256 -> 128 -> 1 actor at batch 64, a gemm loop, and naive vs split candidate scoring.
 *
 * <pre>
 *   java -cp target/classes:target/test-classes:$(cat cp.txt) lab.wolpertinger.nn.NnTiming [threads]
 * </pre>
 * With {@code threads > 1} the single-thread settings of {@link Nd4jRuntime#init()} are undone
 * afterwards (ND4J, OpenMP and OpenBLAS set to that many threads), to show what they buy.
 */
public final class NnTiming {

    private NnTiming() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        Nd4jRuntime.init();
        if (threads > 1) {
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
        }
        System.out.println("OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + " threads(nd4j, omp, blas)="
            + Arrays.toString(Nd4jRuntime.threadCounts()));

        int o = 3, d = 1, b = 64;
        INDArray x = Nd4j.rand(DataType.FLOAT, b, 256);
        INDArray w = Nd4j.rand(DataType.FLOAT, 128, 256);
        INDArray y = Nd4j.create(DataType.FLOAT, b, 128);
        report("Nd4j.gemm 64x256 * (128x256)^T", time(2000, () -> Nd4j.gemm(x, w, y, false, true, 1.0, 0.0)));
        report("cblas     64x256 * (128x256)^T", time(2000, () -> Linear.gemm(x, w, y, false, true, 1.0, 0.0)));

        ActorNet actor = new ActorNet(o, d, 256, 128, 1);
        ActorNet actorTarget = new ActorNet(o, d, 256, 128, 1);
        CriticNet critic = new CriticNet(o, d, 256, 128, 2);
        CriticNet criticTarget = new CriticNet(o, d, 256, 128, 2);
        Adam actorOpt = new Adam(actor.params(), actor.gradients(), 1e-4, 0.0);
        Adam criticOpt = new Adam(critic.params(), critic.gradients(), 1e-3, 1e-2);
        // A realistic regression so units stay alive (a constant dL/dQ kills the ReLUs and the
        // Adam moments of dead units decay into slow denormals).
        INDArray obs = Nd4j.rand(DataType.FLOAT, b, o).subi(0.5);
        INDArray nextObs = Nd4j.rand(DataType.FLOAT, b, o).subi(0.5);
        INDArray act = Nd4j.rand(DataType.FLOAT, b, d).subi(0.5);
        INDArray gradQ = Nd4j.create(DataType.FLOAT, b, 1);
        INDArray actorGrad = Nd4j.create(DataType.FLOAT, b, d);
        float[] reward = new float[b];
        SplittableRandom r0 = new SplittableRandom(3);
        for (int i = 0; i < b; i++) {
            reward[i] = (float) r0.nextDouble(-1, 1);
        }
        float[] target = new float[b];
        float[] qBuf = new float[b];
        float[] gBuf = new float[b * d];

        float[] obsBuf = new float[b * o];
        float[] actBuf = new float[b * d];
        SplittableRandom batchRng = new SplittableRandom(5);
        Runnable sample = () -> {            // a fresh "replay batch" each step, like training
            for (int i = 0; i < obsBuf.length; i++) {
                obsBuf[i] = (float) batchRng.nextDouble(-1, 1);
            }
            Nd4jRuntime.copyInto(obsBuf, obs);
            for (int i = 0; i < obsBuf.length; i++) {
                obsBuf[i] += (float) batchRng.nextDouble(-0.05, 0.05);
            }
            Nd4jRuntime.copyInto(obsBuf, nextObs);
            for (int i = 0; i < actBuf.length; i++) {
                actBuf[i] = (float) batchRng.nextDouble(-1, 1);
            }
            Nd4jRuntime.copyInto(actBuf, act);
            for (int i = 0; i < b; i++) {
                reward[i] = (float) batchRng.nextDouble(-1, 1);
            }
        };
        Runnable criticStep = () -> {
            sample.run();
            INDArray qNext = criticTarget.forward(nextObs, actorTarget.forward(nextObs));
            Nd4jRuntime.copyOut(qNext, target);
            for (int i = 0; i < b; i++) {
                target[i] = reward[i] + 0.99f * target[i];          // y = r + gamma Q'(s', mu'(s'))
            }
            Nd4jRuntime.copyOut(critic.forward(obs, act), qBuf);
            for (int i = 0; i < b; i++) {
                qBuf[i] = 2f * (qBuf[i] - target[i]) / b;          // d/dQ mean (Q - y)^2
            }
            Nd4jRuntime.copyInto(qBuf, gradQ);
            critic.backward(gradQ);
            criticOpt.step();
        };
        Runnable actorStep = () -> {
            INDArray a = actor.forward(obs);
            critic.forward(obs, a);
            Arrays.fill(qBuf, -1f / b);                            // L = -mean Q
            Nd4jRuntime.copyInto(qBuf, gradQ);
            INDArray dLda = critic.backward(gradQ);
            Nd4jRuntime.copyOut(dLda, gBuf);
            Nd4jRuntime.copyInto(gBuf, actorGrad);
            actor.backward(actorGrad);
            actorOpt.step();
        };
        Runnable ddpgStep = () -> {
            criticStep.run();
            actorStep.run();
            actorTarget.softUpdateFrom(actor, 0.005);
            criticTarget.softUpdateFrom(critic, 0.005);
            critic.refreshHead();
        };
        report("critic update incl. target Q, B=64", time(3000, criticStep));
        if (Boolean.getBoolean("nn.timing.diag")) {
            report(" critic fwd", time(300, () -> critic.forward(obs, act)));
            report(" critic bwd", time(300, () -> critic.backward(gradQ)));
            report(" critic adam", time(300, criticOpt::step));
            report(" target", time(300, () -> criticTarget.forward(nextObs, actorTarget.forward(nextObs))));
            for (INDArray arr : new INDArray[] {critic.params(), critic.gradients(), criticOpt.firstMoment(), criticOpt.secondMoment()}) {
                float[] g = new float[(int) arr.length()];
                Nd4jRuntime.copyOut(arr, g);
                int den = 0, nan = 0, zero = 0;
                for (float v : g) { if (v != 0 && Math.abs(v) < Float.MIN_NORMAL) den++; if (!Float.isFinite(v)) nan++; if (v == 0) zero++; }
                System.out.println(" denormal " + den + " nonfinite " + nan + " zero " + zero);
            }
        }
        report("actor update (actor fwd, critic fwd/bwd, actor bwd, Adam)", time(3000, actorStep));
        long c0 = Pointer.totalCount();
        double[] full = time(3000, ddpgStep);
        report("full DDPG train step (critic+actor+2 soft updates)", full);
        System.out.println("javacpp pointers made during 3000 DDPG steps (net of GC): " + (Pointer.totalCount() - c0));

        // Wolpertinger scoring of 20,000 one-dimensional candidates for one state.
        int k = 20_000;
        float[] cand = new float[k];
        SplittableRandom rng = new SplittableRandom(7);
        for (int i = 0; i < k; i++) {
            cand[i] = (float) rng.nextDouble(-1, 1);
        }
        INDArray obs1 = Nd4j.rand(DataType.FLOAT, 1, o);
        float[] base = new float[128];
        double[] q = new double[k];
        double[] qNaive = new double[k];
        report("split: splitBase + scoreCandidates k=20000", time(200, () -> {
            critic.splitBase(obs1, base);
            critic.scoreCandidates(base, 0, cand, k, q);
        }));
        report("naive: k x 257 concat through fc2, fc3 (ND4J)", time(30, () -> critic.naiveScores(obs1, cand, k, qNaive)));
        int as = argmax(q), an = argmax(qNaive);
        double maxDiff = 0;
        for (int i = 0; i < k; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(q[i] - qNaive[i]));
        }
        System.out.printf("argmax split %d (a=%.5f, q=%.7f / naive q=%.7f), naive %d (a=%.5f, q=%.7f / split q=%.7f); max |split-naive| %.2e%n",
            as, cand[as], q[as], qNaive[as], an, cand[an], qNaive[an], q[an], maxDiff);
    }

    private static int argmax(double[] q) {
        int best = 0;
        for (int i = 1; i < q.length; i++) {
            if (q[i] > q[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double[] time(int n, Runnable r) {
        for (int i = 0; i < Math.max(50, n / 5); i++) {
            r.run();
        }
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    private static void report(String what, double[] sorted) {
        System.out.printf("%-55s median %.3f ms  p10 %.3f  p90 %.3f%n", what, sorted[sorted.length / 2],
            sorted[sorted.length / 10], sorted[sorted.length * 9 / 10]);
    }
}

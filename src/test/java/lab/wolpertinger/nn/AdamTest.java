package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Adam against a plain-Java double transcription of torch.optim.Adam. */
class AdamTest {

    @Test
    void matchesTorchAdamWithWeightDecay() {
        Nd4jRuntime.init();
        int n = 257;
        double lr = 1e-2, wd = 0.05, b1 = 0.9, b2 = 0.999, eps = 1e-8;
        SplittableRandom rng = new SplittableRandom(4);
        double[] p = new double[n], m = new double[n], v = new double[n];
        INDArray params = Nd4j.create(DataType.FLOAT, n);
        INDArray grads = Nd4j.create(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            p[i] = (float) rng.nextDouble(-1, 1);
            params.putScalar(i, p[i]);
        }
        Adam adam = new Adam(params, grads, lr, wd, b1, b2, eps);
        for (int t = 1; t <= 6; t++) {
            for (int i = 0; i < n; i++) {
                double g = (float) (rng.nextDouble(-1, 1) * (i % 3 == 0 ? 1e-3 : 1));
                grads.putScalar(i, g);
                // torch.optim.Adam, maximize=False, amsgrad=False:
                g += wd * p[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
                p[i] -= lr / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + eps);
            }
            adam.step();
            assertEquals(t, adam.stepCount());
            for (int i = 0; i < n; i++) {
                assertEquals(p[i], params.getDouble(i), 1e-6 + 1e-5 * Math.abs(p[i]), "param " + i + " step " + t);
                assertEquals(m[i], adam.firstMoment().getDouble(i), 1e-7 + 1e-5 * Math.abs(m[i]));
                assertEquals(v[i], adam.secondMoment().getDouble(i), 1e-10 + 1e-5 * Math.abs(v[i]));
            }
        }
    }

    @Test
    void restoreContinuesLikeTheOriginal() {
        Nd4jRuntime.init();
        INDArray p1 = Nd4j.create(new float[] {0.5f, -0.25f, 1f}, new long[] {3});
        INDArray g1 = Nd4j.create(new float[] {0.1f, 0.2f, -0.3f}, new long[] {3});
        INDArray p2 = p1.dup(), g2 = g1.dup();
        Adam a1 = new Adam(p1, g1, 1e-2, 0.01);
        a1.step();
        a1.step();
        Adam a2 = new Adam(p2, g2, 1e-2, 0.01);
        p2.assign(p1);
        a2.restore(a1.firstMoment(), a1.secondMoment(), a1.stepCount());
        a1.step();
        a2.step();
        for (int i = 0; i < 3; i++) {
            assertEquals(p1.getDouble(i), p2.getDouble(i), 0.0);
        }
    }

    @Test
    void flushesTinyValuesInsteadOfStoringSubnormals() {
        Nd4jRuntime.init();
        INDArray p = Nd4j.create(new float[] {1e-21f, 0.5f}, new long[] {2});
        INDArray g = Nd4j.create(DataType.FLOAT, 2);
        Adam adam = new Adam(p, g, 1e-3, 0.0);
        adam.step();
        assertEquals(0.0, p.getDouble(0), 0.0);
        assertEquals(0.5, p.getDouble(1), 1e-7);
    }

    @Test
    void undoTakesTheLastStepBackBitForBitAndBadGradientsAreFound() {
        Nd4jRuntime.init();
        int n = 33;
        INDArray params = Nd4j.rand(DataType.FLOAT, n);
        INDArray grads = Nd4j.rand(DataType.FLOAT, n);
        Adam adam = new Adam(params, grads, 1e-2, 0.01);
        adam.keepUndo();
        adam.step();
        float[] p = params.toFloatVector();
        float[] m = adam.firstMoment().toFloatVector();
        float[] v = adam.secondMoment().toFloatVector();
        grads.putScalar(5, -3.0);
        adam.step();
        adam.undoStep();
        org.junit.jupiter.api.Assertions.assertArrayEquals(p, params.toFloatVector());
        org.junit.jupiter.api.Assertions.assertArrayEquals(m, adam.firstMoment().toFloatVector());
        org.junit.jupiter.api.Assertions.assertArrayEquals(v, adam.secondMoment().toFloatVector());
        assertEquals(1, adam.stepCount());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, adam::undoStep);

        assertEquals(java.util.OptionalDouble.empty(), adam.nonFiniteGradient());
        grads.putScalar(7, 1e20f); // finite, but its square overflows float32
        assertEquals(1e20f, (float) adam.nonFiniteGradient().orElseThrow());
        grads.putScalar(3, Float.NaN);
        org.junit.jupiter.api.Assertions.assertTrue(Double.isNaN(adam.nonFiniteGradient().orElseThrow()));
    }

    @Test
    void flushesAtAndBelowTheThresholdsAndKeepsEveryBitAbove() {
        Nd4jRuntime.init();
        float t = Adam.TINY_PARAM; // 2^-66
        float up = Math.nextUp(t);
        float[] in = {t, up, Math.nextDown(t), -t, -up, 0f, -0f, 1e-30f, 0.5f, -3f, Float.MAX_VALUE, Float.NaN};
        float[] want = {0f, up, 0f, 0f, -up, 0f, 0f, 0f, 0.5f, -3f, Float.MAX_VALUE, Float.NaN};
        INDArray params = Nd4j.create(in, new long[] {in.length});
        Adam still = new Adam(params, Nd4j.create(DataType.FLOAT, in.length), 0.0, 0.0); // lr 0: only the flush acts
        still.step();
        for (int i = 0; i < in.length; i++) {
            assertEquals(Float.floatToRawIntBits(want[i]), Float.floatToRawIntBits(params.getFloat(i)), "param " + in[i]);
        }
        // Moments: m flushed at 2^-126 (0.1 g is far above it here), g^2 left out at |g| <= 2^-63.
        float r = 0x1p-63f;
        float[] g = {r, -r, Math.nextUp(r), 0x1p-50f, -0x1p-50f, 1e-3f};
        Adam moving = new Adam(Nd4j.create(DataType.FLOAT, g.length).addi(1), Nd4j.create(g, new long[] {g.length}), 1e-3, 0.0);
        moving.step();
        float[] m = moving.firstMoment().toFloatVector();
        float[] v = moving.secondMoment().toFloatVector();
        for (int i = 0; i < g.length; i++) {
            assertEquals(0.1f * g[i], m[i], 0f, "m of " + g[i]);
            float g2 = Math.abs(g[i]) <= r ? 0f : 0.001f * (g[i] * g[i]);
            assertEquals(g2 < Float.MIN_NORMAL ? 0f : g2, v[i], 0f, "v of " + g[i]);
        }
    }
}

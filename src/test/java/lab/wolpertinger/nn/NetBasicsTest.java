package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Seeds, initialisation bounds, parameter layout, copy and soft update, runtime helpers. */
class NetBasicsTest {

    static float[] flat(INDArray a) {
        float[] f = new float[(int) a.length()];
        Nd4jRuntime.copyOut(a, f);
        return f;
    }

    @Test
    void sameSeedSameParamsDifferentSeedDifferent() {
        assertArrayEquals(flat(new ActorNet(3, 2, 16, 8, 42).params()), flat(new ActorNet(3, 2, 16, 8, 42).params()));
        assertArrayEquals(flat(new CriticNet(3, 2, 16, 8, 42).params()), flat(new CriticNet(3, 2, 16, 8, 42).params()));
        assertFalse(java.util.Arrays.equals(flat(new ActorNet(3, 2, 16, 8, 42).params()),
            flat(new ActorNet(3, 2, 16, 8, 43).params())));
        assertFalse(java.util.Arrays.equals(flat(new CriticNet(3, 2, 16, 8, 42).params()),
            flat(new CriticNet(3, 2, 16, 8, 43).params())));
    }

    @Test
    void layoutShapesAndInitBounds() {
        CriticNet critic = new CriticNet(3, 2, 16, 8, 7);
        var named = critic.namedParameters();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "fc3.weight", "fc3.bias"),
            List.copyOf(named.keySet()));
        assertArrayEquals(new long[] {16, 3}, named.get("fc1.weight").shape());
        assertArrayEquals(new long[] {16}, named.get("fc1.bias").shape());
        assertArrayEquals(new long[] {8, 18}, named.get("fc2.weight").shape());
        assertArrayEquals(new long[] {1, 8}, named.get("fc3.weight").shape());
        assertArrayEquals(new long[] {1}, named.get("fc3.bias").shape());
        long total = named.values().stream().mapToLong(INDArray::length).sum();
        assertEquals(critic.params().length(), total);
        double[] bounds = {1 / Math.sqrt(3), 1 / Math.sqrt(3), 1 / Math.sqrt(18), 1 / Math.sqrt(18), 3e-3, 3e-3};
        int i = 0;
        for (INDArray a : named.values()) {
            double max = a.amaxNumber().doubleValue();
            assertTrue(max <= bounds[i] && max > bounds[i] * 0.3, "init bound of entry " + i + ": " + max);
            i++;
        }
        // views alias the flat vector, weight row = output unit (PyTorch layout)
        named.get("fc2.weight").putScalar(1, 0, 5f);
        assertEquals(5f, critic.params().getFloat(16 * 3 + 16 + 18), 0f);
        ActorNet actor = new ActorNet(3, 2, 16, 8, 7);
        assertArrayEquals(new long[] {2, 8}, actor.namedParameters().get("fc3.weight").shape());
        actor.namedParameters().get("fc3.bias").putScalar(1, 7f);
        assertEquals(7f, actor.params().getFloat(actor.params().length() - 1), 0f);
    }

    @Test
    void copyAndSoftUpdate() {
        ActorNet online = new ActorNet(3, 2, 16, 8, 1);
        ActorNet target = new ActorNet(3, 2, 16, 8, 2);
        float[] before = flat(target.params());
        float[] on = flat(online.params());
        target.softUpdateFrom(online, 0.1);
        float[] after = flat(target.params());
        for (int i = 0; i < after.length; i++) {
            assertEquals(0.1 * on[i] + 0.9 * before[i], after[i], 1e-6);
        }
        target.copyParamsFrom(online);
        assertArrayEquals(on, flat(target.params()));
        CriticNet c1 = new CriticNet(3, 2, 16, 8, 1);
        CriticNet c2 = new CriticNet(3, 2, 16, 8, 2);
        float[] c2b = flat(c2.params());
        c2.softUpdateFrom(c1, 1.0);
        assertArrayEquals(flat(c1.params()), flat(c2.params()));
        c2.copyParamsFrom(new CriticNet(3, 2, 16, 8, 2));
        assertArrayEquals(c2b, flat(c2.params()));
        assertThrows(IllegalArgumentException.class, () -> c2.copyParamsFrom(new CriticNet(3, 2, 16, 9, 2)));
        assertThrows(IllegalArgumentException.class, () -> target.softUpdateFrom(online, 1.5));
    }

    @Test
    void actEqualsBatchForward() {
        ActorNet actor = new ActorNet(3, 2, 16, 8, 3);
        double[] s = {0.3, -0.7, 0.1};
        double[] proto = new double[2];
        actor.act(s, proto);
        INDArray out = actor.forward(Nd4j.create(new float[] {0.3f, -0.7f, 0.1f}, new long[] {1, 3}));
        assertEquals(out.getDouble(0, 0), proto[0], 0.0);
        assertEquals(out.getDouble(0, 1), proto[1], 0.0);
    }

    @Test
    void runtimeIsSingleThreadedAndCopiesRoundTrip() {
        Nd4jRuntime.init();
        Nd4jRuntime.init();   // idempotent
        int[] threads = Nd4jRuntime.threadCounts();
        assertEquals(1, threads[1], "OpenMP threads");   // ND4J's own count reads back the env value
        assertEquals(1, threads[2], "OpenBLAS threads");
        assertEquals(DataType.FLOAT, Nd4j.dataType());
        INDArray big = Nd4j.create(DataType.FLOAT, 4, 5);
        INDArray row = big.getRow(2, true);
        float[] src = {1, 2, 3, 4, 5};
        Nd4jRuntime.copyInto(src, row);
        assertEquals(3f, big.getFloat(2, 2), 0f);
        assertEquals(0f, big.getFloat(1, 4), 0f);
        float[] back = new float[7];
        Nd4jRuntime.copyOut(row, back, 2);
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 4, 5}, back);
        INDArray column = big.getColumn(1, true);
        assertThrows(IllegalArgumentException.class, () -> Nd4jRuntime.copyInto(new float[4], column));
        assertThrows(IllegalArgumentException.class, () -> Nd4jRuntime.copyInto(new float[3], row));
    }
}

package lab.wolpertinger.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import lab.wolpertinger.env.CatalogItems;
import lab.wolpertinger.knn.EmbeddedActionSet;
import lab.wolpertinger.nn.CriticNet;
import lab.wolpertinger.nn.Nd4jRuntime;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The batched critic targets for d > 1 equal the row-by-row Wolpertinger maxQ bit for bit. */
class BatchTargetsTest {

    @Test
    void maxQBatchEqualsMaxQRowByRow() {
        // spread 1: rows far apart (few shared neighbours: each row's candidates gathered);
        // spread 0.02: rows alike, as a batch of a saturated target actor (the dense rows x items pass)
        boolean[] paths = new boolean[2];
        for (double spread : new double[] {1.0, 0.02}) {
            check(spread, paths);
        }
        assertTrue(paths[0] && paths[1], "both the gathered and the dense scoring ran");
    }

    private static void check(double spread, boolean[] paths) {
        Nd4jRuntime.init();
        CatalogItems items = CatalogItems.of(3000, 6, 5);
        EmbeddedActionSet actions = new EmbeddedActionSet(items.size(), items.dim(), items.embeddings());
        int obsDim = 6;
        int h2 = 24;
        CriticNet critic = new CriticNet(obsDim, 6, 20, h2, 11);
        critic.refreshHead();
        int rows = 17;
        SplittableRandom rng = new SplittableRandom(3);
        INDArray obs = Nd4j.create(DataType.FLOAT, rows, obsDim);
        float[] protos = new float[rows * 6];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < obsDim; j++) {
                obs.putScalar(r, j, (float) (2 * rng.nextDouble() - 1));
            }
            for (int j = 0; j < 6; j++) {
                protos[r * 6 + j] = (float) (spread * (2 * rng.nextDouble() - 1));
            }
        }
        float[] bases = new float[rows * h2];
        critic.splitBase(obs, bases);
        for (int k : new int[] {1, 7, 64, 300}) {
            WolpertingerPolicy batch = new WolpertingerPolicy(actions, k);
            WolpertingerPolicy single = new WolpertingerPolicy(actions, k);
            double[] out = new double[rows];
            batch.maxQBatch(critic, bases, protos, rows, out);
            paths[batch.lastBatchDistinct() <= BatchTargets.DENSE_FACTOR * k ? 1 : 0] = true;
            for (int r = 0; r < rows; r++) {
                double[] proto = new double[6];
                for (int j = 0; j < 6; j++) {
                    proto[j] = protos[r * 6 + j];
                }
                double want = single.maxQ(critic, bases, r * h2, proto);
                assertEquals(Double.doubleToRawLongBits(want), Double.doubleToRawLongBits(out[r]),
                        "spread " + spread + ", k " + k + ", row " + r);
            }
        }
    }
}

package lab.wolpertinger.agent;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Preallocated mini-batch arrays (Java side and ND4J side) for one batch size of {@link WolpertingerAgent#update}. */
final class Batch {
    final int size;
    final float[] s;
    final float[] a;
    final float[] r;
    final float[] s2;
    final float[] notTerminal;
    final float[] nextProto;
    final float[] nextBase;
    final float[] q;
    final float[] grad;
    final double[] y;
    final double[] qNext;
    final double[] proto;
    final INDArray obs;
    final INDArray act;
    final INDArray nextObs;
    final INDArray gradQ;

    Batch(int size, int obsDim, int actionDim, int h2) {
        this.size = size;
        s = new float[size * obsDim];
        a = new float[size * actionDim];
        r = new float[size];
        s2 = new float[size * obsDim];
        notTerminal = new float[size];
        nextProto = new float[size * actionDim];
        nextBase = new float[size * h2];
        q = new float[size];
        grad = new float[size];
        y = new double[size];
        qNext = new double[size];
        proto = new double[actionDim];
        obs = Nd4j.create(DataType.FLOAT, size, obsDim);
        act = Nd4j.create(DataType.FLOAT, size, actionDim);
        nextObs = Nd4j.create(DataType.FLOAT, size, obsDim);
        gradQ = Nd4j.create(DataType.FLOAT, size, 1);
    }
}

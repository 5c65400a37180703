package lab.wolpertinger.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A training step at a fixed batch size must not allocate ND4J buffers once warmed up. */
class SteadyStateAllocationTest {

    private static long trackedBytes() {
        return AllocationsTracker.getInstance().bytesOnDevice(0);
    }

    @Test
    void trainingStepsDoNotGrowOffHeapMemory() {
        Nd4jRuntime.init();
        int o = 3, d = 2, b = 64;
        ActorNet actor = new ActorNet(o, d, 64, 32, 1);
        ActorNet actorTarget = new ActorNet(o, d, 64, 32, 2);
        CriticNet critic = new CriticNet(o, d, 64, 32, 3);
        CriticNet criticTarget = new CriticNet(o, d, 64, 32, 4);
        Adam actorOpt = new Adam(actor.params(), actor.gradients(), 1e-4, 0.0);
        Adam criticOpt = new Adam(critic.params(), critic.gradients(), 1e-3, 1e-2);
        INDArray obs = Nd4j.rand(DataType.FLOAT, b, o);
        INDArray act = Nd4j.rand(DataType.FLOAT, b, d);
        INDArray gradQ = Nd4j.ones(DataType.FLOAT, b, 1).divi(b);
        float[] fill = new float[b * o];
        double[] one = new double[o];
        double[] proto = new double[d];
        float[] base = new float[32];
        float[] cands = new float[10 * d];
        double[] q = new double[10];
        INDArray obs1 = Nd4j.rand(DataType.FLOAT, 1, o);
        Runnable step = () -> {
            Nd4jRuntime.copyInto(fill, obs);
            criticTarget.forward(obs, actorTarget.forward(obs));
            critic.forward(obs, act);
            critic.backward(gradQ);
            criticOpt.step();
            INDArray a = actor.forward(obs);
            critic.forward(obs, a);
            INDArray dqda = critic.backward(gradQ);
            actor.backward(dqda);
            actorOpt.step();
            actorTarget.softUpdateFrom(actor, 0.005);
            criticTarget.softUpdateFrom(critic, 0.005);
            critic.refreshHead();
            actor.act(one, proto);
            critic.splitBase(obs1, base);
            critic.scoreCandidates(base, 0, cands, 10, q);
        };
        for (int i = 0; i < 50; i++) {
            step.run();
        }
        System.gc();
        long tracked0 = trackedBytes();
        long javacpp0 = Pointer.totalBytes();
        long count0 = Pointer.totalCount();
        long rss0 = Pointer.physicalBytes();
        for (int i = 0; i < 200; i++) {
            step.run();
        }
        long tracked1 = trackedBytes();
        long javacpp1 = Pointer.totalBytes();
        long count1 = Pointer.totalCount();
        long rss1 = Pointer.physicalBytes();
        System.out.printf("steady state: ND4J tracked %d -> %d B, javacpp %d -> %d B (%d -> %d pointers), RSS %d -> %d MB%n",
            tracked0, tracked1, javacpp0, javacpp1, count0, count1, rss0 >> 20, rss1 >> 20);
        // ND4J data buffers and custom-op argument arrays are javacpp pointers with deallocators:
        // none may be made per step (the count can only fall, if a GC runs meanwhile).
        assertTrue(tracked1 - tracked0 <= 0, "ND4J buffers grew by " + (tracked1 - tracked0) + " B");
        assertTrue(count1 <= count0, "javacpp pointers grew by " + (count1 - count0));
        assertTrue(javacpp1 <= javacpp0, "javacpp bytes grew by " + (javacpp1 - javacpp0));
        assertTrue(rss1 - rss0 < (32L << 20), "RSS grew by " + ((rss1 - rss0) >> 20) + " MB");
    }
}

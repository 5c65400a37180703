package lab.wolpertinger.agent;

import lab.wolpertinger.nn.ActorNet;
import lab.wolpertinger.nn.CriticNet;
import lab.wolpertinger.nn.Nd4jRuntime;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The critic's targets of a replay mini-batch, the Wolpertinger way (Dulac-Arnold et al. 2015,
 * Algorithm 1): each next state's target proto-action mu'(s') goes through the same kNN and
 * argmax as acting, over the target critic,
 * <pre>
 *   y_i = r_i + gamma * (1 - terminated_i) * max over the k nearest actions a of mu'(s'_i) of Q'(s'_i, a)
 * </pre>
 * each next state scored against its own candidates; or, in target mode {@code proto} (plain
 * DDPG), {@code y_i = r_i + gamma (1 - terminated_i) Q'(s'_i, mu'(s'_i))} with no kNN. Holds the
 * target policy, which the agent replaces when the search or k changes. Training thread only.
 */
final class CriticTargets {

    private final ActorNet actorTarget;
    private final CriticNet criticTarget;
    private final int actionDim;
    private WolpertingerPolicy policy;

    CriticTargets(ActorNet actorTarget, CriticNet criticTarget, int actionDim, WolpertingerPolicy policy) {
        this.actorTarget = actorTarget;
        this.criticTarget = criticTarget;
        this.actionDim = actionDim;
        this.policy = policy;
    }

    /** The target policy (the same search and k as acting). */
    WolpertingerPolicy policy() {
        return policy;
    }

    /** Replaces the target policy (a new search). */
    void setPolicy(WolpertingerPolicy p) {
        policy = p;
    }

    /** {@code b.y} from the batch's next states {@code b.s2}, rewards and not-terminal flags. */
    void compute(Batch b, double gamma, boolean protoTarget) {
        Nd4jRuntime.copyInto(b.s2, b.nextObs);
        INDArray nextProto = actorTarget.forward(b.nextObs);
        if (protoTarget) {
            Nd4jRuntime.copyOut(criticTarget.forward(b.nextObs, nextProto), b.q);
            for (int i = 0; i < b.size; i++) {
                b.y[i] = b.r[i] + gamma * b.notTerminal[i] * b.q[i];
            }
            return;
        }
        Nd4jRuntime.copyOut(nextProto, b.nextProto);
        criticTarget.splitBase(b.nextObs, b.nextBase);
        if (actionDim > 1) {
            // every next state's k nearest in one batch query, then each scored against its own candidates
            policy.maxQBatch(criticTarget, b.nextBase, b.nextProto, b.size, b.qNext);
            for (int i = 0; i < b.size; i++) {
                b.y[i] = b.r[i] + gamma * b.notTerminal[i] * b.qNext[i];
            }
            return;
        }
        int h2 = criticTarget.hidden2();
        for (int i = 0; i < b.size; i++) {
            for (int j = 0; j < actionDim; j++) {
                b.proto[j] = b.nextProto[i * actionDim + j];
            }
            double qNext = policy.maxQ(criticTarget, b.nextBase, i * h2, b.proto);
            b.y[i] = b.r[i] + gamma * b.notTerminal[i] * qNext;
        }
    }
}

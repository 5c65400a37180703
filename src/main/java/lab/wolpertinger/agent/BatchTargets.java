package lab.wolpertinger.agent;

import java.util.Arrays;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.NeighbourSearch;
import lab.wolpertinger.nn.CriticHead;
import lab.wolpertinger.nn.CriticNet;

/**
 * The critic targets of a replay mini-batch for d > 1 ({@link WolpertingerPolicy#maxQBatch}):
 * each next state's best Q over the k nearest of its target proto-action, all rows' neighbours
 * from one {@link NeighbourSearch#nearestSets}, each distinct item projected once, then scored
 * either row by row (gathering each row's k projections) or, when the rows share their
 * neighbours, as one dense rows x items pass. Both give what {@link WolpertingerPolicy#maxQ}
 * gives row by row, bit for bit. Holds the batch's scratch; one per policy (not thread-safe).
 */
final class BatchTargets {

    /**
     * Dense pass when distinct <= this x k: with vector lanes a dense (state, item) score costs
     * about an eighth of gathering one row's candidate, so the dense pass wins up to several k;
     * with the scalar loops only when the rows share nearly all.
     */
    static final int DENSE_FACTOR = CriticHead.vectorLanes() ? 4 : 1;

    private final ActionSet actions;
    private final NeighbourSearch search;
    private final int dim;
    private int[] batchNeighbours = new int[0];
    private int[] batchRows = new int[0];
    private int[] batchItems = new int[16];
    private float[] batchCandidates = new float[0];
    private float[] batchProjections = new float[0];
    private double[] batchQ = new double[0];
    private float[] batchBasesT = new float[0];
    private float[] batchStateQ = new float[0];
    private float[] batchDense = new float[0];
    /** Per item: the call (stamp) that gave it a slot, and that slot. */
    private int[] slotStamp = new int[0];
    private int[] slotOf = new int[0];
    private int stamp;
    private int lastDistinct;

    BatchTargets(ActionSet actions, NeighbourSearch search) {
        this.actions = actions;
        this.search = search;
        this.dim = actions.dim();
    }

    /** Distinct items the last call projected. */
    int lastDistinct() {
        return lastDistinct;
    }

    /** out[r] = max over row r's k nearest of Q (see {@link WolpertingerPolicy#maxQBatch}). */
    void maxQ(CriticNet critic, float[] bases, float[] protos, int count, int k, double[] out) {
        if (batchNeighbours.length < count * k) {
            batchNeighbours = new int[count * k];
            batchRows = new int[count * k];
        }
        if (batchQ.length < k) {
            batchQ = new double[k];
        }
        search.nearestSets(protos, count, k, batchNeighbours); // the max over the k needs no order

        // The rows' neighbourhoods overlap (next states of one batch are alike): project each
        // distinct item once, then score every row's k candidates from those projections.
        int n = actions.size();
        if (slotStamp.length != n) {
            slotStamp = new int[n];
            slotOf = new int[n];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE) {
            Arrays.fill(slotStamp, 0);
            stamp = 1;
        }
        int distinct = 0;
        int total = count * k;
        for (int i = 0; i < total; i++) {
            int idx = batchNeighbours[i];
            if (slotStamp[idx] != stamp) {
                slotStamp[idx] = stamp;
                slotOf[idx] = distinct++;
                if (batchItems.length < distinct) {
                    batchItems = Arrays.copyOf(batchItems, Math.max(distinct, 2 * batchItems.length));
                }
                batchItems[distinct - 1] = idx;
            }
            batchRows[i] = slotOf[idx];
        }
        int h2 = critic.hidden2();
        if (batchCandidates.length < distinct * dim) {
            batchCandidates = new float[Math.max(distinct * dim, 2 * batchCandidates.length)];
        }
        if (batchProjections.length < distinct * h2) {
            batchProjections = new float[Math.max(distinct * h2, 2 * batchProjections.length)];
        }
        for (int s = 0; s < distinct; s++) {
            int idx = batchItems[s];
            for (int j = 0; j < dim; j++) {
                batchCandidates[s * dim + j] = (float) actions.coordinate(idx, j);
            }
        }
        CriticHead head = critic.head();
        head.project(batchCandidates, distinct, batchProjections);
        if (distinct <= DENSE_FACTOR * k) {
            scoreDense(head, bases, count, h2, distinct, k, out);
        } else {
            for (int r = 0; r < count; r++) {
                head.scoreProjected(bases, r * h2, batchProjections, batchRows, r * k, k, batchQ, 0);
                double best = batchQ[0];
                for (int i = 1; i < k; i++) {
                    if (batchQ[i] > best) {
                        best = batchQ[i];
                    }
                }
                out[r] = best;
            }
        }
        lastDistinct = distinct;
    }

    /**
     * The rows share most of their neighbours (distinct <= {@link #DENSE_FACTOR} k): every row's
     * state against every distinct item, one item at a time with the rows as vector lanes
     * ({@link CriticHead#scoreStates}), then each row's best over its own k. The same values as
     * scoring each row's candidates, without gathering their projections.
     */
    private void scoreDense(CriticHead head, float[] bases, int count, int h2, int distinct, int k, double[] out) {
        int stride = (count + CriticHead.BLOCK - 1) / CriticHead.BLOCK * CriticHead.BLOCK;
        if (batchBasesT.length < h2 * stride) {
            batchBasesT = new float[h2 * stride];
        }
        if (batchStateQ.length < stride) {
            batchStateQ = new float[stride];
        }
        if (batchDense.length < count * distinct) {
            batchDense = new float[Math.max(count * distinct, 2 * batchDense.length)];
        }
        for (int r = 0; r < count; r++) {
            for (int u = 0; u < h2; u++) {
                batchBasesT[u * stride + r] = bases[r * h2 + u];
            }
        }
        for (int s = 0; s < distinct; s++) {
            head.scoreStates(batchBasesT, stride, count, batchProjections, s * h2, batchStateQ);
            for (int r = 0; r < count; r++) {
                batchDense[r * distinct + s] = batchStateQ[r];
            }
        }
        double b3 = head.outputBias();
        for (int r = 0; r < count; r++) {
            int row = r * distinct;
            int from = r * k;
            double best = b3 + batchDense[row + batchRows[from]];
            for (int i = 1; i < k; i++) {
                double v = b3 + batchDense[row + batchRows[from + i]];
                if (v > best) {
                    best = v;
                }
            }
            out[r] = best;
        }
    }

}

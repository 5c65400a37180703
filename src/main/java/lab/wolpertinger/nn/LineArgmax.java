package lab.wolpertinger.nn;

import java.util.Arrays;

/**
 * The exact argmax of the critic's candidate score over scalar (d = 1) candidates, in about
 * O(h2 log n) score-unit evaluations plus a few full scores instead of n full scores.
 *
 * <p><b>What "exact" means.</b> The result is the position p that {@link CriticHead#score} over
 * every candidate followed by "first maximum in the tie-break order" would return: the largest
 * computed score {@code D(p) = (double) b3 + F(p)}, F the float unit sum, ties to the candidate
 * that comes first in {@link LineCandidates#precedes} order. Not an approximation of the real
 * maximum: the same rounded values, the same winner.
 *
 * <p><b>Why it is exact.</b>
 * <ol>
 * <li>Segments. A unit's computed pre-activation {@code Z_u(x) = fl(b_u + fl(w_u x))} is monotone
 * in x (rounding is monotone) and the coordinates do not decrease with p, so the positions where
 * unit u counts ({@code Z_u > 0}) are a prefix or a suffix of 0..n-1. Its border is found by
 * evaluating Z_u itself (an interpolation guess from the kink {@code -b_u / w_u}, then
 * galloping and bisection on the computed sign, so no arithmetic model is trusted). Sorting the
 * borders splits 0..n-1 into at most h2 + 1 segments, each with one fixed active set A.</li>
 * <li>A linear model with a rigorous error bound. On a segment, F(x) is the float evaluation of
 * {@code g(x) = sum_{u in A} w3_u (b_u + w_u x)}, which is linear in x. Standard error analysis
 * (each float operation has relative error at most u = 2^-24, plus an absolute 2^-150 for an
 * underflowing product; recursive summation of m terms errs by at most gamma_(m-1) times the sum
 * of their magnitudes) gives, on a segment with m = |A| active units,
 * {@code |F(x) - g(x)| <= E_A = (m + 3) u 1.02 P_A + 2^-120 (h2 + 1)(1 + sum |w3|)},
 * {@code P_A = sum_{u in A} |w3_u| (|b_u| + |w_u| X)}, X the largest |x|; b3 is added in double
 * afterwards. g's coefficients and P_A are summed in double from exact float products (as units
 * enter and leave), with an error allowance of a few h2 * 2^-53 times the total magnitude
 * {@code P = sum over all units}. So every point obeys {@code F <= g_computed + bound_A}.</li>
 * <li>A threshold. One real candidate is scored (the segment end with the largest model value),
 * giving F*. Since the winner's F is at least F*, and b3 + F rounds to a double that can equal
 * the winner's only if F is within 2^-48 (|b3| + |F|) of it, no candidate with {@code F < tau =
 * F* - 2^-48 (|b3| + |F*|)} can win or tie (x - c|x| is increasing, so the bound taken at F* is
 * safe for the unknown maximum).</li>
 * <li>Pruning. A segment whose model maximum (at an end, g being linear) plus its bound is below
 * tau is skipped. Otherwise the points whose model value plus the bound reaches tau are scored
 * exactly. When the sign of the slope is certain (|slope| above its own error bound) the exact g
 * is monotone on the segment, so one failing point proves that every point beyond it (away from
 * the better end) fails: a bisection finds the last passing point. Otherwise the whole segment
 * is scored. A segment whose active units all have {@code w_u = 0} (or none is active) is
 * flat bit for bit: every point performs the same operations on the same values
 * ({@code fl(0 * x)} is a zero and {@code b + 0 = b}), so only its first point in tie-break order
 * is scored - that is where exact ties on plateaus are decided. Scoring a run of a segment sums
 * over its active units only, in unit order: the same float operations as
 * {@link CriticHead#unitSum}, since an inactive unit adds nothing there.</li>
 * <li>Every candidate that can reach the maximum is therefore scored by the one scoring function,
 * and the usual "larger score, or equal score and earlier in order" comparison over them returns
 * the brute-force answer. Non-finite weights, bases or coordinates, or magnitudes large enough
 * to overflow (P >= 1e30), make it decline (return -1) so the caller scores every candidate.</li>
 * </ol>
 *
 * <p>No allocation per call after the first at a given h2. Not thread-safe: one per thread.
 */
public final class LineArgmax {

    /** Above this many hidden units the 16-bit unit field of an event would overflow. */
    private static final int MAX_UNITS = 1 << 16;
    private static final double U = 0x1p-24;
    /** Points scored together in {@link #scoreRun}: small enough for L1, long enough for SIMD. */
    private static final int BLOCK = 256;

    private long[] events = new long[0];
    private int[] segStart = new int[0];
    private int[] segEnd = new int[0];
    private double[] segAlpha = new double[0];
    private double[] segSigma = new double[0];
    private boolean[] segFlat = new boolean[0];
    private double[] segBound = new double[0];
    private float[] actB = new float[0];
    private float[] actW = new float[0];
    private float[] actV = new float[0];
    private final float[] blockX = new float[BLOCK];
    private final float[] blockQ = new float[BLOCK];
    private double bestQ = Double.NaN;
    private int scored;
    // the running answer of one argmax call
    private double b3;
    private double tau;
    private int best;
    private double bestScore;

    /** A solver with no scratch yet (grown on the first call). */
    public LineArgmax() {
    }

    /**
     * The position in {@code [0, candidates.count())} of the best-scored candidate, ties to the
     * earliest in the candidates' order; its score is then {@link #bestQ()}. Returns -1, scoring
     * nothing, when it declines: fewer than 3 candidates, or weights, base or end coordinates
     * that are not finite or so large that a float sum could overflow (P >= 1e30) - there the
     * caller scores every candidate, which also reproduces what NaN comparisons do.
     *
     * @param head the scoring head (W2a of shape [h2, 1])
     * @param base the state's split base, {@code base[baseOffset .. baseOffset + h2)}
     */
    public int argmax(CriticHead head, float[] base, int baseOffset, LineCandidates candidates) {
        if (head.actionDim() != 1) {
            throw new IllegalArgumentException("LineArgmax needs scalar actions, the head has d=" + head.actionDim());
        }
        final int h2 = head.hidden2();
        final int n = candidates.count();
        if (n < 1) {
            throw new IllegalArgumentException("no candidates");
        }
        if (baseOffset < 0 || baseOffset + h2 > base.length) {
            throw new IllegalArgumentException("base " + base.length + " from " + baseOffset + " needs " + h2);
        }
        scored = 0;
        final float xLo = candidates.coordinate(0);
        final float xHi = candidates.coordinate(n - 1);
        if (n <= 2 || h2 >= MAX_UNITS || !Float.isFinite(xLo) || !Float.isFinite(xHi)) {
            return declined();
        }
        grow(h2);
        final float[] w2a = head.w2a;
        final float[] w3 = head.w3;
        final double x = Math.max(Math.abs(xLo), Math.abs(xHi));

        // Magnitudes for the error bounds; reject anything non-finite or near overflow.
        double sumBias = 0; // sum |w3 b|
        double sumSlope = 0; // sum |w3 w|
        double sumW3 = 0;
        for (int u = 0; u < h2; u++) {
            float b = base[baseOffset + u];
            float w = w2a[u];
            float v = w3[u];
            if (!Float.isFinite(b) || !Float.isFinite(w) || !Float.isFinite(v)) {
                return declined();
            }
            sumBias += Math.abs((double) v * b);
            sumSlope += Math.abs((double) v * w);
            sumW3 += Math.abs(v);
        }
        double p = sumBias + sumSlope * x;
        if (!(p < 1e30) || !Float.isFinite(head.b3)) {
            return declined();
        }
        // |F - g| <= floatError(segment) (per segment: its active count and magnitudes);
        // |g_computed - g| <= modelError; sigma errs by at most slopeError.
        double modelError = (3.0 * h2 + 8) * 0x1p-52 * p;
        double slopeError = (3.0 * h2 + 8) * 0x1p-52 * sumSlope;
        double magnitudeError = (2.0 * h2 + 4) * 0x1p-52 * p; // of the running active magnitude
        double underflow = 0x1p-120 * (h2 + 1) * (1 + sumW3);

        // Active set at position 0 and the borders inside (0, n).
        double alpha = 0; // sum over active u of w3 b (exact products, double sums)
        double sigma = 0; // sum over active u of w3 w
        double magnitude = 0; // sum over active u of |w3| (|b| + |w| X)
        int active = 0;
        int sloped = 0; // active units with w != 0
        int eventCount = 0;
        for (int u = 0; u < h2; u++) {
            float w = w2a[u];
            boolean activeLo = head.preActivation(base, baseOffset, u, xLo) > 0f;
            if (activeLo) {
                alpha += (double) w3[u] * base[baseOffset + u];
                magnitude += unitMagnitude(w3[u], base[baseOffset + u], w, x);
                active++;
                if (w != 0f) {
                    sigma += (double) w3[u] * w;
                    sloped++;
                }
            }
            if (w == 0f || activeLo == (head.preActivation(base, baseOffset, u, xHi) > 0f)) {
                continue;
            }
            int border = border(head, base, baseOffset, u, candidates, activeLo, n);
            events[eventCount++] = ((long) border << 16) | u;
        }
        Arrays.sort(events, 0, eventCount);

        // Sweep: segments of constant active set, each with its model and error bound.
        int segments = 0;
        int start = 0;
        int ev = 0;
        while (true) {
            int next = ev < eventCount ? (int) (events[ev] >>> 16) : n;
            if (next > start) {
                segStart[segments] = start;
                segEnd[segments] = next - 1;
                segAlpha[segments] = alpha;
                segSigma[segments] = sigma;
                segFlat[segments] = sloped == 0;
                double floatError = (active + 3) * U * 1.02 * (magnitude + magnitudeError) + underflow;
                segBound[segments] = (floatError + modelError) * 1.0001;
                segments++;
            }
            if (ev >= eventCount) {
                break;
            }
            while (ev < eventCount && (int) (events[ev] >>> 16) == next) {
                int u = (int) (events[ev] & 0xFFFF);
                double a = (double) w3[u] * base[baseOffset + u];
                double sl = (double) w3[u] * w2a[u];
                double mg = unitMagnitude(w3[u], base[baseOffset + u], w2a[u], x);
                if (w2a[u] > 0f) { // becomes active
                    alpha += a;
                    sigma += sl;
                    magnitude += mg;
                    active++;
                    sloped++;
                } else { // becomes inactive
                    alpha -= a;
                    sigma -= sl;
                    magnitude -= mg;
                    active--;
                    sloped--;
                }
                ev++;
            }
            start = next;
        }

        // One real score at the best model end gives the threshold.
        int probe = 0;
        double probeModel = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < segments; j++) {
            double gs = segAlpha[j] + segSigma[j] * candidates.coordinate(segStart[j]);
            double ge = segAlpha[j] + segSigma[j] * candidates.coordinate(segEnd[j]);
            if (gs > probeModel) {
                probeModel = gs;
                probe = segStart[j];
            }
            if (ge > probeModel) {
                probeModel = ge;
                probe = segEnd[j];
            }
        }
        float fStar = head.unitSum(base, baseOffset, candidates.coordinate(probe));
        scored = 1;
        b3 = head.b3;
        tau = fStar - 0x1p-48 * (Math.abs(b3) + Math.abs((double) fStar)) - 0x1p-1000;
        best = probe;
        bestScore = b3 + fStar;

        for (int j = 0; j < segments; j++) {
            int s = segStart[j];
            int e = segEnd[j];
            double a = segAlpha[j];
            double sg = segSigma[j];
            double bound = segBound[j];
            double top = Math.max(a + sg * candidates.coordinate(s), a + sg * candidates.coordinate(e));
            if (top + bound < tau) {
                continue;
            }
            if (segFlat[j]) {
                int f = candidates.first(s, e);
                scored++;
                offer(f, head.unitSum(base, baseOffset, candidates.coordinate(f)), candidates);
                continue;
            }
            // Points that may reach tau: g_computed + bound >= tau ("passes"). With the slope's
            // sign certain the exact g is monotone, so a point that fails proves every point
            // beyond it (away from the better end) fails too: bisect for the last passing one.
            // Otherwise score the whole segment.
            int from = s;
            int to = e;
            if (Math.abs(sg) > slopeError) {
                boolean up = sg > 0; // better end is e
                int bestEnd = up ? e : s;
                if (a + sg * candidates.coordinate(bestEnd) + bound < tau) {
                    continue;
                }
                int pass = bestEnd; // passes
                int fail = up ? s - 1 : e + 1; // fails, or just outside the segment
                while (Math.abs(pass - fail) > 1) {
                    int mid = (pass + fail) >> 1;
                    if (a + sg * candidates.coordinate(mid) + bound < tau) {
                        fail = mid;
                    } else {
                        pass = mid;
                    }
                }
                from = up ? pass : s;
                to = up ? e : pass;
            }
            scoreRun(head, base, baseOffset, candidates, s, from, to);
        }
        bestQ = bestScore;
        return best;
    }

    /** |w3| (|b| + |w| X): the unit's share of the error bound's magnitude. */
    private static double unitMagnitude(float w3, float b, float w, double x) {
        return Math.abs((double) w3) * (Math.abs((double) b) + Math.abs((double) w) * x);
    }

    /**
     * Scores positions [from, to] of the segment starting at {@code segmentStart}, in blocks.
     * Every point of a segment has the same computed active set, so the float sum over the
     * active units only, in unit order, is {@link CriticHead#unitSum} operation for operation
     * (an inactive unit adds nothing there); looping over points inside each unit keeps each
     * point's operation order and lets the JIT vectorise across points.
     */
    private void scoreRun(CriticHead head, float[] base, int off, LineCandidates c, int segmentStart,
                          int from, int to) {
        float x0 = c.coordinate(segmentStart);
        int na = 0;
        for (int u = 0; u < head.hidden2(); u++) {
            if (head.preActivation(base, off, u, x0) > 0f) {
                actB[na] = base[off + u];
                actW[na] = head.w2a[u];
                actV[na] = head.w3[u];
                na++;
            }
        }
        final float[] xs = blockX;
        final float[] qs = blockQ;
        for (int p0 = from; p0 <= to; p0 += BLOCK) {
            int len = Math.min(BLOCK, to - p0 + 1);
            for (int i = 0; i < len; i++) {
                xs[i] = c.coordinate(p0 + i);
                qs[i] = 0f;
            }
            for (int a = 0; a < na; a++) {
                final float b = actB[a];
                final float w = actW[a];
                final float v = actV[a];
                for (int i = 0; i < len; i++) {
                    qs[i] += v * (b + w * xs[i]);
                }
            }
            scored += len;
            for (int i = 0; i < len; i++) {
                offer(p0 + i, qs[i], c);
            }
        }
    }

    /** Keeps position p if its score beats the best so far, or ties it and comes first. */
    private void offer(int p, float q, LineCandidates c) {
        if (q < tau) {
            return; // cannot win or tie (see the class comment)
        }
        double score = b3 + q;
        if (score > bestScore || (score == bestScore && c.precedes(p, best))) {
            best = p;
            bestScore = score;
        }
    }

    /** Score of the last {@link #argmax} result, {@code (double) b3 + F}, as the head computes it. */
    public double bestQ() {
        return bestQ;
    }

    /** How many full candidate scores the last {@link #argmax} computed (for tests and the bench). */
    public int lastScored() {
        return scored;
    }

    /**
     * The first position where unit u's activity differs from position 0's, given that it does
     * at position n - 1. Activity is monotone in the position, so: guess from the kink by linear
     * interpolation of the end coordinates, gallop to a bracket, bisect. Only the computed
     * pre-activation decides; the guess just saves evaluations.
     */
    private static int border(CriticHead head, float[] base, int off, int u, LineCandidates c,
                              boolean activeLo, int n) {
        float xLo = c.coordinate(0);
        float xHi = c.coordinate(n - 1);
        double kink = -(double) base[off + u] / head.w2a[u];
        double guess = (kink - xLo) / ((double) xHi - xLo) * (n - 1);
        int g = guess >= n - 1 ? n - 1 : guess > 1 ? (int) Math.ceil(guess) : 1; // NaN -> 1
        // invariant: same(lo) (or lo == 0), !same(hi)
        int lo;
        int hi;
        if (differs(head, base, off, u, c, g, activeLo)) {
            hi = g;
            lo = g - 1;
            int step = 1;
            while (lo > 0 && differs(head, base, off, u, c, lo, activeLo)) {
                hi = lo;
                step <<= 1;
                lo = Math.max(0, lo - step);
            }
        } else {
            lo = g;
            hi = g + 1;
            int step = 1;
            while (hi < n - 1 && !differs(head, base, off, u, c, hi, activeLo)) {
                lo = hi;
                step <<= 1;
                hi = (int) Math.min(n - 1L, (long) hi + step);
            }
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (differs(head, base, off, u, c, mid, activeLo)) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    private static boolean differs(CriticHead head, float[] base, int off, int u, LineCandidates c, int p,
                                   boolean activeLo) {
        return (head.preActivation(base, off, u, c.coordinate(p)) > 0f) != activeLo;
    }

    /** The answer when the bounds cannot be trusted: the caller scores every candidate. */
    private int declined() {
        bestQ = Double.NaN;
        return -1;
    }

    private void grow(int h2) {
        if (events.length < h2) {
            events = new long[h2];
            segStart = new int[h2 + 1];
            segEnd = new int[h2 + 1];
            segAlpha = new double[h2 + 1];
            segSigma = new double[h2 + 1];
            segFlat = new boolean[h2 + 1];
            segBound = new double[h2 + 1];
            actB = new float[h2];
            actW = new float[h2];
            actV = new float[h2];
        }
    }
}

package lab.wolpertinger.nn;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link LaneKernels} on the vector API, 8 float lanes (256 bits) per operation, accumulators held
 * in registers across the unit loop. Loaded only when the module {@code jdk.incubator.vector} is
 * resolved. Each lane performs exactly the scalar loop's {@code +}, {@code *} and
 * compare.
 */
final class VectorLaneKernels {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    private static final int L = 8;
    private static final int BLOCK = LaneKernels.BLOCK;

    private VectorLaneKernels() {
    }

    /** True when 256-bit vectors are native here (else the API would run in slow Java). */
    static boolean supported() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256 && S.length() == L && BLOCK % (4 * L) == 0;
    }

    /** All {@link LaneKernels#BLOCK} lanes of {@link LaneKernels#project}. */
    static void project(float[] w2a, int h2, int d, float[] a, float[] z) {
        for (int u = 0; u < h2; u++) {
            int r = u * d;
            for (int c = 0; c < BLOCK; c += 4 * L) {
                FloatVector w = FloatVector.broadcast(S, w2a[r]);
                FloatVector z0 = w.mul(FloatVector.fromArray(S, a, c));
                FloatVector z1 = w.mul(FloatVector.fromArray(S, a, c + L));
                FloatVector z2 = w.mul(FloatVector.fromArray(S, a, c + 2 * L));
                FloatVector z3 = w.mul(FloatVector.fromArray(S, a, c + 3 * L));
                for (int j = 1; j < d; j++) {
                    w = FloatVector.broadcast(S, w2a[r + j]);
                    int oa = j * BLOCK + c;
                    z0 = z0.add(w.mul(FloatVector.fromArray(S, a, oa)));
                    z1 = z1.add(w.mul(FloatVector.fromArray(S, a, oa + L)));
                    z2 = z2.add(w.mul(FloatVector.fromArray(S, a, oa + 2 * L)));
                    z3 = z3.add(w.mul(FloatVector.fromArray(S, a, oa + 3 * L)));
                }
                int o = u * BLOCK + c;
                z0.intoArray(z, o);
                z1.intoArray(z, o + L);
                z2.intoArray(z, o + 2 * L);
                z3.intoArray(z, o + 3 * L);
            }
        }
    }

    /**
     * {@link LaneKernels#reluSum} over all {@code stride} lanes. The unit's term is
     * {@code w * (z > 0 ? z : 0)}, a compare and a blend: the vector API's {@code max} follows
     * {@link Math#max} (NaN and -0 rules) and costs several instructions per lane group; the blend
     * made this loop twice as fast here, with the same bits (the sum starts at +0, so a zero term of
     * either sign adds nothing), and skips a NaN z as the definition's "every u with z > 0" says.
     */
    static void reluSum(float[] b, int bOffset, float[] w3, int h2, float[] lanes, int stride, float[] q) {
        FloatVector zero = FloatVector.zero(S);
        for (int c = 0; c < stride; c += 4 * L) {
            FloatVector q0 = zero;
            FloatVector q1 = zero;
            FloatVector q2 = zero;
            FloatVector q3 = zero;
            for (int u = 0; u < h2; u++) {
                FloatVector bu = FloatVector.broadcast(S, b[bOffset + u]);
                FloatVector w = FloatVector.broadcast(S, w3[u]);
                int o = u * stride + c;
                FloatVector z0 = bu.add(FloatVector.fromArray(S, lanes, o));
                FloatVector z1 = bu.add(FloatVector.fromArray(S, lanes, o + L));
                FloatVector z2 = bu.add(FloatVector.fromArray(S, lanes, o + 2 * L));
                FloatVector z3 = bu.add(FloatVector.fromArray(S, lanes, o + 3 * L));
                q0 = q0.add(w.mul(zero.blend(z0, z0.compare(VectorOperators.GT, zero))));
                q1 = q1.add(w.mul(zero.blend(z1, z1.compare(VectorOperators.GT, zero))));
                q2 = q2.add(w.mul(zero.blend(z2, z2.compare(VectorOperators.GT, zero))));
                q3 = q3.add(w.mul(zero.blend(z3, z3.compare(VectorOperators.GT, zero))));
            }
            q0.intoArray(q, c);
            q1.intoArray(q, c + L);
            q2.intoArray(q, c + 2 * L);
            q3.intoArray(q, c + 3 * L);
        }
    }
}

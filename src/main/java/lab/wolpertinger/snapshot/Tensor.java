package lab.wolpertinger.snapshot;

import java.util.Arrays;

/**
 * A float32 tensor: a row-major {@code data} array and its {@code shape} (PyTorch order, e.g.
 * an {@code nn.Linear} weight is {@code [out, in]}). The arrays are not copied: a tensor is a
 * carrier between the nets and the file, not a long-lived value.
 *
 * @param shape dimensions, each >= 0; {@code []} is a scalar
 * @param data {@code product(shape)} values
 */
public record Tensor(int[] shape, float[] data) {

    /** Checks that {@code data} holds exactly {@code product(shape)} values. */
    public Tensor {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " has a negative size");
            }
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + data.length);
        }
    }

    /** Number of elements of {@code shape} (product of the dimensions; 1 for a scalar). */
    public static long elements(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}

package lab.wolpertinger.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The flop count of one training step against a hand count, and the roofline's sanity. */
class DenseCostTest {

    @Test
    void pendulumsDefaultStepIsAboutFortyEightMegaflopsAsCountedByHand() {
        // o = 3, d = 1, h1 = 256, h2 = 128, B = 64 (layer y = x W^T + b: 2 B (in + 1) out, bias as a rank-1 product)
        long b = 64;
        long actorForward = 2 * b * ((3 + 1) * 256 + (256 + 1) * 128 + (128 + 1));
        long actorBackward = 2 * b * ((128 + 1) + 128 + (256 + 1) * 128 + 256 * 128 + (3 + 1) * 256);
        long stateHalf = 2 * b * ((3 + 1) * 256 + 128 + 256 * 128);
        long criticForward = stateHalf + 2 * b * 128 + 2 * b * (128 + 1);
        long criticBackward = 2 * b * ((128 + 1) + 128 + 256 * 128 + 128 + 128 + 128 + 128 * 256 + (3 + 1) * 256);
        long acting = 2 * ((3 + 1) * 256 + (256 + 1) * 128 + (128 + 1)) + 2 * ((3 + 1) * 256 + 128 + 256 * 128);
        long update = actorForward + stateHalf + 2 * (criticForward + criticBackward) + actorForward + actorBackward;
        List<DenseCost.Gemm> step = DenseCost.step(3, 1, 256, 128, 64, false);
        assertEquals(acting + update, DenseCost.flops(step));
        assertTrue(DenseCost.flops(step) > 45e6 && DenseCost.flops(step) < 50e6, "the issue's ~40 MFLOP");
        // proto target mode: the whole target critic instead of its state half
        assertEquals(DenseCost.flops(step) - stateHalf + criticForward,
                DenseCost.flops(DenseCost.step(3, 1, 256, 128, 64, true)));
    }

    @Test
    void rooflineMeasuresAPositiveRate() {
        double g = Roofline.gflops(DenseCost.step(3, 1, 32, 16, 8, false), 0.02, 3);
        assertTrue(g > 0.01 && g < 10_000, "GFLOP/s " + g);
    }
}

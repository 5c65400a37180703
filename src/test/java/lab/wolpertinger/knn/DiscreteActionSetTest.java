package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DiscreteActionSetTest {

    @Test
    void cartPoleActionsSitAtMinusOneAndPlusOne() {
        DiscreteActionSet actions = new DiscreteActionSet(2);
        assertEquals(2, actions.size());
        assertEquals(1, actions.dim());
        assertEquals(-1.0, actions.coordinate(0, 0));
        assertEquals(1.0, actions.coordinate(1, 0));
        assertArrayEquals(new double[] {0.0}, actions.envAction(0));
        assertArrayEquals(new double[] {1.0}, actions.envAction(1));
    }

    @Test
    void tieAtTheMiddleGoesToTheLowerIndex() {
        int[] out = new int[2];
        new DiscreteActionSet(2).search().nearest(new double[] {0.0}, 2, out);
        assertArrayEquals(new int[] {0, 1}, out);
        new DiscreteActionSet(2).search().nearest(new double[] {0.0}, 1, out);
        assertEquals(0, out[0]);
    }

    @Test
    void pointsAreEvenlySpacedLikeAGridAxis() {
        DiscreteActionSet actions = new DiscreteActionSet(5);
        assertArrayEquals(new double[] {-1.0, -0.5, 0.0, 0.5, 1.0},
                new double[] {actions.coordinate(0, 0), actions.coordinate(1, 0), actions.coordinate(2, 0),
                    actions.coordinate(3, 0), actions.coordinate(4, 0)});
        assertEquals(0.0, new DiscreteActionSet(1).coordinate(0, 0));
        assertArrayEquals(new double[] {4.0}, actions.envAction(4));
    }

    @Test
    void searchMatchesBruteForce() {
        for (int n : new int[] {1, 2, 3, 4, 5, 17, 100}) {
            DiscreteActionSet actions = new DiscreteActionSet(n);
            Oracle.assertMatches(actions, actions.search(), QuerySamples.forGrid(n, 1, n, 10), n);
        }
    }

    @Test
    void nonPositiveCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DiscreteActionSet(0));
        assertTrue(e.getMessage().contains("n must be >= 1"), e.getMessage());
    }
}

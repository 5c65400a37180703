package lab.wolpertinger.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GridActionSetTest {

    private static GridActionSet unitGrid(int requestedN, int d) {
        double[] low = new double[d];
        double[] high = new double[d];
        java.util.Arrays.fill(low, -1.0);
        java.util.Arrays.fill(high, 1.0);
        return new GridActionSet(requestedN, d, low, high);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 7, 10, 101, 1000, 200_000})
    void axisEndsAreExactlyPlusMinusOneAndCoordinatesStrictlyIncrease(int n) {
        GridActionSet grid = unitGrid(n, 1);
        assertEquals(n, grid.size());
        assertEquals(n, grid.pointsPerAxis());
        assertEquals(-1.0, grid.axisCoordinate(0));
        assertEquals(1.0, grid.axisCoordinate(n - 1));
        for (int t = 1; t < n; t++) {
            assertTrue(grid.axisCoordinate(t - 1) < grid.axisCoordinate(t), "t=" + t);
            assertEquals(grid.axisCoordinate(t), grid.coordinate(t, 0));
        }
    }

    @Test
    void singlePointSitsAtTheCentre() {
        GridActionSet grid = unitGrid(1, 3);
        assertEquals(1, grid.size());
        assertEquals(1, grid.pointsPerAxis());
        for (int j = 0; j < 3; j++) {
            assertEquals(0.0, grid.coordinate(0, j));
        }
    }

    @ParameterizedTest
    @CsvSource({
        "1000000, 3, 100", // pow gives 99.99999999999997
        "10, 2, 3",        // round(3.16)
        "1, 1, 1",
        "2, 1, 2",
        "2, 2, 1",         // round(1.41)
        "3, 2, 2",         // round(1.73)
        "12, 2, 3",        // 3.46 -> 3
        "13, 2, 4",        // 3.61 -> 4
        "2147483647, 1, 2147483647",
        "1000, 3, 10",
        "10000000, 7, 10",
        "1024, 10, 2",
    })
    void pointsPerAxisIsTheNearestIntegerToTheDthRoot(int requestedN, int d, int m) {
        assertEquals(m, GridActionSet.pointsPerAxis(requestedN, d));
    }

    @Test
    void perfectPowersGiveTheirRootDespitePowRounding() {
        for (int d = 2; d <= 6; d++) {
            for (int m = 1; Math.pow(m, d) <= Integer.MAX_VALUE; m++) {
                int n = (int) Math.round(Math.pow(m, d));
                assertEquals(m, GridActionSet.pointsPerAxis(n, d), "n=" + n + " d=" + d);
                if (n > 1) {
                    // one either side of a perfect power still rounds to m
                    assertEquals(m, GridActionSet.pointsPerAxis(n - 1, d), "n-1, m=" + m + " d=" + d);
                    assertEquals(m, GridActionSet.pointsPerAxis(n + 1, d), "n+1, m=" + m + " d=" + d);
                }
            }
        }
    }

    @Test
    void indicesAreRowMajorWithAxisZeroMostSignificant() {
        GridActionSet grid = unitGrid(27, 3); // m = 3: coordinates -1, 0, 1
        int index = 2 * 9 + 0 * 3 + 1;       // positions (2, 0, 1)
        assertEquals(1.0, grid.coordinate(index, 0));
        assertEquals(-1.0, grid.coordinate(index, 1));
        assertEquals(0.0, grid.coordinate(index, 2));
        double[] embedding = new double[3];
        grid.embedding(index, embedding);
        assertEquals(0.0, embedding[2]);
    }

    @Test
    void pendulumBoundsMapEndsToPlusMinusTwoAndMiddleToZero() {
        GridActionSet grid = new GridActionSet(101, 1, new double[] {-2.0}, new double[] {2.0});
        assertEquals(101, grid.size());
        assertEquals(-2.0, grid.envAction(0)[0]);
        assertEquals(2.0, grid.envAction(100)[0]);
        assertEquals(0.0, grid.envAction(50)[0]);
        for (int i = 1; i < grid.size(); i++) {
            assertTrue(grid.envAction(i - 1)[0] < grid.envAction(i)[0], "i=" + i);
        }
    }

    @Test
    void envActionMapsEachAxisToItsOwnBounds() {
        GridActionSet grid = new GridActionSet(9, 2, new double[] {-2.0, 0.0}, new double[] {2.0, 10.0});
        // index 2 = positions (0, 2): axis 0 at -1, axis 1 at +1
        double[] a = grid.envAction(2);
        assertEquals(-2.0, a[0]);
        assertEquals(10.0, a[1]);
        double[] centre = grid.envAction(4);
        assertEquals(0.0, centre[0]);
        assertEquals(5.0, centre[1]);
    }

    @Test
    void boundsAreCopiedInAndOut() {
        double[] low = {-2.0};
        double[] high = {2.0};
        GridActionSet grid = new GridActionSet(5, 1, low, high);
        low[0] = -100.0;
        grid.high()[0] = 100.0;
        assertEquals(-2.0, grid.low()[0]);
        assertEquals(2.0, grid.high()[0]);
        assertEquals(-2.0, grid.envAction(0)[0]);
    }

    @Test
    void tenMillionActionsCostNoPerActionMemory() {
        GridActionSet grid = unitGrid(10_000_000, 1);
        assertEquals(10_000_000, grid.size());
        assertEquals(1.0, grid.coordinate(9_999_999, 0));
        int[] out = new int[3];
        grid.search().nearest(new double[] {1.0}, 3, out);
        assertEquals(9_999_999, out[0]);
        assertEquals(9_999_998, out[1]);
        assertEquals(9_999_997, out[2]);
    }

    @Test
    void tooManyActionsAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> unitGrid(Integer.MAX_VALUE, 2)); // m = 46341, m^2 > 2^31 - 1
        assertTrue(e.getMessage().contains("requestedN"), e.getMessage());
    }

    @Test
    void badArgumentsNameTheParameter() {
        assertMessage("requestedN", () -> unitGrid(0, 1));
        assertMessage("d must be", () -> new GridActionSet(4, 0, new double[0], new double[0]));
        assertMessage("low has length", () -> new GridActionSet(4, 2, new double[1], new double[] {1, 1}));
        assertMessage("high has length", () -> new GridActionSet(4, 1, new double[] {0}, new double[2]));
        assertMessage("low[0] must be finite",
                () -> new GridActionSet(4, 1, new double[] {Double.NaN}, new double[] {1}));
        assertMessage("high[1] must be finite",
                () -> new GridActionSet(4, 2, new double[] {0, 0}, new double[] {1, Double.POSITIVE_INFINITY}));
        assertMessage("low[0] must be < high[0]",
                () -> new GridActionSet(4, 1, new double[] {1}, new double[] {1}));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

package lab.wolpertinger.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.Parameter;
import org.junit.jupiter.api.Test;

class LearningCurvesTest {

    @Test
    void seriesMemoryIsBoundedAndRecentPointsStayExact() {
        DecimatingSeries s = new DecimatingSeries(100);
        for (int i = 0; i < 1_000_000; i++) {
            s.add(i, 2.0 * i);
            assertTrue(s.size() <= 100);
        }
        assertEquals(999_999, s.x(s.size() - 1));
        assertEquals(2 * 999_999, s.y(s.size() - 1));
        for (int i = 1; i < s.size(); i++) {
            assertTrue(s.x(i) > s.x(i - 1), "x stays increasing after merging");
            assertEquals(2 * s.x(i), s.y(i), 1e-6, "merged points are means of (x, y) pairs");
        }
    }

    @Test
    void movingAverageAndMarkerMerging() {
        LearningCurves c = new LearningCurves();
        for (int e = 1; e <= 15; e++) {
            c.addEpisode(new EpisodeRecord(e, e * 200L, e, 200, 0.1, -1, 200, 0.2, false, 500, e));
        }
        // Mean of the last 10 returns 6..15.
        assertEquals(10.5, c.averageReturns().y(c.averageReturns().size() - 1), 1e-12);
        c.addMarker(new LearningCurves.Marker(1000, Parameter.K_RATIO, "a"));
        c.addMarker(new LearningCurves.Marker(1010, Parameter.K_RATIO, "b")); // a slider drag: merged
        c.addMarker(new LearningCurves.Marker(1020, Parameter.TAU, "c"));
        assertEquals(2, c.markers().size());
        assertEquals("b", c.markers().get(0).label());
        assertEquals(1000, c.markers().get(0).step());
        c.clear();
        assertEquals(0, c.returns().size());
        assertEquals(0, c.markers().size());
    }
}

package lab.wolpertinger.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakTest {
    private static Soak.Minute row(int minute, long rss, int threads, double fps, int markers) {
        return new Soak.Minute(minute, rss, threads, fps, 800, 100, 100, 0, markers);
    }

    private static List<Soak.Minute> steady(int minutes) {
        List<Soak.Minute> rows = new ArrayList<>();
        for (int m = 1; m <= minutes; m++) {
            rows.add(row(m, m < 5 ? 500 + 50 * m : 1000 + (m % 3) * 20, m < 5 ? 20 + m : 30, m == 1 ? 40 : 60, 3));
        }
        return rows;
    }

    @Test
    void aSteadyRunPassesFromMinuteFiveOn() {
        assertEquals(List.of(), Soak.check(steady(30)), "growth and warm-up before minute 5 do not count");
    }

    @Test
    void eachCheckFails() {
        List<Soak.Minute> rows = steady(30);
        rows.set(20, row(21, 1300, 30, 60, 3));
        rows.set(21, row(22, 1000, 31, 60, 3));
        rows.set(22, row(23, 1000, 30, 50, 3));
        rows.set(23, row(24, 1000, 30, 60, LearningCurves.MAX_MARKERS + 1));
        List<String> failed = Soak.check(rows);
        assertEquals(4, failed.size(), failed.toString());
        assertTrue(failed.get(0).contains("RSS 1300 MB"), failed.get(0));
        assertTrue(failed.get(1).contains("31 threads"), failed.get(1));
        assertTrue(failed.get(2).contains("fps 50.0"), failed.get(2));
        assertTrue(failed.get(3).contains("series"), failed.get(3));
    }

    @Test
    void shortRunsCheckFromMinuteTwo() {
        assertEquals(5, Soak.firstChecked(30));
        assertEquals(2, Soak.firstChecked(3));
        assertEquals(1, Soak.firstChecked(1));
        assertEquals(List.of(), Soak.check(List.of(row(1, 900, 30, 60, 0))));
    }
}

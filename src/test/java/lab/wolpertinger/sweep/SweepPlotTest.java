package lab.wolpertinger.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The plot says where a folder has fewer seeds than its title's plan. */
class SweepPlotTest {

    private static SweepTrial trial(double ratio, int k, long seed) {
        return new SweepTrial(ratio, k, seed, 20000, 5.0 + seed, 1.0, 20.0, 900.0, 60.0);
    }

    @Test
    void namesTheKWithFewerSeeds() {
        List<SweepTrial> trials = new ArrayList<>();
        for (long s = 0; s < 3; s++) {
            trials.add(trial(0.01, 1000, s));
            trials.add(trial(0.001, 100, s));
        }
        assertEquals("", SweepPlot.seedNote(trials));
        trials.add(trial(0.1, 10000, 0));
        trials.add(trial(0.1, 10000, 1));
        assertEquals("fewer seeds than the most (3) at k = 10,000: 2", SweepPlot.seedNote(trials));
    }

    /** The note is drawn: the band between the title and the panel titles is no longer blank. */
    @Test
    void drawsTheNoteUnderTheTitle() {
        List<SweepTrial> even = new ArrayList<>(List.of(trial(0.01, 1000, 0), trial(0.01, 1000, 1), trial(0.1, 10000, 0),
                trial(0.1, 10000, 1)));
        List<SweepTrial> uneven = new ArrayList<>(even);
        uneven.remove(3);
        assertEquals(0, inkBetween(SweepPlot.render(even, "t"), 45, 62));
        assertNotEquals(0, inkBetween(SweepPlot.render(uneven, "t"), 45, 62));
    }

    /** Pixels unlike the page's corner colour in rows [y0, y1). */
    private static int inkBetween(BufferedImage img, int y0, int y1) {
        int page = img.getRGB(0, 0);
        int ink = 0;
        for (int y = y0; y < y1; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                ink += img.getRGB(x, y) != page ? 1 : 0;
            }
        }
        return ink;
    }
}

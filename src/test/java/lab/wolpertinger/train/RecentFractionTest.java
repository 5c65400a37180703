package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ring behind "chosen ≠ nearest in X % of the last 1,000 steps". */
class RecentFractionTest {

    @Test
    void countsTheShareOfTheWindowAndForgetsTheOldest() {
        RecentFraction r = new RecentFraction(4);
        assertTrue(Double.isNaN(r.fraction()), "empty: no share");
        r.add(true);
        assertEquals(1.0, r.fraction());
        r.add(false);
        r.add(false);
        assertEquals(3, r.size());
        assertEquals(1 / 3.0, r.fraction(), 1e-15);
        r.add(true);
        r.add(false); // drops the first true
        assertEquals(4, r.size());
        assertEquals(0.25, r.fraction());
        for (int i = 0; i < 4; i++) {
            r.add(true);
        }
        assertEquals(1.0, r.fraction());
        r.clear();
        assertEquals(0, r.size());
        assertTrue(Double.isNaN(r.fraction()));
    }

    @Test
    void aThousandStepsWindowMatchesACountOverTheLastThousand() {
        RecentFraction r = new RecentFraction(1000);
        boolean[] all = new boolean[2500];
        for (int i = 0; i < all.length; i++) {
            all[i] = (i * 7919) % 13 < 4;
            r.add(all[i]);
        }
        int yes = 0;
        for (int i = all.length - 1000; i < all.length; i++) {
            yes += all[i] ? 1 : 0;
        }
        assertEquals(yes / 1000.0, r.fraction(), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> new RecentFraction(0));
    }
}

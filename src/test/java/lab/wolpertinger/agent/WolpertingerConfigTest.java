package lab.wolpertinger.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WolpertingerConfigTest {

    @Test
    void kFollowsThePaperFormula() {
        assertEquals(200, WolpertingerConfig.k(200_000, 0.001));
        assertEquals(20_000, WolpertingerConfig.k(200_000, 0.1));
        assertEquals(20, WolpertingerConfig.k(200_000, 0.0001));
        assertEquals(1, WolpertingerConfig.k(2, 0.5));
        assertEquals(2, WolpertingerConfig.k(2, 1.0));
        assertEquals(1, WolpertingerConfig.k(200_000, 1e-9), "k is at least 1");
        assertEquals(3, WolpertingerConfig.k(7, 0.5), "floor, not round");
    }

    @Test
    void defaultsAreValid() {
        WolpertingerConfig c = WolpertingerConfig.defaults();
        assertEquals("Pendulum-v1", c.env());
        assertEquals(200_000, c.maxActions());
    }

    @Test
    void outOfRangeValuesNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withKRatio(0.0));
        assertTrue(e.getMessage().contains("kRatio") && e.getMessage().contains("(0, 1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> withKRatio(1.5));
        assertTrue(e.getMessage().contains("kRatio"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> withKRatio(Double.NaN));
        assertTrue(e.getMessage().contains("kRatio"), e.getMessage());
    }

    private static WolpertingerConfig withKRatio(double r) {
        WolpertingerConfig d = WolpertingerConfig.defaults();
        return new WolpertingerConfig(d.env(), d.maxActions(), r, d.hidden1(), d.hidden2(), d.actorLr(),
                d.criticLr(), d.actorWeightDecay(), d.criticWeightDecay(), d.gamma(), d.tau(), d.batchSize(),
                d.bufferCapacity(), d.warmupSteps(), d.noiseType(), d.noiseScale(), d.noiseFinalScale(),
                d.noiseDecaySteps(), d.ouTheta(), d.ouSigma(), d.ouDt(), d.steps(), d.evalEpisodes(), d.seed(),
                d.actionDim(), d.catalogSeed(), d.itemQuality(), d.search(), d.targetMode());
    }

    @Test
    void noiseScheduleDecaysLinearlyThenHolds() {
        NoiseSchedule s = new NoiseSchedule(1.0, 0.0, 80_000);
        assertEquals(1.0, s.scale(0));
        assertEquals(0.5, s.scale(40_000), 1e-15);
        assertEquals(0.0, s.scale(80_000));
        assertEquals(0.0, s.scale(1_000_000));
        assertEquals(0.3, new NoiseSchedule(0.3, 0.0, 0).scale(123_456), "0 decay steps keeps it constant");
    }

    @Test
    void seedsDifferPerStreamAndRun() {
        assertTrue(Seeds.derive(0, "actor") != Seeds.derive(0, "critic"));
        assertTrue(Seeds.derive(0, "actor") != Seeds.derive(1, "actor"));
        assertEquals(Seeds.derive(42, "replay"), Seeds.derive(42, "replay"));
    }
}

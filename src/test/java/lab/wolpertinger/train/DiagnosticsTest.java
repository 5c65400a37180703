package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.env.RewardRange;
import org.junit.jupiter.api.Test;

class DiagnosticsTest {
    private static final RewardRange PENDULUM = new RewardRange(-16.2736044, 0);

    @Test
    void liveAndEpisodeFiguresMatchAHandComputation() {
        DiagnosticsTracker t = new DiagnosticsTracker(PENDULUM, () -> "cause");
        //        td   qMin  qMax  grad  loss  gamma
        t.update(2.0, -5.0, -1.0, 0.5, 4.0, 0.99);
        t.update(4.0, -8.0, 0.5, 1.5, 6.0, 0.99);
        t.selection(true, 0.1);
        t.selection(false, 0.3);
        t.selection(true, 0.2);

        Diagnostics live = t.live(0.99, 0.15);
        assertEquals(4.0, live.tdError(), "the last update's");
        assertEquals(-8.0, live.qMin());
        assertEquals(0.5, live.qMax());
        assertEquals(1.5, live.actorGradNorm());
        assertEquals(-1627.36044, live.qLowBound(), 1e-9, "-16.2736044 / (1 - 0.99)");
        assertEquals(0.0, live.qHighBound(), "r_max = 0");
        assertEquals(2 / 3.0, live.chosenNotNearest(), 1e-15);
        assertEquals(0.2, live.chosenProtoDistance(), 1e-15, "(0.1 + 0.3 + 0.2) / 3");
        assertEquals(3, live.selectionSteps());
        assertEquals(0.15, live.noiseScale());
        assertEquals("", live.warning(), "Q 0.5 is within the margin above 0");
        assertTrue(live.qOutOfRange(), "but outside the range itself");

        Diagnostics episode = t.finishEpisode(0.99, 0.15);
        assertEquals(3.0, episode.tdError(), "(2 + 4) / 2");
        assertEquals(-8.0, episode.qMin(), "min over both batches");
        assertEquals(0.5, episode.qMax());
        assertEquals(1.0, episode.actorGradNorm(), "(0.5 + 1.5) / 2");
        assertEquals(2 / 3.0, episode.chosenNotNearest(), 1e-15);
        assertEquals(0.2, episode.chosenProtoDistance(), 1e-15);

        Diagnostics empty = t.finishEpisode(0.9, 0.1);
        assertTrue(Double.isNaN(empty.tdError()) && Double.isNaN(empty.qMin()) && Double.isNaN(empty.chosenNotNearest()),
                "an episode without updates or scored steps has nothing to report");
        assertEquals(-162.736044, empty.qLowBound(), 1e-9, "the bound follows gamma 0.9");
        assertEquals(4.0, t.live(0.9, 0.1).tdError(), "the live figures outlast the episode");
    }

    @Test
    void qOutsideTheRangeWarnsWithTheCauseLookedUpOnce() {
        int[] lookups = {0};
        DiagnosticsTracker t = new DiagnosticsTracker(PENDULUM, () -> {
            lookups[0]++;
            return "critic lr 5 is far above the preset's 0.001";
        });
        // allowed [-1627.36, 0], margin its width: 1627.36
        t.update(1, -3, 1627, 1, 1, 0.99);
        assertEquals("", t.live(0.99, 0).warning());
        t.update(1, -3, 1628, 1, 1, 0.99);
        assertEquals("Q 1630 is above the highest return the rewards allow, 0; critic lr 5 is far above the preset's 0.001",
                t.live(0.99, 0).warning());
        t.update(1, -3, 3e5, 1, 1, 0.99);
        assertTrue(t.live(0.99, 0).warning().startsWith("Q 3e5 is above"), t.live(0.99, 0).warning());
        assertEquals(1, lookups[0], "one lookup while the warning holds");
        t.update(1, -3254, -1, 1, 1, 0.99);
        assertEquals("", t.live(0.99, 0).warning(), "-3254 is within the margin below -1627.36");
        t.update(1, -3255, -1, 1, 1, 0.99);
        assertTrue(t.live(0.99, 0).warning().startsWith("Q -3260 is below the lowest return the rewards allow, -1630; "),
                t.live(0.99, 0).warning());
        assertEquals(2, lookups[0], "a new warning looks its cause up again");
        t.update(1, -3, -1, 1, 1, 0.99);
        assertEquals("", t.live(0.99, 0).warning(), "back in range: the warning ends");
        assertTrue(t.finishEpisode(0.99, 0).warning().startsWith("Q 1630 is above"), "the episode keeps its first warning");
        assertEquals("", t.finishEpisode(0.99, 0).warning());
    }

    @Test
    void anActorGradientStuckAtZeroWarns() {
        DiagnosticsTracker t = new DiagnosticsTracker(PENDULUM, () -> "cause");
        for (int i = 0; i < DiagnosticsTracker.RECENT_UPDATES - 1; i++) {
            t.update(1, -1, -1, 0, 1, 0.99);
        }
        t.update(1, -1, -1, 1e-9, 1, 0.99); // one update with a gradient restarts the count
        for (int i = 0; i < DiagnosticsTracker.RECENT_UPDATES - 1; i++) {
            t.update(1, -1, -1, 0, 1, 0.99);
        }
        assertEquals("", t.live(0.99, 0).warning());
        t.update(1, -1, -1, 0, 1, 0.99);
        assertEquals("the actor's gradient has been 0 for 100 updates: the actor no longer learns "
                + "(dead critic units or a saturated actor); cause", t.live(0.99, 0).warning());
    }

    @Test
    void criticLossGrowingHundredfoldOverItsEarlyLevelWarns() {
        DiagnosticsTracker t = new DiagnosticsTracker(PENDULUM, () -> "cause");
        for (int i = 0; i < DiagnosticsTracker.EARLY_UPDATES; i++) {
            t.update(1, -1, -1, 1, i % 2 == 0 ? 0.5 : 1.5, 0.99); // early level 1
        }
        for (int i = 0; i < DiagnosticsTracker.RECENT_UPDATES - 1; i++) {
            t.update(1, -1, -1, 1, 100, 0.99);
            assertEquals("", t.live(0.99, 0).warning(), "the recent window is not full yet");
        }
        t.update(1, -1, -1, 1, 99.99, 0.99);
        assertEquals("", t.live(0.99, 0).warning(), "mean 99.9999 is below 100 × 1");
        t.update(1, -1, -1, 1, 100.02, 0.99); // window now 99 × 100 (one dropped) + 99.99 + 100.02: mean 100.0001
        assertEquals("critic loss 100 is 100× its early level 1; cause", t.live(0.99, 0).warning());
    }

    @Test
    void csvColumnsKeepTheOldOnesAndAppendTheDiagnostics() {
        assertEquals("episode,step,return,length,critic_loss,actor_q,k,noise_scale,terminated,steps_per_s,wall_s,"
                + "td_error,q_min,q_max,q_low_bound,q_high_bound,actor_grad_norm,chosen_not_nearest,"
                + "chosen_proto_distance,warning", EpisodeRecord.CSV_HEADER);
        Diagnostics d = new Diagnostics(1.5, -2, 3, -10, 0, 0.25, 0.5, 0.125, 4, 0.2, "a, \"b\"");
        EpisodeRecord r = new EpisodeRecord(1, 200, -5, 200, 0.5, -1, 7, 0.2, false, 100, 2, d);
        assertEquals("1,200,-5.0,200,0.5,-1.0,7,0.2,false,100.0,2.0,1.5,-2.0,3.0,-10.0,0.0,0.25,0.5,0.125,\"a, \"\"b\"\"\"",
                r.toCsv());
        assertEquals("ok", Diagnostics.csvText("ok"));
    }

    @Test
    void recentMeanDropsTheOldestValue() {
        RecentMean m = new RecentMean(3);
        assertTrue(Double.isNaN(m.mean()));
        m.add(1);
        m.add(2);
        assertEquals(1.5, m.mean());
        assertFalse(m.full());
        m.add(3);
        m.add(10);
        assertTrue(m.full());
        assertEquals(5.0, m.mean(), "(2 + 3 + 10) / 3");
    }

    private static Map<String, Object> small(double criticLr) {
        Map<String, Object> o = new HashMap<>(Map.of("hidden1", 16, "hidden2", 12, "batchSize", 16, "warmupSteps", 50,
                "bufferCapacity", 2000, "maxActions", 2001, "kRatio", 0.01, "seed", 3L));
        o.put("criticLr", criticLr);
        return o;
    }

    /** The first warning a run raises within {@code steps} steps (live or in an episode row), or null. */
    private static String firstWarning(TrainingRun run, int steps, List<EpisodeRecord> episodes) {
        run.onEpisode(episodes::add);
        for (int i = 0; i < steps; i++) {
            try {
                run.step();
            } catch (DivergedException e) {
                return "diverged before any warning: " + e.getMessage();
            }
            if (run.diagnostics().warned()) {
                return run.diagnostics().warning();
            }
        }
        return null;
    }

    @Test
    void anAbsurdCriticLrDrivesQOutOfRangeAndTheWarningNamesIt() {
        TrainingRun run = new TrainingRun(Presets.load("pendulum-200k", small(5)));
        String warning = firstWarning(run, 2000, new ArrayList<>());
        assertNotNull(warning, "no warning in 2000 steps");
        assertTrue(warning.matches("Q -?[0-9.e]+ is (above|below) the (highest|lowest) return the rewards allow, -?[0-9.e]+; "
                + "critic lr 5 is far above the default preset pendulum-200k's 0.001"), warning);
    }

    @Test
    void aLiveCriticLrChangeIsComparedWithThePresets() {
        TrainingRun run = new TrainingRun(Presets.load("pendulum-200k", small(0.001)));
        run.wolpertinger().setCriticLr(5); // as the lab's slider would
        String warning = firstWarning(run, 2000, new ArrayList<>());
        assertNotNull(warning);
        assertTrue(warning.endsWith("; critic lr 5 is far above the preset's 0.001"), warning);
    }

    @Test
    void thePresetLrRaisesNoWarning() {
        List<EpisodeRecord> episodes = new ArrayList<>();
        TrainingRun run = new TrainingRun(Presets.load("pendulum-200k", small(0.001)));
        assertEquals(null, firstWarning(run, 3000, episodes));
        assertEquals(15, episodes.size());
        EpisodeRecord last = episodes.get(episodes.size() - 1);
        Diagnostics d = last.diagnostics();
        assertTrue(d.tdError() > 0 && d.actorGradNorm() > 0, d.toString());
        assertTrue(d.qMin() <= d.qMax() && d.qMin() >= d.qLowBound(), d.toString());
        assertTrue(d.chosenNotNearest() >= 0 && d.chosenNotNearest() <= 1 && d.selectionSteps() == 200, d.toString());
        assertTrue(d.chosenProtoDistance() >= 0 && d.chosenProtoDistance() < 0.1, d.toString());
        assertEquals(last.noiseScale(), d.noiseScale());
        assertEquals(20, last.toCsv().split(",", -1).length, "every column filled: " + last.toCsv());
    }
}

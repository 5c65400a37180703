package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lab.wolpertinger.train.EpisodeRecord;
import lab.wolpertinger.train.Parameter;

/**
 * The data behind the learning-curve plots, with bounded memory: per-episode series (return,
 * its moving average, critic loss, actor mean Q, steps/s), greedy evaluation results and
 * labelled parameter-change markers. FX thread only.
 */
public final class LearningCurves {
    /** Points per series before old points are merged. */
    public static final int CAPACITY = 4000;
    /** Episodes in the moving average of the return. */
    public static final int AVERAGE_WINDOW = 10;
    /** Markers kept; the oldest go first. */
    public static final int MAX_MARKERS = 300;
    /** Changes of the same parameter closer than this many steps merge into one marker (slider drags). */
    private static final long MERGE_STEPS = 300;

    /**
     * A vertical marker where a parameter changed.
     *
     * @param step env step at which it took effect
     * @param parameter which parameter
     * @param label text to draw, e.g. {@code "k ratio 0.01 (k=2000)"}
     */
    public record Marker(long step, Parameter parameter, String label) {
    }

    private final DecimatingSeries returns = new DecimatingSeries(CAPACITY);
    private final DecimatingSeries averageReturns = new DecimatingSeries(CAPACITY);
    private final DecimatingSeries criticLoss = new DecimatingSeries(CAPACITY);
    private final DecimatingSeries actorQ = new DecimatingSeries(CAPACITY);
    private final DecimatingSeries stepsPerSecond = new DecimatingSeries(CAPACITY);
    private final DecimatingSeries evaluations = new DecimatingSeries(CAPACITY);
    private final double[] window = new double[AVERAGE_WINDOW];
    private final List<Marker> markers = new ArrayList<>();
    private int episodes;
    private double windowSum;
    private long lastStep;

    /** Adds a finished episode. */
    public void addEpisode(EpisodeRecord r) {
        double x = r.step();
        returns.add(x, r.episodeReturn());
        int slot = episodes % AVERAGE_WINDOW;
        windowSum += r.episodeReturn() - (episodes >= AVERAGE_WINDOW ? window[slot] : 0);
        window[slot] = r.episodeReturn();
        episodes++;
        averageReturns.add(x, windowSum / Math.min(episodes, AVERAGE_WINDOW));
        criticLoss.add(x, r.criticLoss());
        actorQ.add(x, r.actorQ());
        stepsPerSecond.add(x, r.stepsPerSecond());
        lastStep = Math.max(lastStep, r.step());
    }

    /** Adds a greedy evaluation's mean return at training step {@code step}. */
    public void addEvaluation(long step, double meanReturn) {
        evaluations.add(step, meanReturn);
        lastStep = Math.max(lastStep, step);
    }

    /**
     * Adds a marker, merging it into the latest marker of the same parameter if that one is less
     * than {@link #MERGE_STEPS} steps old (a slider drag, or several sliders moved at once, gives
     * at most one marker per parameter in that span; the label shows the last value).
     */
    public void addMarker(Marker m) {
        for (int i = markers.size() - 1; i >= 0 && m.step() - markers.get(i).step() < MERGE_STEPS; i--) {
            Marker prev = markers.get(i);
            if (prev.parameter() == m.parameter()) {
                markers.set(i, new Marker(prev.step(), m.parameter(), m.label()));
                return;
            }
        }
        markers.add(m);
        if (markers.size() > MAX_MARKERS) {
            markers.remove(0);
        }
        lastStep = Math.max(lastStep, m.step());
    }

    /** Makes these curves equal to {@code other} (a branch starts with its parent's history; a focus switch shows another run's). */
    public void copyFrom(LearningCurves other) {
        returns.copyFrom(other.returns);
        averageReturns.copyFrom(other.averageReturns);
        criticLoss.copyFrom(other.criticLoss);
        actorQ.copyFrom(other.actorQ);
        stepsPerSecond.copyFrom(other.stepsPerSecond);
        evaluations.copyFrom(other.evaluations);
        markers.clear();
        markers.addAll(other.markers);
        System.arraycopy(other.window, 0, window, 0, AVERAGE_WINDOW);
        episodes = other.episodes;
        windowSum = other.windowSum;
        lastStep = other.lastStep;
    }

    /** Forgets everything (a new agent). */
    public void clear() {
        returns.clear();
        averageReturns.clear();
        criticLoss.clear();
        actorQ.clear();
        stepsPerSecond.clear();
        evaluations.clear();
        markers.clear();
        episodes = 0;
        windowSum = 0;
        lastStep = 0;
    }

    /** Episode returns. */
    public DecimatingSeries returns() {
        return returns;
    }

    /** Moving average of the last {@link #AVERAGE_WINDOW} returns. */
    public DecimatingSeries averageReturns() {
        return averageReturns;
    }

    /** Mean critic loss per episode. */
    public DecimatingSeries criticLoss() {
        return criticLoss;
    }

    /** Mean Q(s, mu(s)) per episode (the actor's objective). */
    public DecimatingSeries actorQ() {
        return actorQ;
    }

    /** Training steps per second per episode. */
    public DecimatingSeries stepsPerSecond() {
        return stepsPerSecond;
    }

    /** Greedy evaluation mean returns. */
    public DecimatingSeries evaluations() {
        return evaluations;
    }

    /** Parameter-change markers, oldest first (read-only). */
    public List<Marker> markers() {
        return Collections.unmodifiableList(markers);
    }

    /** Episodes added. */
    public int episodes() {
        return episodes;
    }

    /** The largest step seen (the plots' x range). */
    public long lastStep() {
        return lastStep;
    }
}

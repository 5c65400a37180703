package lab.wolpertinger.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Sweep}'s progress bookkeeping: trials done of the total, each running trial's work
 * done so far (written by its thread), the finished trials' seconds per unit of work at each k
 * ratio, and from those the time left. Written by the trial threads, read from any thread
 * ({@link Sweep#progress()}).
 */
final class SweepClock {

    /** A running trial's work done so far and when it started. */
    private record Running(AtomicLong work, long startNanos) {
    }

    private final Map<Sweep.Trial, Running> running = new ConcurrentHashMap<>();
    private final AtomicInteger done = new AtomicInteger();
    private volatile int total;
    private volatile int parallelism = 1;
    private final List<double[]> finishedCost = new ArrayList<>(); // {kRatio, seconds per unit of work}
    private volatile long startNanos = System.nanoTime();

    /** Resets the counters for a new run of the sweep; returns its start time. */
    long begin() {
        done.set(0);
        synchronized (finishedCost) {
            finishedCost.clear();
        }
        startNanos = System.nanoTime();
        return startNanos;
    }

    /** The number of trials this run accounts for. */
    void total(int trials) {
        total = trials;
    }

    /** Sets the trials done (a merge counts what it found). */
    void done(int trials) {
        done.set(trials);
    }

    /** Trials running at once (for the time left). */
    void parallelism(int trials) {
        parallelism = trials;
    }

    /** Trial t starts: its work counter, which its thread sets as it goes. */
    AtomicLong start(Sweep.Trial t) {
        Running r = new Running(new AtomicLong(), System.nanoTime());
        running.put(t, r);
        return r.work();
    }

    /** The work counter of running trial t. */
    AtomicLong work(Sweep.Trial t) {
        return running.get(t).work();
    }

    /** Trial t is finished (or was found finished), at {@code secondsPerWork}. */
    void finished(Sweep.Trial t, double secondsPerWork) {
        synchronized (finishedCost) {
            finishedCost.add(new double[] {t.kRatio(), secondsPerWork});
        }
        done.incrementAndGet();
    }

    /** Trial t no longer runs (finished or failed). */
    void ended(Sweep.Trial t) {
        running.remove(t);
    }

    /** How far the sweep is, with an estimate of the time left. Safe from any thread. */
    Sweep.Progress progress() {
        long now = System.nanoTime();
        double elapsed = (now - startNanos) / 1e9;
        int doneNow = done.get();
        int totalNow = total;
        // Seconds per unit of work at each k ratio, from finished and running trials.
        Map<Double, double[]> cost = new TreeMap<>(); // kRatio -> {seconds, work}
        synchronized (finishedCost) {
            for (double[] c : finishedCost) {
                cost.computeIfAbsent(c[0], x -> new double[2])[0] += c[1];
                cost.get(c[0])[1] += 1;
            }
        }
        for (Map.Entry<Sweep.Trial, Running> e : running.entrySet()) {
            long work = e.getValue().work().get();
            if (work > 0) {
                double[] c = cost.computeIfAbsent(e.getKey().kRatio(), x -> new double[2]);
                c[0] += (now - e.getValue().startNanos()) / 1e9 / work;
                c[1] += 1;
            }
        }
        double eta = Double.NaN;
        if (doneNow >= totalNow) {
            eta = 0;
        } else if (!cost.isEmpty()) {
            double remaining = 0;
            double slowest = 0;
            for (double[] c : cost.values()) {
                slowest = Math.max(slowest, c[0] / c[1]);
            }
            int left = totalNow - doneNow;
            // Work left: running trials' rest plus the unstarted ones (costed at the slowest known
            // rate: the largest k start first, so the unstarted are at most as slow).
            int notStarted = left - running.size();
            long perTrial = 0;
            for (Map.Entry<Sweep.Trial, Running> e : running.entrySet()) {
                Sweep.Trial t = e.getKey();
                double[] c = cost.get(t.kRatio());
                double spw = c != null ? c[0] / c[1] : slowest;
                remaining += (t.work() - e.getValue().work().get()) * spw;
                perTrial = t.work();
            }
            remaining += Math.max(0, notStarted) * perTrial * slowest;
            eta = remaining / Math.max(1, Math.min(parallelism, left));
        }
        List<Sweep.TrialProgress> runningNow = new ArrayList<>();
        running.forEach((t, r) -> runningNow.add(new Sweep.TrialProgress(t, r.work().get())));
        runningNow.sort(Comparator.comparingInt((Sweep.TrialProgress tp) -> tp.trial().k()).reversed()
                .thenComparingLong(tp -> tp.trial().seed()));
        return new Sweep.Progress(doneNow, totalNow, runningNow, elapsed, eta);
    }
}

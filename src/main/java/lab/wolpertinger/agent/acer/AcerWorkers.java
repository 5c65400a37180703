package lab.wolpertinger.agent.acer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lab.wolpertinger.agent.Seeds;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Env;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.env.Step;
import lab.wolpertinger.env.TimeLimit;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.nn.PolicyQNet;
import lab.wolpertinger.random.SplitMix64;

/**
 * ACER's workers 1 .. W-1 (worker 0 is the training loop's own thread, env and the shared
 * networks): each a thread of its own with its own env, its own copies of the online and average
 * networks for acting and computing gradients, its own trace and random generators. The shared
 * networks, Adam and the trajectory replay stay with {@link AcerAgent}; a worker only reads the
 * shared parameters (to synchronise its copies, when they have changed) and hands its computed
 * gradients back, which the agent applies in worker order, as REACTOR-torch's workers step the
 * shared optimiser under a lock.
 *
 * <p>Lockstep, so that the same seed gives the same run: every training-loop step, each worker
 * steps its env once (started by worker 0's act, joined in its observe); the updates of the traces
 * that ended in that step are computed in parallel from the same shared parameters and applied
 * one after the other. A worker's gradient is thus up to W-1 updates stale when applied, as in
 * asynchronous ACER, but the staleness is fixed by the seed, not by the scheduler.
 */
final class AcerWorkers {
    /** A trace one worker (0: the training loop's) finished in the step just observed. */
    record Ended(int worker, Trajectory trajectory) {
    }

    private final List<Worker> workers = new ArrayList<>();
    private final PolicyQNet sharedNet;
    private final PolicyQNet sharedAverage;
    private final ActionSet actions;
    private final List<Future<Trajectory>> stepping = new ArrayList<>();

    /** Workers 1 .. {@code config.workers() - 1} over fresh envs of {@code config.env()}, seeded from the run seed. */
    AcerWorkers(WolpertingerConfig config, ActionSet actions, PolicyQNet sharedNet, PolicyQNet sharedAverage) {
        this.sharedNet = sharedNet;
        this.sharedAverage = sharedAverage;
        this.actions = actions;
        for (int i = 1; i < config.workers(); i++) {
            workers.add(new Worker(i, config));
        }
    }

    /** Extra workers (W - 1). */
    int size() {
        return workers.size();
    }

    /** Worker {@code i}'s replay generator (i >= 1). */
    SplitMix64 replayRng(int i) {
        return workers.get(i - 1).replayRng;
    }

    /** Worker {@code i}'s learner (i >= 1). */
    AcerLearner learner(int i) {
        return workers.get(i - 1).learner;
    }

    /** Starts every worker's next env step with its copy of the shared networks at {@code version}. */
    void startStep(long version) {
        if (!stepping.isEmpty()) {
            return; // a step started by an act whose observe never came: it is joined by the next observe
        }
        for (Worker w : workers) {
            stepping.add(w.thread.submit(() -> w.step(version)));
        }
    }

    /** Waits for the started step; adds the traces it ended to {@code ended}, in worker order. */
    void finishStep(List<Ended> ended) {
        for (int i = 0; i < stepping.size(); i++) {
            Trajectory t = join(stepping.get(i));
            if (t != null) {
                ended.add(new Ended(i + 1, t));
            }
        }
        stepping.clear();
    }

    /** Computes worker {@code i}'s update on {@code t} on its own thread, from the shared networks at {@code version}. */
    Future<AcerLearner.Update> compute(int i, Trajectory t, boolean onPolicy, double gamma, long steps, long version) {
        Worker w = workers.get(i - 1);
        return w.thread.submit(() -> {
            w.sync(version);
            return w.learner.compute(t, onPolicy, gamma, steps);
        });
    }

    /** Waits for {@code f}, rethrowing what the worker threw. */
    static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an ACER worker", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("an ACER worker failed: " + e.getCause(), e.getCause());
        }
    }

    /** The extra workers' states, in worker order (call between steps). */
    List<AcerWorkerState> states() {
        List<AcerWorkerState> out = new ArrayList<>();
        for (Worker w : workers) {
            int elapsed = w.env instanceof TimeLimit limit ? limit.elapsedSteps() : 0;
            out.add(new AcerWorkerState(w.env.state(), elapsed, w.env.randomState(), w.obs.clone(), w.trace.snapshot(),
                    w.actionRng.state(), w.replayRng.state()));
        }
        return out;
    }

    /**
     * Continues every extra worker from {@code states} (from {@link #states()}).
     *
     * @throws IllegalArgumentException if the count or a worker's arrays do not fit
     */
    void restore(List<AcerWorkerState> states) {
        if (states.size() != workers.size()) {
            throw new IllegalArgumentException("the snapshot holds " + states.size() + " extra ACER workers, the run has "
                    + workers.size());
        }
        for (int i = 0; i < workers.size(); i++) {
            Worker w = workers.get(i);
            AcerWorkerState s = states.get(i);
            if (s.observation().length != w.obs.length) {
                throw new IllegalArgumentException("worker " + (i + 1) + "'s observation has " + s.observation().length
                        + " values, the env " + w.obs.length);
            }
            int traceLength = s.trace().length();
            if (s.trace().obs().length != traceLength * w.obs.length || s.trace().mu().length != (long) traceLength
                    * sharedNet.actions() || s.trace().actions().length != traceLength
                    || s.trace().rewards().length != traceLength) {
                throw new IllegalArgumentException("worker " + (i + 1) + "'s trace arrays do not hold " + traceLength
                        + " steps");
            }
            for (int a : s.trace().actions()) {
                if (a < 0 || a >= sharedNet.actions()) {
                    throw new IllegalArgumentException("worker " + (i + 1) + "'s trace action " + a + " is not in [0, "
                            + sharedNet.actions() + ")");
                }
            }
            w.env.setState(s.envState());
            if (w.env instanceof TimeLimit limit) {
                limit.setElapsedSteps(s.envElapsedSteps());
            }
            w.env.restoreRandomState(s.envRandom());
            w.obs = s.observation().clone();
            w.trace.restore(s.trace());
            w.actionRng = SplitMix64.of(s.actionRng());
            w.replayRng = SplitMix64.of(s.replayRng());
        }
    }

    /** The shutdown of {@code workers}' threads, runnable without a reference to the agent (for a Cleaner). */
    static Runnable shutdownOf(AcerWorkers workers) {
        List<ExecutorService> threads = new ArrayList<>();
        for (Worker w : workers.workers) {
            threads.add(w.thread);
        }
        return () -> threads.forEach(ExecutorService::shutdown);
    }

    /** All learners' gradients (for live parameter changes). */
    List<AcerGradient> gradients() {
        List<AcerGradient> out = new ArrayList<>();
        for (Worker w : workers) {
            out.add(w.learner.gradient());
        }
        return out;
    }

    private final class Worker {
        final ExecutorService thread;
        final Env env;
        double[] obs;
        final PolicyQNet net;
        final PolicyQNet average;
        final AcerActing acting;
        final AcerLearner learner;
        final TraceRecorder trace;
        SplitMix64 actionRng;
        SplitMix64 replayRng;
        final int traceLength;
        long synced = -1;

        Worker(int index, WolpertingerConfig config) {
            long seed = config.seed();
            String name = "acer-worker-" + index;
            thread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                return t;
            });
            env = Envs.make(config.env(), config.envOptions());
            obs = env.reset(Seeds.derive(seed, name + "-env"));
            int obsDim = sharedNet.obsDim();
            int n = sharedNet.actions();
            // initialised from the shared networks at the first sync; the seed here only fills the arrays
            net = new PolicyQNet(obsDim, n, config.hidden1(), config.hidden2(), 0);
            average = new PolicyQNet(obsDim, n, config.hidden1(), config.hidden2(), 0);
            acting = new AcerActing(obsDim, n);
            learner = new AcerLearner(net, average, new AcerGradient(n, config.c(), config.entropyWeight(),
                    config.trustRegion(), config.delta(), WolpertingerConfig.BETA_LOO.equals(config.policyGradient())),
                    config.trustRegion(), config.maxGradNorm());
            trace = new TraceRecorder(obsDim, n);
            actionRng = new SplitMix64(Seeds.derive(seed, name + "-actions"));
            replayRng = new SplitMix64(Seeds.derive(seed, name + "-replay"));
            traceLength = config.traceLength();
        }

        /** Copies the shared parameters when they changed since the last copy (the shared ones are not written now). */
        void sync(long version) {
            if (synced != version) {
                net.copyParamsFrom(sharedNet);
                average.copyParamsFrom(sharedAverage);
                synced = version;
            }
        }

        /** One env step by a sampled action; returns the trace it finished (episode's end or traceLength), else null. */
        Trajectory step(long version) {
            sync(version);
            int a = acting.act(net, obs, true, actionRng);
            Step s = env.step(actions.envAction(a));
            trace.add(obs, a, s.reward(), acting.mu);
            obs = s.observation();
            boolean cut = traceLength > 0 && trace.length() >= traceLength;
            if (!s.done() && !cut) {
                return null;
            }
            Trajectory t = trace.finish(obs, s.terminated());
            if (s.done()) {
                obs = env.reset();
            }
            return t;
        }
    }
}

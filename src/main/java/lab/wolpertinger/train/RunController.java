package lab.wolpertinger.train;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.agent.Seeds;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.agent.WolpertingerPolicy;
import lab.wolpertinger.agent.acer.AcerAgent;
import lab.wolpertinger.env.CartPole;
import lab.wolpertinger.env.Env;
import lab.wolpertinger.env.Envs;
import lab.wolpertinger.env.Step;
import lab.wolpertinger.knn.ActionSet;

/**
 * Runs a {@link TrainingRun} on its own thread (a single-thread executor) for an interactive
 * front end. The training thread owns the env, the agent, the replay buffer and every ND4J
 * array; other threads only talk to it through three channels:
 * <ul>
 *   <li>{@link #submit commands}, queued and applied by the training thread between steps;</li>
 *   <li>the latest {@link Frame}, built only after the previous one was {@link #takeFrame taken}
 *       (so an idle UI costs training nothing) and always after a step-once or a pause;</li>
 *   <li>{@link RunEvent events} (episodes, parameter markers, evaluations, errors), queued and
 *       {@link #drainEvents drained} by the consumer.</li>
 * </ul>
 * The training thread never waits for the consumer, except that in real-time mode it sleeps to
 * the env's time step. {@link #close()} stops it between steps and ends the executor.
 */
public final class RunController implements AutoCloseable {
    private static final long CATCH_UP_LIMIT_NANOS = 250_000_000L;
    private static final long RATE_WINDOW_NANOS = 500_000_000L;

    private final ExecutorService executor;
    private final LinkedBlockingQueue<RunCommand> commands = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<RunEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private volatile RunStatus status = RunStatus.IDLE;
    private volatile boolean closed;

    // ---- owned by the training thread ----
    private TrainingRun run;
    private long runId;
    private boolean running = true;
    private boolean realTime;
    private double lastReturn = Double.NaN;
    /** Runs training in turn with {@link #run} after a branch. */
    private final RunTurns turns = new RunTurns();
    private final SearchRecall searchRecall = new SearchRecall();
    /** Each run's last episode return, by run id (the focused run's is {@link #lastReturn}). */
    private final Map<Long, Double> lastReturns = new java.util.HashMap<>();
    private long nextDeadline;
    private long rateStartNanos;
    private long rateStartSteps;
    private double stepsPerSecond;
    private final FrameSampler sampler = new FrameSampler();
    private Evaluating eval;

    /** Starts the training thread, which builds an agent from {@code config} (idle until {@link RunCommand.Start}). */
    public RunController(WolpertingerConfig config) {
        this(config, false);
    }

    /** Like {@link #RunController(WolpertingerConfig)} with the given speed (real time or as fast as it trains). */
    public RunController(WolpertingerConfig config, boolean realTime) {
        this.realTime = realTime;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "training");
            t.setDaemon(true);
            return t;
        });
        executor.execute(() -> loop(config));
    }

    /** The env's time step in seconds (real-time pacing): Pendulum-v1 0.05, CartPole-v1 0.02. */
    public static double dtSeconds(String envId) {
        return CartPole.ID.equals(envId) ? 0.02 : 0.05;
    }

    /** Queues a command for the training thread (any thread). Ignored after {@link #close()}. */
    public void submit(RunCommand command) {
        if (!closed) {
            commands.add(command);
        }
    }

    /** The latest frame not yet taken, or null; taking it lets the training thread build the next. */
    public Frame takeFrame() {
        return latest.getAndSet(null);
    }

    /** Passes every queued event to {@code sink}, in order (any one consumer thread). */
    public void drainEvents(Consumer<RunEvent> sink) {
        RunEvent e;
        while ((e = events.poll()) != null) {
            sink.accept(e);
        }
    }

    /** What the training thread is doing now. */
    public RunStatus status() {
        return status;
    }

    /** Stops training between steps and ends the training thread; waits at most a few seconds. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        commands.add(new RunCommand.Stop());
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
                executor.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        status = RunStatus.STOPPED;
    }

    /** Whether the training thread has ended. */
    public boolean isTerminated() {
        return executor.isTerminated();
    }

    // ---------------------------------------------------------------- training thread

    private void loop(WolpertingerConfig config) {
        try {
            build(config);
            while (running) {
                RunCommand c = (status == RunStatus.TRAINING || status == RunStatus.EVALUATING)
                        ? commands.poll() : commands.take();
                while (c != null && running) {
                    apply(c);
                    c = commands.poll();
                }
                if (!running) {
                    break;
                }
                if (status == RunStatus.TRAINING) {
                    guarded(this::trainStep);
                    stepOthers();
                    if (realTime && status == RunStatus.TRAINING) {
                        pace(dtSeconds(run.config().env()));
                    }
                } else if (status == RunStatus.EVALUATING) {
                    boolean paced = eval.realTime;
                    guarded(this::evalStep);
                    if (paced && status == RunStatus.EVALUATING) {
                        pace(dtSeconds(run.config().env()));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            status = RunStatus.STOPPED;
        }
    }

    private void guarded(Runnable action) {
        try {
            action.run();
        } catch (DivergedException e) {
            eval = null;
            status = RunStatus.PAUSED; // the step is complete and the nets finite: frames still show the agent
            events.add(new RunEvent.Diverged(runId, Divergence.of(e, run.agent(), run.config())));
            publish(true);
        } catch (RuntimeException e) {
            eval = null;
            status = RunStatus.PAUSED;
            events.add(new RunEvent.Failed("training stopped: " + e));
            publish(true);
        }
    }

    /** Sleeps until the next tick of the env's clock, applying commands that arrive meanwhile. */
    private void pace(double dt) throws InterruptedException {
        long now = System.nanoTime();
        if (nextDeadline == 0 || now - nextDeadline > CATCH_UP_LIMIT_NANOS) {
            nextDeadline = now; // fell behind (or first tick): restart the clock, no bursts
        }
        nextDeadline += (long) (dt * 1e9);
        RunStatus pacedStatus = status;
        long wait;
        while (running && status == pacedStatus && (wait = nextDeadline - System.nanoTime()) > 0) {
            RunCommand c = commands.poll(wait, TimeUnit.NANOSECONDS);
            if (c != null) {
                apply(c);
            }
        }
    }

    private void build(WolpertingerConfig config) {
        TrainingRun fresh;
        try {
            fresh = new TrainingRun(config);
        } catch (RuntimeException e) {
            events.add(new RunEvent.BuildFailed("cannot build the agent for " + config.env() + ": " + e.getMessage()));
            return; // keep the current agent, if any
        }
        install(fresh);
        preview();
    }

    /** Builds the run of a {@link RunCommand.Restore}; on failure the current run is kept as it was. */
    private void restore(RunCommand.Restore r) {
        TrainingRun restored;
        try {
            restored = r.build().get();
        } catch (RuntimeException e) {
            events.add(new RunEvent.Failed("cannot load " + r.source() + ": " + e.getMessage()));
            return;
        }
        install(restored);
        Map<Parameter, Double> live = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            live.put(p, p.liveIn(restored.agent()));
        }
        String targetMode = restored.agent() instanceof WolpertingerAgent w ? w.targetMode() : restored.config().targetMode();
        events.add(new RunEvent.Restored(runId, r.source(), restored.steps(), restored.episodes(), live, targetMode));
        // The frame comes after the event: a consumer that takes it (then drains) has seen the restore too.
        preview();
    }

    /** Writes the run between steps (the caller's writer); the outcome is an event. */
    private void save(RunCommand.SaveSnapshot s) {
        try {
            s.writer().write(run, s.path(), s.includeReplay());
            events.add(new RunEvent.Saved(runId, run.steps(), s.path(), s.includeReplay()));
        } catch (java.io.IOException | RuntimeException e) {
            events.add(new RunEvent.Failed("cannot save " + s.path() + ": " + e.getMessage()));
        }
    }

    /**
     * Makes {@code fresh} the current run (idle) and announces it with a {@link RunEvent.Started};
     * the caller previews. Runs training in turn are discarded (the UI keeps their curves).
     */
    private void install(TrainingRun fresh) {
        turns.clear();
        lastReturns.clear();
        adopt(fresh);
        status = RunStatus.IDLE;
        WolpertingerConfig config = run.config();
        events.add(new RunEvent.Started(runId, config, run.agent().actions(), dtSeconds(config.env()), run.history()));
    }

    /** Makes {@code fresh} the focused run under a new id, reporting its episodes under that id. */
    private void adopt(TrainingRun fresh) {
        run = fresh;
        runId++;
        long id = runId;
        lastReturn = Double.NaN;
        stepsPerSecond = 0;
        eval = null;
        run.onEpisode(r -> {
            if (id == runId) {
                lastReturn = r.episodeReturn();
            } else {
                lastReturns.put(id, r.episodeReturn());
            }
            events.add(new RunEvent.Episode(id, r));
        });
    }

    /** One step of each run training in turn (after each step of the focused run). */
    private void stepOthers() {
        turns.stepAll((id, reason) -> events.add(new RunEvent.Dropped(id, reason)));
    }

    /** The copy of the focused run, with the parameter changed, becomes focused; the original trains in turn. */
    private void branch(RunCommand.Branch b) {
        if (status == RunStatus.TRAINING || status == RunStatus.EVALUATING) {
            events.add(new RunEvent.Failed("Branch works while paused: press Pause (Space) first"));
            return;
        }
        if (turns.full()) {
            events.add(new RunEvent.Failed("at most " + RunTurns.MAX_RUNS
                    + " runs train in turn: remove one from the run list first"));
            return;
        }
        TrainingRun copy;
        try {
            copy = b.copy().apply(run);
            b.parameter().applyTo(copy.agent(), b.value());
        } catch (RuntimeException e) {
            events.add(new RunEvent.Failed("cannot branch: " + e.getMessage()));
            return;
        }
        long parent = runId;
        turns.add(parent, run);
        lastReturns.put(parent, lastReturn);
        double parentReturn = lastReturn;
        RunStatus was = status;
        adopt(copy);
        lastReturn = parentReturn; // the same history up to here
        status = was;
        events.add(new RunEvent.Branched(runId, parent, copy.steps(), b.parameter(),
                b.parameter().liveIn(copy.agent()), copy.agent().k()));
        preview();
    }

    /** Run {@code id} from the turn becomes focused; the focused one takes its place in the turn. */
    private void focus(long id) {
        if (id == runId) {
            return;
        }
        if (status == RunStatus.EVALUATING) {
            events.add(new RunEvent.Failed("Focus works after the evaluation: press Pause first"));
            return;
        }
        RunTurns.Turn t = turns.remove(id);
        if (t == null) {
            events.add(new RunEvent.Failed("run " + id + " is not training in turn (reset or removed)"));
            return;
        }
        turns.add(runId, run);
        lastReturns.put(runId, lastReturn);
        run = t.run();
        runId = t.id();
        lastReturn = lastReturns.getOrDefault(runId, Double.NaN);
        stepsPerSecond = 0;
        Map<Parameter, Double> live = new EnumMap<>(Parameter.class);
        for (Parameter p : Parameter.values()) {
            live.put(p, p.liveIn(run.agent()));
        }
        String targetMode = run.agent() instanceof WolpertingerAgent w ? w.targetMode() : run.config().targetMode();
        events.add(new RunEvent.Focused(runId, run.config(), live, targetMode, run.agent().k()));
        preview();
    }

    private void apply(RunCommand c) {
        if (c instanceof RunCommand.Stop) {
            running = false;
        } else if (c instanceof RunCommand.Reset r) {
            build(r.config());
        } else if (c instanceof RunCommand.Restore r) {
            restore(r);
        } else if (c instanceof RunCommand.SaveSnapshot s) {
            if (requireRun()) {
                save(s);
            }
        } else if (c instanceof RunCommand.Branch b) {
            if (requireRun()) {
                branch(b);
            }
        } else if (c instanceof RunCommand.Focus f) {
            focus(f.runId());
        } else if (c instanceof RunCommand.Drop d) {
            if (d.runId() == runId) {
                events.add(new RunEvent.Failed("the run on show cannot be removed: focus another run first"));
            } else if (turns.remove(d.runId()) != null) {
                events.add(new RunEvent.Dropped(d.runId(), "removed"));
            }
        } else if (c instanceof RunCommand.SetRealTime s) {
            realTime = s.realTime();
            nextDeadline = 0;
        } else if (c instanceof RunCommand.Start) {
            if (requireRun()) {
                if (eval != null) {
                    finishEvaluation();
                }
                status = RunStatus.TRAINING;
                rateStartNanos = System.nanoTime();
                rateStartSteps = run.steps();
                nextDeadline = 0;
            }
        } else if (c instanceof RunCommand.Pause) {
            if (eval != null) {
                finishEvaluation();
            }
            if (run != null && status == RunStatus.TRAINING) {
                status = RunStatus.PAUSED;
            }
            publish(true);
        } else if (c instanceof RunCommand.StepOnce) {
            if (requireRun() && (status == RunStatus.IDLE || status == RunStatus.PAUSED)) {
                status = RunStatus.PAUSED;
                guarded(this::trainStep);
                stepOthers();
                publish(true);
            }
        } else if (c instanceof RunCommand.Evaluate e) {
            if (requireRun() && eval == null) {
                String envId = run.config().env();
                eval = new Evaluating(Envs.make(envId, run.config().envOptions()), Seeds.derive(run.config().seed(), "eval-env"),
                        e.episodes(), e.realTime(), status);
                status = RunStatus.EVALUATING;
                nextDeadline = 0;
            }
        } else if (c instanceof RunCommand.SetTargetMode t) {
            if (requireRun()) {
                try {
                    run.wolpertinger().setTargetMode(t.mode()); // the next update's critic targets use it
                } catch (IllegalArgumentException | IllegalStateException ex) {
                    events.add(new RunEvent.Failed(ex.getMessage()));
                }
            }
        } else if (c instanceof RunCommand.SetSearch se) {
            if (requireRun()) {
                try {
                    long t0 = System.nanoTime();
                    run.wolpertinger().setSearch(se.search()); // builds an approximate index on first use
                    events.add(new RunEvent.SearchChanged(runId, run.steps(), run.wolpertinger().search(),
                            (System.nanoTime() - t0) / 1e9));
                    if (status == RunStatus.IDLE || status == RunStatus.PAUSED) {
                        preview();
                    }
                } catch (IllegalArgumentException | IllegalStateException ex) {
                    events.add(new RunEvent.Failed(ex.getMessage()));
                }
            }
        } else if (c instanceof RunCommand.SetParameter p) {
            if (requireRun()) {
                try {
                    p.parameter().applyTo(run.agent(), p.value());
                    events.add(new RunEvent.ParameterChanged(runId, run.steps(), p.parameter(),
                            p.parameter().liveIn(run.agent()), run.agent().k()));
                    if (status == RunStatus.IDLE || status == RunStatus.PAUSED) {
                        preview(); // show the new neighbourhood at once, without taking a step
                    }
                } catch (IllegalArgumentException | IllegalStateException ex) {
                    events.add(new RunEvent.Failed(ex.getMessage()));
                }
            }
        }
    }

    private boolean requireRun() {
        if (run == null) {
            events.add(new RunEvent.Failed("no agent: choose a preset or an env first"));
            return false;
        }
        return true;
    }

    private void trainStep() {
        run.step(); // the run's diagnostics record whether the chosen action was the nearest
        if (run.agent() instanceof WolpertingerAgent w) {
            searchRecall.afterStep(w);
        }
        long now = System.nanoTime();
        if (now - rateStartNanos >= RATE_WINDOW_NANOS) {
            stepsPerSecond = (run.steps() - rateStartSteps) / ((now - rateStartNanos) / 1e9);
            rateStartNanos = now;
            rateStartSteps = run.steps();
        }
        publish(false);
    }

    private void evalStep() {
        if (eval.step(run.agent())) {
            publish(true);
            finishEvaluation();
            return;
        }
        publish(false);
    }

    /** Ends the evaluation in progress: reports the finished episodes and resumes what ran before. */
    private void finishEvaluation() {
        Evaluating ev = eval;
        eval = null;
        if (!ev.returns.isEmpty()) {
            double[] r = ev.returns.stream().mapToDouble(Double::doubleValue).toArray();
            events.add(new RunEvent.Evaluated(runId, run.steps(), Evaluation.of(r)));
        }
        status = ev.resume == RunStatus.TRAINING ? RunStatus.TRAINING : ev.resume;
        rateStartNanos = System.nanoTime();
        rateStartSteps = run.steps();
        publish(true);
    }

    /** A greedy selection for the current state, so a paused view shows the effect of a change. */
    private void preview() {
        run.agent().act(run.observation(), false);
        latest.set(frame(run.env(), run.observation(), Double.NaN, run.lastAction(), false, true,
                run.episodeReturn(), lastReturn));
    }

    private void publish(boolean force) {
        if (run == null || !(force || latest.get() == null)) {
            return;
        }
        if (eval != null) {
            Evaluating ev = eval;
            latest.set(frame(ev.env, ev.obs, ev.lastStep == null ? Double.NaN : ev.lastStep.reward(),
                    ev.lastAction, false, ev.lastAction >= 0, ev.episodeReturn, ev.lastReturn));
        } else {
            Step s = run.lastStep();
            boolean warmup = run.lastAction() >= 0 && Double.isNaN(run.agent().lastQ());
            latest.set(frame(run.env(), run.observation(), s == null ? Double.NaN : s.reward(), run.lastAction(),
                    warmup, run.lastAction() >= 0, run.episodeReturn(), lastReturn));
        }
    }

    /**
     * Copies what the UI shows into a frame. The selection fields come from the agent's last
     * {@code act}; {@code acted} is the action index that was sent to the env (-1 if none yet).
     */
    private Frame frame(Env env, double[] obs, double reward, int acted, boolean warmup, boolean selected,
                        double episodeReturn, double lastEpisodeReturn) {
        Agent agent = run.agent();
        ActionSet actions = agent.actions();
        double[] envAction = acted >= 0 ? actions.envAction(acted) : new double[0];
        int[] candidates = new int[0];
        double[] q = new double[0];
        int first = -1;
        int last = -1;
        int chosen = -1;
        int nearest = -1;
        double chosenQ = Double.NaN;
        double[] proto = new double[0];
        double[] noisy = new double[0];
        double[] pi = new double[0];
        if (selected && agent instanceof AcerAgent acer) {
            // ACER scores every action: the candidates are all N (sampled evenly), with their Q values
            chosen = acer.lastChosen(); // the acted action, or the preview's greedy one
            chosenQ = agent.lastQ();
            FrameSampler.Sample sample = FrameSampler.all(acer, chosen);
            candidates = sample.indices();
            q = sample.q();
            pi = sample.pi();
            first = sample.first();
            last = sample.last();
        } else if (selected) {
            WolpertingerAgent wolpertinger = (WolpertingerAgent) agent;
            proto = wolpertinger.lastProtoAction().clone();
            noisy = wolpertinger.lastNoisyProtoAction().clone();
            WolpertingerPolicy policy = wolpertinger.policy();
            if (warmup) {
                chosen = acted;
            } else {
                chosen = policy.neighbours()[policy.lastBestPosition()];
                chosenQ = policy.qValues()[policy.lastBestPosition()];
                FrameSampler.Sample sample = actions.dim() == 1 ? sampler.line(policy, chosen)
                        : FrameSampler.nearest(policy, chosen);
                candidates = sample.indices();
                q = sample.q();
                first = sample.first();
                last = sample.last();
                nearest = actions.dim() > 1 ? policy.neighbours()[0] : -1;
            }
        }
        RunStatus st = status;
        Diagnostics diagnostics = run.diagnostics();
        // The action views show the chosen ≠ nearest share for d >= 2 only (on the 1-D axis it is the offset seen).
        boolean plane = actions.dim() > 1;
        return new Frame(runId, env.id(), st, env.state(), obs.clone(), reward, envAction, proto, noisy, warmup,
                first, last, candidates, q, chosen, chosenQ, run.steps(), run.episodes(), episodeReturn,
                lastEpisodeReturn, st == RunStatus.TRAINING || st == RunStatus.EVALUATING ? stepsPerSecond : 0,
                agent.k(), agent.noiseScale(), nearest, plane ? diagnostics.chosenNotNearest() : Double.NaN,
                plane ? diagnostics.selectionSteps() : 0, diagnostics, pi,
                agent instanceof WolpertingerAgent w ? w.search() : WolpertingerConfig.EXACT, searchRecall.recall(),
                searchRecall.checks());
    }
}

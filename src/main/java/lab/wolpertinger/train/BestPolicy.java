package lab.wolpertinger.train;

import java.util.function.Supplier;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.nn.ActorNet;
import lab.wolpertinger.nn.CriticNet;

/**
 * Keeps the best policy seen during training, judged by greedy validation episodes on seeds of
 * their own (distinct from training and from the final evaluation, so the final score is not
 * chosen on the episodes it reports). DDPG's policy can swing from one update to the next; a
 * user wants the best actor and critic the run produced, as Stable-Baselines3's EvalCallback
 * keeps a best model.
 *
 * <p>Owned by the training thread, like the agent whose weights it copies.
 */
public final class BestPolicy {
    private final ActorNet bestActor;
    private final CriticNet bestCritic;
    private final ActorNet spareActor;
    private final CriticNet spareCritic;
    private double bestMean = Double.NEGATIVE_INFINITY;
    private long bestStep = -1;

    /** Holders shaped like {@code agent}'s actor and critic. */
    public BestPolicy(WolpertingerAgent agent) {
        ActorNet a = agent.actor();
        CriticNet c = agent.critic();
        int h1 = agent.config().hidden1();
        int h2 = agent.config().hidden2();
        bestActor = new ActorNet(a.obsDim(), a.actionDim(), h1, h2, 0);
        spareActor = new ActorNet(a.obsDim(), a.actionDim(), h1, h2, 0);
        bestCritic = new CriticNet(c.obsDim(), c.actionDim(), h1, h2, 0);
        spareCritic = new CriticNet(c.obsDim(), c.actionDim(), h1, h2, 0);
    }

    /**
     * Records the agent's current nets if {@code validation} is at least as good as the best so
     * far (a later, longer-trained policy wins a tie). Returns true if it became the best.
     */
    public boolean offer(WolpertingerAgent agent, Evaluation validation, long step) {
        if (!(validation.meanReturn() >= bestMean)) {
            return false;
        }
        bestActor.copyParamsFrom(agent.actor());
        bestCritic.copyParamsFrom(agent.critic());
        bestMean = validation.meanReturn();
        bestStep = step;
        return true;
    }

    /** Runs {@code action} with the best nets swapped into {@code agent}, then puts the agent's own back. */
    public <T> T withBest(WolpertingerAgent agent, Supplier<T> action) {
        if (bestStep < 0) {
            return action.get();
        }
        spareActor.copyParamsFrom(agent.actor());
        spareCritic.copyParamsFrom(agent.critic());
        agent.actor().copyParamsFrom(bestActor);
        agent.critic().copyParamsFrom(bestCritic);
        try {
            return action.get();
        } finally {
            agent.actor().copyParamsFrom(spareActor);
            agent.critic().copyParamsFrom(spareCritic);
        }
    }

    /** Mean validation return of the best policy (-infinity before the first offer). */
    public double bestMean() {
        return bestMean;
    }

    /** Step at which the best policy was recorded, or -1. */
    public long bestStep() {
        return bestStep;
    }
}

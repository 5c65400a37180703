package lab.wolpertinger.train;

import java.util.ArrayList;
import java.util.List;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.env.Env;
import lab.wolpertinger.env.Step;

/**
 * A greedy evaluation in progress in the lab ({@link RunController}): its own env, reset from
 * {@code seedBase + episode} for each episode, stepped one greedy action at a time between the
 * controller's commands, so that it animates and can be cancelled. Training thread only.
 */
final class Evaluating {
    final Env env;
    final long seedBase;
    final int episodes;
    final boolean realTime;
    /** What the controller does when the evaluation ends. */
    final RunStatus resume;
    final List<Double> returns = new ArrayList<>();
    double[] obs;
    double episodeReturn;
    double lastReturn = Double.NaN;
    Step lastStep;
    int lastAction = -1;

    Evaluating(Env env, long seedBase, int episodes, boolean realTime, RunStatus resume) {
        this.env = env;
        this.seedBase = seedBase;
        this.episodes = episodes;
        this.realTime = realTime;
        this.resume = resume;
        this.obs = env.reset(seedBase);
    }

    /** One greedy step of {@code agent}; true when it ended the last episode. */
    boolean step(Agent agent) {
        int a = agent.act(obs, false);
        Step s = env.step(agent.actions().envAction(a));
        episodeReturn += s.reward();
        lastStep = s;
        lastAction = a;
        obs = s.observation();
        if (s.done()) {
            returns.add(episodeReturn);
            lastReturn = episodeReturn;
            episodeReturn = 0;
            if (returns.size() >= episodes) {
                return true;
            }
            obs = env.reset(seedBase + returns.size());
        }
        return false;
    }
}

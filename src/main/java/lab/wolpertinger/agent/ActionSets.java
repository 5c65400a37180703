package lab.wolpertinger.agent;

import lab.wolpertinger.env.Box;
import lab.wolpertinger.env.Discrete;
import lab.wolpertinger.env.Embedded;
import lab.wolpertinger.env.Space;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.DiscreteActionSet;
import lab.wolpertinger.knn.EmbeddedActionSet;
import lab.wolpertinger.knn.GridActionSet;

/**
 * The one place an env's action space becomes the discrete action set both agents act in (the
 * bridge between {@code env} and {@code knn}): every run, snapshot, sweep and CLI command builds
 * its set here, so that the same env, N and seed give the same actions everywhere.
 */
public final class ActionSets {

    private ActionSets() {
    }

    /**
     * The action set for an env's action space: a uniform grid of about {@code maxActions}
     * points in [-1, 1]^d for a box (mapped linearly to its bounds), or n evenly spaced points
     * for a discrete space (maxActions is then ignored), or the embedded items of an
     * {@link Embedded} space (the catalog's, already sized by the env).
     */
    public static ActionSet forSpace(Space space, int maxActions) {
        if (space instanceof Box box) {
            return new GridActionSet(maxActions, box.dim(), box.low(), box.high());
        }
        if (space instanceof Embedded items) {
            return new EmbeddedActionSet(items.n(), items.d(), items.table());
        }
        return new DiscreteActionSet(((Discrete) space).n());
    }
}

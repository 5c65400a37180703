package lab.wolpertinger.ui;

/**
 * The six stages of one Wolpertinger action selection, in the order the step-through shows them
 * (Dulac-Arnold et al. 2015, Algorithm 1: a = argmax over g_k(f(s)) of Q(s, a)). Each stage
 * adds its marks to the action view on top of the earlier stages' marks.
 */
enum SelectionStage {
    PROTO("actor → proto-action",
            "The actor maps the state s to a continuous proto-action â = f(s) in the action space."),
    NOISE("+ exploration noise",
            "While training, Gaussian noise moves the proto-action so the agent also tries other actions."),
    NEIGHBOURS("the k nearest",
            "A nearest-neighbour search returns the k discrete actions closest to the noisy proto-action."),
    Q_VALUES("the critic's Q for each",
            "The critic scores each of the k neighbours: Q(s, a), the return it expects after taking a."),
    ARGMAX("the argmax",
            "The neighbour with the highest Q is acted; it need not be the nearest one."),
    ENV_STEP("the env step and its reward",
            "The env applies the chosen action and returns the next state and the reward.");

    private final String title;
    private final String caption;

    SelectionStage(String title, String caption) {
        this.title = title;
        this.caption = caption;
    }

    /** "3 / 6  the k nearest": the stage's number and short name. */
    String heading() {
        return (ordinal() + 1) + " / " + values().length + "  " + title;
    }

    /** One sentence on what this stage does. */
    String caption() {
        return caption;
    }

    /** The next stage, or null after the env step. */
    SelectionStage next() {
        return ordinal() + 1 < values().length ? values()[ordinal() + 1] : null;
    }

    /** The previous stage, or this one at the start. */
    SelectionStage previous() {
        return ordinal() > 0 ? values()[ordinal() - 1] : this;
    }

    /** Whether a view stepping through {@code current} (null: not stepping, show everything) shows {@code part}. */
    static boolean shows(SelectionStage current, SelectionStage part) {
        return current == null || current.ordinal() >= part.ordinal();
    }
}

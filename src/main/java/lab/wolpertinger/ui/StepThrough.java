package lab.wolpertinger.ui;

import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import lab.wolpertinger.train.Frame;
import lab.wolpertinger.train.RunStatus;

/**
 * The presenter's step-through of one action selection (FX thread). {@link #advance()} (→)
 * takes one training step while paused and then reveals its {@link SelectionStage stages} one
 * at a time: the action views show only the marks up to the current stage, the caption says
 * what the stage does, and the env view keeps the state the agent saw until the env step, the
 * last stage, shows the next state and the reward. After that, → takes the next step.
 *
 * <p>Every frame already carries all six stages of its selection (proto-action, noisy
 * proto-action, neighbours, their Q values, the chosen action, the reward), so stepping through
 * asks the training thread for nothing but the one step.
 */
final class StepThrough {
    private final LabModel model;
    private final ActionSpaceView actionView;
    private final EmbeddingView embeddingView;
    private final EnvView envView;
    private final ReadOnlyObjectWrapper<SelectionStage> stage = new ReadOnlyObjectWrapper<>(this, "stage");
    private final Label heading = new Label();
    private final Label sentence = new Label();
    private final HBox caption = new HBox(heading, sentence);
    /** The frame before the step being shown: the state the agent acted on. */
    private Frame before;
    /** Waiting for the frame of the step that {@link #advance} asked for. */
    private boolean pending;
    private long pendingAfterStep;

    StepThrough(LabModel model, ActionSpaceView actionView, EmbeddingView embeddingView, EnvView envView) {
        this.model = model;
        this.actionView = actionView;
        this.embeddingView = embeddingView;
        this.envView = envView;
        heading.getStyleClass().add("step-heading");
        heading.setId("stepHeading");
        sentence.getStyleClass().add("step-caption");
        sentence.setId("stepCaption");
        sentence.setWrapText(true);
        sentence.setMinHeight(Region.USE_PREF_SIZE);
        heading.setMinWidth(Region.USE_PREF_SIZE);
        HBox.setHgrow(sentence, Priority.ALWAYS);
        caption.getStyleClass().add("step-through");
        caption.setId("stepThrough");
        caption.setVisible(false);
        caption.setManaged(false);
        stage.addListener((obs, a, s) -> apply());
        model.statusProperty().addListener((obs, a, s) -> {
            if (s == RunStatus.TRAINING || s == RunStatus.EVALUATING) {
                stop(); // the run moved on; the stages no longer describe what is shown
            }
        });
    }

    /** The caption strip for the action panel: visible while stepping through. */
    HBox caption() {
        return caption;
    }

    /** The stage shown, null when not stepping through. */
    ReadOnlyObjectProperty<SelectionStage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    /** → : the next stage, or (before the first and after the last stage) one training step. */
    void advance() {
        RunStatus s = model.statusProperty().get();
        if (s == RunStatus.TRAINING || s == RunStatus.EVALUATING) {
            model.pause();
            model.showMessage("Paused for the step-through: press → to take one step and show it stage by stage");
            return;
        }
        if (pending) {
            return; // the step is on its way
        }
        SelectionStage current = stage.get();
        if (current != null && current.next() != null) {
            stage.set(current.next());
            return;
        }
        Frame now = model.frameProperty().get();
        before = now;
        pendingAfterStep = now == null ? -1 : now.step();
        pending = true;
        model.stepOnce();
    }

    /** ← : the previous stage. */
    void back() {
        SelectionStage current = stage.get();
        if (current != null) {
            stage.set(current.previous());
        }
    }

    /** Esc: every mark again, the env view on the latest frame. */
    void stop() {
        pending = false;
        stage.set(null);
    }

    /**
     * Called for every new frame: the step asked for starts at stage 1 (or, in warm-up, where the
     * critic does not choose, at the env step). Returns the frame the env view should show.
     */
    Frame onFrame(Frame f) {
        if (pending && f != null && f.step() > pendingAfterStep) {
            pending = false;
            stage.set(f.hasSelection() ? SelectionStage.PROTO : SelectionStage.ENV_STEP);
            apply();
        }
        return envFrame(f);
    }

    private Frame envFrame(Frame latest) {
        SelectionStage s = stage.get();
        return s != null && s != SelectionStage.ENV_STEP && before != null ? before : latest;
    }

    private static String reward(SelectionStage s, Frame f) {
        return s == SelectionStage.ENV_STEP && f != null && !Double.isNaN(f.reward())
                ? String.format(java.util.Locale.ROOT, " Reward %.3f.", f.reward()) : "";
    }

    private void apply() {
        SelectionStage s = stage.get();
        actionView.setStage(s);
        embeddingView.setStage(s);
        caption.setVisible(s != null);
        caption.setManaged(s != null);
        Frame latest = model.frameProperty().get();
        if (s != null) {
            heading.setText(s.heading());
            sentence.setText(latest != null && !latest.hasSelection()
                    ? "Warm-up: this action was drawn uniformly at random; the actor and the critic choose once the "
                    + "replay buffer has filled. " + s.caption()
                    : s.caption() + reward(s, latest) + "  → next · ← back · Esc all");
        }
        if (latest != null) {
            envView.show(envFrame(latest));
        }
    }
}

package lab.wolpertinger.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;

/**
 * Presenter mode, for teaching with a projector ({@code View → Presenter mode},
 * {@code lab --presenter}): the controls' fonts ×1.5 (style class {@code presenter} on the
 * scene's root, see styles/lab.css), the advanced controls folded away (only k ratio and noise
 * stay, the two the lesson is about), and one or two sentences under each panel saying what it
 * shows. The step-through ({@link StepThrough}) works in both modes; here → drives it.
 */
final class PresenterMode {
    private final BooleanProperty on = new SimpleBooleanProperty(this, "presenter", false);
    private final List<Node> advanced = new ArrayList<>();
    private final List<Label> captions = new ArrayList<>();
    private Parent root;

    PresenterMode() {
        on.addListener((obs, a, b) -> apply());
    }

    /** The scene root that takes the {@code presenter} style class. */
    void attach(Parent sceneRoot) {
        this.root = sceneRoot;
        apply();
    }

    /** On or off. */
    BooleanProperty onProperty() {
        return on;
    }

    /** Hides {@code nodes} while presenting (they keep their values and keep working). */
    void fold(Node... nodes) {
        advanced.addAll(List.of(nodes));
        apply();
    }

    /** A caption for a panel, shown only while presenting. */
    Label caption(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE); // the view below shrinks, never the sentence
        l.getStyleClass().add("panel-caption");
        captions.add(l);
        apply();
        return l;
    }

    /** The first sentence of {@code text} (a preset's description), for a caption that fits a panel. */
    static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private void apply() {
        boolean presenting = on.get();
        if (root != null && presenting && !root.getStyleClass().contains("presenter")) {
            root.getStyleClass().add("presenter");
        } else if (root != null && !presenting) {
            root.getStyleClass().remove("presenter");
        }
        for (Node n : advanced) {
            n.setVisible(!presenting);
            n.setManaged(!presenting);
        }
        for (Label l : captions) {
            l.setVisible(presenting);
            l.setManaged(presenting);
        }
    }
}

package lab.wolpertinger.ui;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The lab's status bar: env, N, k, step, episode, last return, steps/s, what the training thread
 * does, frames/s, and the latest message, each bound to the model's properties.
 */
final class StatusBar {
    private StatusBar() {
    }

    /** The status bar of {@code model}'s run. */
    static HBox of(LabModel model) {
        HBox bar = new HBox(
                status("envLabel", Bindings.createStringBinding(() -> model.envIdProperty().get(), model.envIdProperty())),
                status("nLabel", Bindings.createStringBinding(
                        () -> String.format(Locale.ROOT, "N %,d", model.nProperty().get()), model.nProperty())),
                status("kStatus", Bindings.createStringBinding(
                        () -> String.format(Locale.ROOT, "k %,d", model.kProperty().get()), model.kProperty())),
                caption("step"), status("stepCounter", Bindings.createStringBinding(
                        () -> String.format(Locale.ROOT, "%,d", model.stepProperty().get()), model.stepProperty())),
                caption("episode"), status("episodeCounter", Bindings.createStringBinding(
                        () -> Integer.toString(model.episodeProperty().get()), model.episodeProperty())),
                caption("last return"), status("returnLabel", Bindings.createStringBinding(() -> {
                    double r = model.lastReturnProperty().get();
                    return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.1f", r);
                }, model.lastReturnProperty())),
                status("stepsPerSecondLabel", Bindings.createStringBinding(
                        () -> String.format(Locale.ROOT, "%.0f steps/s", model.stepsPerSecondProperty().get()),
                        model.stepsPerSecondProperty())),
                status("statusLabel", Bindings.createStringBinding(
                        () -> model.readyProperty().get() ? model.statusProperty().get().label() : "building agent",
                        model.statusProperty(), model.readyProperty())),
                status("fpsLabel", Bindings.createStringBinding(
                        () -> String.format(Locale.ROOT, "%.0f fps", model.framesPerSecondProperty().get()),
                        model.framesPerSecondProperty())));
        Label msg = new Label();
        msg.setId("messageLabel");
        msg.getStyleClass().add("message");
        msg.textProperty().bind(model.messageProperty());
        HBox.setHgrow(msg, Priority.ALWAYS);
        msg.setMaxWidth(Double.MAX_VALUE);
        bar.getChildren().add(msg);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(4, 10, 4, 10));
        return bar;
    }

    private static Label status(String id, StringBinding text) {
        Label l = new Label();
        l.setId(id);
        l.getStyleClass().add("status-value");
        l.textProperty().bind(text);
        return l;
    }

    private static Label caption(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("status-caption");
        return l;
    }

}

package lab.wolpertinger.ui;

import javafx.event.ActionEvent;
import javafx.event.EventHandler;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;

/** The lab's controls' common look: buttons with an id and a one-sentence tooltip, and that tooltip. */
final class Controls {

    private Controls() {
    }

    /** A button with a css id, an action and a one-sentence tooltip. */
    static Button button(String text, String id, EventHandler<ActionEvent> action, String tooltip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(tip(tooltip));
        b.setOnAction(action);
        return b;
    }

    /** A wrapped one-sentence tooltip, shown after 300 ms (every control of the lab uses this look). */
    static Tooltip tip(String text) {
        Tooltip t = new Tooltip(text);
        t.setWrapText(true);
        t.setMaxWidth(360);
        t.setShowDelay(Duration.millis(300));
        return t;
    }
}

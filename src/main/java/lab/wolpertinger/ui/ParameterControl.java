package lab.wolpertinger.ui;

import java.util.Locale;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import lab.wolpertinger.train.Parameter;

/**
 * A slider with a value field for one live {@link Parameter}, on a linear or log scale. Moving
 * the slider or typing a value (Enter) calls the model's command; the model's value moves the
 * slider back (after a reset or a preset), without sending a command.
 */
public final class ParameterControl {
    private final Parameter parameter;
    private final LabModel model;
    private final Label label;
    private final Slider slider;
    private final TextField field;
    private final boolean log;
    private double min;
    private double max;
    private boolean updating;

    /**
     * @param id base id: the nodes get {@code id + "Slider"} and {@code id + "Field"}
     * @param text the label text
     * @param tooltip one sentence for a student
     * @param min smallest value
     * @param max largest value
     * @param log whether the slider moves on a log10 scale
     */
    public ParameterControl(LabModel model, Parameter parameter, String id, String text, String tooltip,
                            double min, double max, boolean log) {
        this.model = model;
        this.parameter = parameter;
        this.log = log;
        this.label = new Label(text);
        this.slider = new Slider();
        this.field = new TextField();
        slider.setId(id + "Slider");
        field.setId(id + "Field");
        field.setPrefColumnCount(6);
        field.getStyleClass().add("value-field");
        // With the sidebar scrolling (a scroll bar less width) the grid shrinks: the slider gives way, not the value.
        field.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Tooltip tip = new Tooltip(tooltip);
        tip.setWrapText(true);
        tip.setMaxWidth(340);
        tip.setShowDelay(Duration.millis(300));
        label.setTooltip(tip);
        slider.setTooltip(tip);
        field.setTooltip(tip);
        setRange(min, max);
        slider.valueProperty().addListener((obs, a, b) -> {
            if (!updating) {
                double v = fromSlider(b.doubleValue());
                field.setText(LabModel.format(parameter, v));
                if (v != model.valueProperty(parameter).get()) {
                    model.setParameter(parameter, v);
                }
            }
        });
        field.setOnAction(e -> commitField());
        field.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                commitField();
            }
        });
        model.valueProperty(parameter).addListener((obs, a, b) -> show(b.doubleValue()));
        show(model.valueProperty(parameter).get());
    }

    /** Changes the slider's range (e.g. the k ratio's lower end 1/N when N changes). */
    public void setRange(double newMin, double newMax) {
        min = newMin;
        max = newMax;
        updating = true;
        slider.setMin(toSlider(min));
        slider.setMax(toSlider(max));
        updating = false;
        show(model.valueProperty(parameter).get());
    }

    private void commitField() {
        String text = field.getText().trim();
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            model.showMessage(label.getText() + ": '" + text + "' is not a number");
            show(model.valueProperty(parameter).get());
            return;
        }
        if (v == model.valueProperty(parameter).get()) {
            return;
        }
        if (!(v >= min && v <= max)) {
            model.showMessage(String.format(Locale.ROOT, "%s must be between %s and %s, got %s", label.getText(),
                    LabModel.format(parameter, min), LabModel.format(parameter, max), text));
            show(model.valueProperty(parameter).get());
            return;
        }
        model.setParameter(parameter, parameter == Parameter.BATCH_SIZE ? Math.round(v) : v);
    }

    private void show(double v) {
        updating = true;
        slider.setValue(toSlider(Math.max(min, Math.min(max, v))));
        field.setText(LabModel.format(parameter, v));
        updating = false;
    }

    private double toSlider(double v) {
        return log ? Math.log10(v) : v;
    }

    private double fromSlider(double s) {
        double v = log ? Math.pow(10, s) : s;
        return parameter == Parameter.BATCH_SIZE ? Math.max(1, Math.round(v)) : v;
    }

    /** The label. */
    public Label label() {
        return label;
    }

    /** The slider. */
    public Slider slider() {
        return slider;
    }

    /** The value field. */
    public TextField field() {
        return field;
    }

    /** The parameter this control sets. */
    public Parameter parameter() {
        return parameter;
    }
}

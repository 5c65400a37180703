package lab.wolpertinger.train;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import lab.wolpertinger.agent.Agent;
import lab.wolpertinger.agent.DivergedException;
import lab.wolpertinger.agent.WolpertingerAgent;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.agent.acer.AcerAgent;

/**
 * A diverged run explained in one line: where it diverged ({@link DivergedException}'s step,
 * quantity and value) and a likely cause, found by comparing the live learning rates with the
 * run's config ("the preset's") and with the env's default preset.
 *
 * @param step the env step whose update diverged
 * @param quantity what became non-finite
 * @param value its value
 * @param cause a likely cause, e.g. "critic lr 1000 is far above the preset's 0.001"
 * @param message the whole line: "diverged at step 1,234: critic loss is NaN; " + cause
 */
public record Divergence(long step, String quantity, double value, String cause, String message) {

    /** A learning rate this many times its reference's is called the likely cause. */
    static final double FAR_ABOVE = 10;

    /**
     * Explains {@code e}, thrown while training {@code agent} from {@code config} (the agent's live
     * values may differ from the config's after lab slider changes).
     */
    public static Divergence of(DivergedException e, Agent trained, WolpertingerConfig config) {
        String cause = likelyCause(trained, config);
        return new Divergence(e.step(), e.quantity(), e.value(), cause, e.getMessage() + "; " + cause);
    }

    /**
     * A likely cause of a failing update, in one sentence: a live learning rate far above the
     * run's config's ("the preset's") or the env's default preset's, else the learning rates
     * were not the cause and gamma or the reward scale are named. Reads a preset: call it once
     * per failure, not per step.
     */
    static String likelyCause(Agent trained, WolpertingerConfig config) {
        String defaultName = Presets.defaultFor(config.env(), config.agent());
        WolpertingerConfig defaults = Presets.load(defaultName, Map.of());
        if (trained instanceof AcerAgent acer) {
            double lr = acer.adam().learningRate();
            String cause = learningRateCause("lr", lr, config.lr(), defaults.lr(), defaultName);
            if (cause == null) {
                cause = String.format(Locale.ROOT, "lr %s is not far above %s's; likely gamma %s or the rewards are "
                        + "too large for the Q head (try a lower lr)", number(lr), defaultName, number(acer.gamma()));
            }
            return cause;
        }
        WolpertingerAgent agent = (WolpertingerAgent) trained;
        String cause = learningRateCause("critic lr", agent.criticAdam().learningRate(), config.criticLr(),
                defaults.criticLr(), defaultName);
        if (cause == null) {
            cause = learningRateCause("actor lr", agent.actorAdam().learningRate(), config.actorLr(),
                    defaults.actorLr(), defaultName);
        }
        if (cause == null) {
            cause = String.format(Locale.ROOT, "the learning rates (critic %s, actor %s) are not far above %s's; "
                            + "likely gamma %s or the rewards are too large for the critic (try lower learning rates)",
                    number(agent.criticAdam().learningRate()), number(agent.actorAdam().learningRate()), defaultName,
                    number(agent.gamma()));
        }
        return cause;
    }

    private static String learningRateCause(String name, double live, double preset, double defaultLr, String defaultName) {
        if (live >= FAR_ABOVE * preset) {
            return name + " " + number(live) + " is far above the preset's " + number(preset);
        }
        if (live >= FAR_ABOVE * defaultLr) {
            return name + " " + number(live) + " is far above the default preset " + defaultName + "'s " + number(defaultLr);
        }
        return null;
    }

    /** 3 significant digits, plain when that is short (0.001, 1000), else like 1e6 or 2.5e-7. */
    static String number(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return Double.toString(v);
        }
        BigDecimal d = new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros();
        double abs = Math.abs(v);
        if (abs >= 1e-4 && abs < 1e5) {
            return d.toPlainString();
        }
        return d.toString().replace("E+", "e").replace("E", "e");
    }
}

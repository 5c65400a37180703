package lab.wolpertinger.train;

/**
 * What explains a run that does not learn, as one immutable value: the critic's fit (TD error,
 * the Q values it gives against the range the rewards allow), the actor's gradient, how the
 * Wolpertinger step moves the action (how often the critic overrules the nearest action, and how
 * far from the proto-action it goes), the exploration noise, and a warning with its likely cause.
 *
 * <p>{@link DiagnosticsTracker} builds two kinds: a frame's (the last update's TD error, Q range
 * and gradient norm; the action figures over the last {@link Frame#RECENT_STEPS} scored steps)
 * and an episode's for {@code metrics.csv} (means, minimum and maximum over the episode's
 * updates and scored steps). A value is NaN when there was nothing to measure it on (before the
 * first update, during warm-up).
 *
 * @param tdError mean |delta| over the batch, delta_i = y_i - Q(s_i, a_i), y the critic's Bellman target
 * @param qMin smallest critic value Q(s_i, a_i) seen on the replayed batches
 * @param qMax largest such value
 * @param qLowBound the lowest Q the rewards allow, min(r_min, r_min / (1 - gamma)) (see {@code RewardRange})
 * @param qHighBound the highest Q the rewards allow, max(r_max, r_max / (1 - gamma))
 * @param actorGradNorm Euclidean norm of the actor's gradient (weight decay included)
 * @param chosenNotNearest share of scored steps whose chosen action was not the nearest to the noisy proto-action
 * @param chosenProtoDistance mean Euclidean distance, in the embedding, from the chosen action to the
 *                            noisy proto-action (the point the k nearest were searched around)
 * @param selectionSteps how many scored steps {@code chosenNotNearest} and {@code chosenProtoDistance} are over
 * @param noiseScale the exploration noise multiplier in force
 * @param warning "" when all is well, else what went wrong and its likely cause in one line (a frame: the
 *                warning in force; an episode: its first)
 */
public record Diagnostics(double tdError, double qMin, double qMax, double qLowBound, double qHighBound,
                          double actorGradNorm, double chosenNotNearest, double chosenProtoDistance,
                          int selectionSteps, double noiseScale, String warning) {

    /** Nothing measured yet (no run, or a frame from a test). */
    public static final Diagnostics NONE = new Diagnostics(Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN, "");

    /**
     * The {@code metrics.csv} columns this record adds after {@link EpisodeRecord}'s own (which
     * already has {@code noise_scale}, so the noise is not repeated).
     */
    public static final String CSV_HEADER = "td_error,q_min,q_max,q_low_bound,q_high_bound,actor_grad_norm,"
            + "chosen_not_nearest,chosen_proto_distance,warning";

    /** Checks the warning is not null. */
    public Diagnostics {
        if (warning == null) {
            throw new IllegalArgumentException("warning must not be null (use \"\" for none)");
        }
    }

    /** Whether a warning is raised. */
    public boolean warned() {
        return !warning.isEmpty();
    }

    /** Whether the Q values seen lie outside [qLowBound, qHighBound] (false when not measured). */
    public boolean qOutOfRange() {
        return qMin < qLowBound || qMax > qHighBound;
    }

    /** This record's {@link #CSV_HEADER} columns (doubles in round-trip form, the warning quoted when it has to be). */
    public String toCsv() {
        return tdError + "," + qMin + "," + qMax + "," + qLowBound + "," + qHighBound + "," + actorGradNorm + ","
                + chosenNotNearest + "," + chosenProtoDistance + "," + csvText(warning);
    }

    /** A figure for people: 3 significant digits as in {@link Divergence}'s messages, "0" for zero, "-" for NaN. */
    public static String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return v == 0 ? "0" : Divergence.number(v);
    }

    /** The text of a field written by {@link #csvText}: unquoted, its doubled quotes single again. */
    static String fromCsvText(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        if (field.indexOf('"') >= 0) {
            throw new IllegalArgumentException("a metrics warning with a quote must be quoted: " + field);
        }
        return field;
    }

    /** RFC 4180: a field with a comma, quote or line break goes in quotes, its quotes doubled. */
    static String csvText(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

package lab.wolpertinger.train;

/**
 * One finished training episode, as written to {@code metrics.csv}.
 *
 * @param episode 1-based episode number
 * @param step global env step count at the episode's end
 * @param episodeReturn undiscounted sum of rewards
 * @param length env steps in the episode
 * @param criticLoss mean critic MSE over the episode's updates (NaN if none)
 * @param actorQ mean Q(s, mu(s)) over the episode's updates (NaN if none)
 * @param k k in force at the episode's end
 * @param noiseScale exploration noise multiplier at the episode's end
 * @param terminated whether the episode ended in a terminal state (else by the time limit)
 * @param stepsPerSecond training throughput over the episode
 * @param wallSeconds seconds since training started
 * @param diagnostics the episode's diagnostics (TD error, Q range, ...; see {@link Diagnostics})
 */
public record EpisodeRecord(int episode, long step, double episodeReturn, int length, double criticLoss,
                            double actorQ, int k, double noiseScale, boolean terminated,
                            double stepsPerSecond, double wallSeconds, Diagnostics diagnostics) {

    /** The columns before the diagnostics, unchanged since the first metrics.csv (old files have only these). */
    public static final String BASE_CSV_HEADER =
            "episode,step,return,length,critic_loss,actor_q,k,noise_scale,terminated,steps_per_s,wall_s";

    /** CSV header matching {@link #toCsv()}: the base columns, then {@link Diagnostics#CSV_HEADER}'s. */
    public static final String CSV_HEADER = BASE_CSV_HEADER + "," + Diagnostics.CSV_HEADER;

    /** An episode without diagnostics ({@link Diagnostics#NONE}; tests). */
    public EpisodeRecord(int episode, long step, double episodeReturn, int length, double criticLoss,
                         double actorQ, int k, double noiseScale, boolean terminated,
                         double stepsPerSecond, double wallSeconds) {
        this(episode, step, episodeReturn, length, criticLoss, actorQ, k, noiseScale, terminated, stepsPerSecond,
                wallSeconds, Diagnostics.NONE);
    }

    /** Checks the diagnostics are present. */
    public EpisodeRecord {
        if (diagnostics == null) {
            throw new IllegalArgumentException("diagnostics must not be null (use Diagnostics.NONE)");
        }
    }

    /**
     * The record of one {@link #toCsv()} row: the base columns, then the diagnostics' or none (a
     * row written before they existed; its diagnostics are then {@link Diagnostics#NONE}).
     *
     * @throws IllegalArgumentException naming the column that does not parse
     */
    public static EpisodeRecord fromCsv(String row) {
        int base = BASE_CSV_HEADER.split(",").length;
        int all = CSV_HEADER.split(",").length;
        String[] c = row.split(",", all); // the warning, last, may hold commas
        if (c.length != base && c.length != all) {
            throw new IllegalArgumentException("a metrics row has " + base + " or " + all + " columns, got " + c.length);
        }
        Diagnostics d = Diagnostics.NONE;
        // An old row padded by a resume has empty diagnostics fields: it keeps NONE.
        if (c.length == all && !String.join("", java.util.Arrays.copyOfRange(c, base, all)).isEmpty()) {
            d = new Diagnostics(number(c, 11), number(c, 12), number(c, 13), number(c, 14), number(c, 15),
                    number(c, 16), number(c, 17), number(c, 18), 0, number(c, 7), Diagnostics.fromCsvText(c[19]));
        }
        long step;
        try {
            step = Long.parseLong(c[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics column step is not a whole number: " + c[1]);
        }
        return new EpisodeRecord(whole(c, 0), step, number(c, 2), whole(c, 3), number(c, 4), number(c, 5),
                whole(c, 6), number(c, 7), bool(c, 8), number(c, 9), number(c, 10), d);
    }

    private static double number(String[] c, int i) {
        try {
            return Double.parseDouble(c[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics column " + CSV_HEADER.split(",")[i] + " is not a number: " + c[i]);
        }
    }

    private static int whole(String[] c, int i) {
        try {
            return Integer.parseInt(c[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metrics column " + CSV_HEADER.split(",")[i] + " is not a whole number: " + c[i]);
        }
    }

    private static boolean bool(String[] c, int i) {
        if (!c[i].equals("true") && !c[i].equals("false")) {
            throw new IllegalArgumentException("metrics column " + CSV_HEADER.split(",")[i] + " is not true or false: " + c[i]);
        }
        return c[i].equals("true");
    }

    /** This record as one CSV row (doubles in round-trip form). */
    public String toCsv() {
        return episode + "," + step + "," + episodeReturn + "," + length + "," + criticLoss + "," + actorQ
                + "," + k + "," + noiseScale + "," + terminated + "," + stepsPerSecond + "," + wallSeconds
                + "," + diagnostics.toCsv();
    }
}

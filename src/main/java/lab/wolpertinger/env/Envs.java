package lab.wolpertinger.env;

import java.util.List;

/** The env registry: Gymnasium ids to fresh envs wrapped in their {@link TimeLimit}. */
public final class Envs {

    private static final List<String> IDS = List.of(Pendulum.ID, CartPole.ID, Catalog.ID);

    private Envs() {
    }

    /** A new env for {@code id} with {@link EnvOptions#none()} (the catalog's defaults). */
    public static Env make(String id) {
        return make(id, EnvOptions.none());
    }

    /**
     * A new env for {@code id}, wrapped in a {@link TimeLimit} of Gymnasium's
     * {@code max_episode_steps}: Pendulum-v1 200, CartPole-v1 500, Catalog-v0 100. Only the
     * catalog reads {@code options} (its items, dimension, seed and quality weight).
     *
     * @throws IllegalArgumentException if the id is unknown or the options are out of range
     */
    public static Env make(String id, EnvOptions options) {
        if (Catalog.ID.equals(id)) {
            CatalogItems items = CatalogItems.of(options.maxActions(), options.actionDim(), options.catalogSeed());
            return new TimeLimit(new Catalog(items, options.itemQuality()), Catalog.MAX_STEPS);
        }
        if (Pendulum.ID.equals(id)) {
            return new TimeLimit(new Pendulum(), 200);
        }
        if (CartPole.ID.equals(id)) {
            return new TimeLimit(new CartPole(), 500);
        }
        throw new IllegalArgumentException(unknown(id));
    }

    /**
     * Returns {@code id} if it names a known env.
     *
     * @throws IllegalArgumentException naming the id and the known ones otherwise
     */
    public static String requireKnown(String id) {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException(unknown(id));
        }
        return id;
    }

    /** The one-line message for an unknown env id. */
    public static String unknown(String id) {
        return "unknown env '" + id + "' (known: " + String.join(", ", IDS) + ")";
    }

    /** The known ids, in a fixed order. */
    public static List<String> ids() {
        return IDS;
    }
}

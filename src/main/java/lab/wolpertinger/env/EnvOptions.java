package lab.wolpertinger.env;

/**
 * The settings an env may take beyond its id: only {@code Catalog-v0} reads them today
 * (Pendulum's and CartPole's physics have none; Pendulum's N is the action grid's, not the env's).
 *
 * @param maxActions the catalog's number of items N
 * @param actionDim the catalog's embedding dimension d
 * @param catalogSeed the seed the catalog's items (embeddings and hidden qualities) are built from
 * @param itemQuality weight of the items' hidden quality in the user's choice, in [0, 1]; 0 is the control
 *                    setting, where the embedding alone decides and k should not matter
 */
public record EnvOptions(int maxActions, int actionDim, long catalogSeed, double itemQuality) {

    /** Options for envs that take none (Pendulum, CartPole): the catalog's defaults. */
    public static EnvOptions none() {
        return new EnvOptions(Catalog.DEFAULT_ITEMS, Catalog.DEFAULT_DIM, 0L, 1.0);
    }
}

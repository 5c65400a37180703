package lab.wolpertinger.env;

/** A Gymnasium space: a {@link Box} of doubles, a {@link Discrete} set of indices, or indices with embeddings ({@link Embedded}). */
public sealed interface Space permits Box, Discrete, Embedded {
}

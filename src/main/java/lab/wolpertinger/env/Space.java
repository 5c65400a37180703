package lab.wolpertinger.env;

/** A Gymnasium space: either a {@link Box} of doubles or a {@link Discrete} set of indices. */
public sealed interface Space permits Box, Discrete {
}

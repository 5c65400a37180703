package lab.wolpertinger.nn;

/**
 * The one thread allowed to use a network's (or optimiser's) ND4J arrays. The first checked
 * use claims it; a use from any other thread afterwards fails at once, naming both threads,
 * instead of racing on native memory (a heap corrupted that way dies much later, e.g. with
 * "malloc(): unaligned tcache chunk detected"). Called as {@code assert owner.check("...")},
 * so it costs nothing unless assertions are on (they are in the tests: surefire runs with -ea).
 */
public final class OwningThread {
    private volatile Thread owner;

    /**
     * Claims the calling thread on first use, else checks that it is the owner.
     *
     * @param what the object being used, for the message
     * @return true (for {@code assert})
     * @throws IllegalStateException when another thread owns it
     */
    public boolean check(String what) {
        Thread me = Thread.currentThread();
        Thread t = owner;
        if (t == null) {
            owner = me;
        } else if (t != me) {
            throw new IllegalStateException(what + " used on thread '" + me.getName() + "' but owned by thread '"
                + t.getName() + "': ND4J arrays belong to the thread that trains them");
        }
        return true;
    }
}

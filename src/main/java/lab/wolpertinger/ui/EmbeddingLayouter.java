package lab.wolpertinger.ui;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.concurrent.Task;
import lab.wolpertinger.knn.ActionSet;

/**
 * The embedding view's layout of the current action set, for d >= 2: reused when a new agent
 * has the same catalog, else computed once on a background thread (PCA and N projections) and
 * then set on the FX thread. Used from the FX thread.
 */
final class EmbeddingLayouter {

    private final ReadOnlyObjectWrapper<EmbeddingLayout> layout;
    private final ExecutorService executor = daemonThread("embedding-layout");

    EmbeddingLayouter(Object bean) {
        this.layout = new ReadOnlyObjectWrapper<>(bean, "embeddingLayout");
    }

    /** A single-thread executor on a daemon thread called {@code name}. */
    static ExecutorService daemonThread(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Lays {@code set} out (null for d < 2). A background result is kept only if
     * {@code stillWanted} holds when it arrives; a failure goes to {@code onError} as one line.
     */
    void layOut(ActionSet set, BooleanSupplier stillWanted, Consumer<String> onError) {
        EmbeddingLayout current = layout.get();
        if (set.dim() < 2) {
            layout.set(null);
            return;
        }
        if (current != null && current.fits(set)) {
            layout.set(current.withActions(set));
            return;
        }
        layout.set(null);
        Task<EmbeddingLayout> task = new Task<>() {
            @Override
            protected EmbeddingLayout call() {
                return EmbeddingLayout.of(set);
            }
        };
        task.setOnSucceeded(e -> {
            if (stillWanted.getAsBoolean()) {
                layout.set(task.getValue());
            }
        });
        task.setOnFailed(e -> onError.accept("cannot lay out the embedding view: " + task.getException()));
        executor.execute(task);
    }

    /** The current layout (null while computing, or for d < 2). */
    ReadOnlyObjectProperty<EmbeddingLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    /** Stops the background thread. */
    void close() {
        executor.shutdownNow();
    }
}

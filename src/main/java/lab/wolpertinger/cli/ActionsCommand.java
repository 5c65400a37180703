package lab.wolpertinger.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.snapshot.SafeTensors;
import lab.wolpertinger.snapshot.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code actions}: writes the action table the neighbour search uses, tensor {@code embedding}
 * [N, d] F32, built exactly as {@code train} with the same {@code --env}, {@code --max-actions},
 * {@code --preset} and {@code --seed} builds it. Distance is squared Euclidean on these
 * coordinates, ties by index.
 */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "Write the action set's embeddings (tensor 'embedding' [N, d], F32) to a safetensors file.")
final class ActionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ActionSetOptions actionSet;

    @Option(names = "--out", required = true, paramLabel = "F.safetensors", description = "Output file.")
    Path out;

    @Override
    public Integer call() {
        ActionSet actions = actionSet.actionSet(null);
        int n = actions.size();
        int d = actions.dim();
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("N * d = " + ((long) n * d) + " values do not fit one tensor; lower --max-actions");
        }
        float[] data = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                data[i * d + j] = (float) actions.coordinate(i, j);
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        tensors.put("embedding", new Tensor(new int[] {n, d}, data));
        try {
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(out, SafeTensors.encode(tensors, Map.of("env", actionSet.env, "distance", "squared euclidean, ties by index")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --out " + out + ": " + e.getMessage(), e);
        }
        PrintWriter err = spec.commandLine().getErr();
        err.printf("wrote %s: embedding [%d, %d]%n", out, n, d);
        err.flush();
        return 0;
    }
}

package lab.wolpertinger.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.NeighbourSearch;
import lab.wolpertinger.knn.Searches;
import lab.wolpertinger.nn.Nd4jRuntime;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code neighbours}: the k nearest actions of each query row of a CSV (a header, then d numbers
 * per row), one CSV line of k indices per query on stdout, nearest first, over the action set
 * {@code train} would build from the same flags. Timings go to stderr.
 */
@Command(name = "neighbours", mixinStandardHelpOptions = true,
        description = "Print the K nearest action indices of each query in a CSV, one line per query, nearest first.")
final class NeighboursCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ActionSetOptions actionSet;

    @Option(names = "--k", required = true, paramLabel = "K", description = "Neighbours per query, 1..N.")
    int k;

    @Option(names = "--queries", required = true, paramLabel = "Q.csv", description = "CSV with a header and d columns.")
    Path queries;

    @Option(names = "--search", paramLabel = "exact|approx", description = "Neighbour search (default: the preset's search).")
    String search;

    @Override
    public Integer call() {
        WolpertingerConfig config = actionSet.config(search);
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        ActionSet actions = actionSet.actionSet(search);
        int n = actions.size();
        int d = actions.dim();
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("--k must be in [1, N=" + n + "], got " + k);
        }
        List<double[]> rows = readQueries(queries, d);
        Nd4jRuntime.init(); // single-threaded BLAS for the exact brute force
        long t1 = System.nanoTime();
        NeighbourSearch searcher = Searches.of(actions, config.search());
        searcher.nearest(rows.isEmpty() ? new double[d] : rows.get(0), k, new int[k]); // builds the index
        long t2 = System.nanoTime();
        PrintWriter out = spec.commandLine().getOut();
        int[] result = new int[k];
        StringBuilder line = new StringBuilder();
        for (double[] q : rows) {
            searcher.nearest(q, k, result);
            line.setLength(0);
            for (int i = 0; i < k; i++) {
                if (i > 0) {
                    line.append(',');
                }
                line.append(result[i]);
            }
            out.println(line);
        }
        out.flush();
        long t3 = System.nanoTime();
        err.printf("neighbours: %s N=%d d=%d k=%d search=%s queries=%d  actions %.1f ms, index %.1f ms, queries %.1f ms (%.1f us each)%n",
                config.env(), n, d, k, config.search(), rows.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
                rows.isEmpty() ? 0.0 : (t3 - t2) / 1e3 / rows.size());
        err.flush();
        return 0;
    }

    /** The query rows: a header, then d finite numbers per non-blank line. */
    static List<double[]> readQueries(Path file, int d) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) {
                throw new IllegalArgumentException(file + " is empty; expected a header and rows of d=" + d + " numbers");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (cells.length != d) {
                    throw new IllegalArgumentException(file + " line " + lineNo + ": " + cells.length
                            + " columns, expected d=" + d + " (one per embedding coordinate)");
                }
                double[] q = new double[d];
                for (int j = 0; j < d; j++) {
                    try {
                        q[j] = Double.parseDouble(cells[j].trim());
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException(file + " line " + lineNo + " column " + (j + 1) + ": '"
                                + cells[j].trim() + "' is not a number");
                    }
                    if (Double.isNaN(q[j])) {
                        throw new IllegalArgumentException(file + " line " + lineNo + " column " + (j + 1) + ": NaN is not a query coordinate");
                    }
                }
                rows.add(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --queries " + file + ": " + e.getMessage(), e);
        }
        return rows;
    }
}

package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lab.wolpertinger.knn.ActionSet;
import lab.wolpertinger.knn.BruteForceSearch;
import lab.wolpertinger.snapshot.SafeTensors;
import lab.wolpertinger.snapshot.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code actions} and {@code neighbours}: the table train would use, and its exact k nearest. */
class NeighboursCliTest {

    @TempDir
    Path dir;

    private Path queries(String... lines) throws Exception {
        Path q = dir.resolve("q" + lines.length + Math.abs(Arrays.hashCode(lines)) + ".csv");
        Files.writeString(q, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return q;
    }

    private static ActionSetOptions options(String env, int maxActions, long seed) {
        ActionSetOptions o = new ActionSetOptions();
        o.env = env;
        o.maxActions = maxActions;
        o.seed = seed;
        return o;
    }

    @Test
    void actionsWritesTheEmbeddingTrainUses() throws Exception {
        Path out = dir.resolve("a.safetensors");
        CliTest.Result r = CliTest.cli("actions", "--env", "Catalog-v0", "--max-actions", "3000", "--seed", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Map<String, Tensor> t = SafeTensors.decode(Files.readAllBytes(out), out.toString(), Map.of("embedding", new int[] {3000, 16}));
        ActionSet set = options("Catalog-v0", 3000, 4L).actionSet(null);
        float[] data = t.get("embedding").data();
        for (int i = 0; i < 3000; i++) {
            for (int j = 0; j < 16; j++) {
                assertEquals((float) set.coordinate(i, j), data[i * 16 + j]);
            }
        }
        Path pend = dir.resolve("p.safetensors");
        assertEquals(0, CliTest.cli("actions", "--env", "Pendulum-v1", "--max-actions", "101", "--out", pend.toString()).code());
        Tensor p = SafeTensors.decode(Files.readAllBytes(pend), pend.toString(), Map.of("embedding", new int[] {101, 1})).get("embedding");
        assertEquals(-1f, p.data()[0]);
        assertEquals(1f, p.data()[100]);
    }

    @Test
    void neighboursEqualBruteForce() throws Exception {
        StringBuilder csv = new StringBuilder("e0");
        for (int j = 1; j < 16; j++) {
            csv.append(",e").append(j);
        }
        java.util.Random rnd = new java.util.Random(5);
        double[][] qs = new double[6][16];
        String[] lines = new String[qs.length + 1];
        lines[0] = csv.toString();
        for (int r = 0; r < qs.length; r++) {
            StringBuilder row = new StringBuilder();
            for (int j = 0; j < 16; j++) {
                qs[r][j] = r == 5 ? 0.0 : rnd.nextDouble() * 2 - 1;
                row.append(j > 0 ? "," : "").append(qs[r][j]);
            }
            lines[r + 1] = row.toString();
        }
        Path q = queries(lines);
        CliTest.Result r = CliTest.cli("neighbours", "--env", "Catalog-v0", "--max-actions", "5000", "--seed", "2", "--k", "50",
                "--queries", q.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("ms"), r.err());
        List<String> out = r.out().strip().lines().toList();
        assertEquals(qs.length, out.size());
        BruteForceSearch oracle = new BruteForceSearch(options("Catalog-v0", 5000, 2L).actionSet(null));
        int[] expected = new int[50];
        for (int i = 0; i < qs.length; i++) {
            oracle.nearest(qs[i], 50, expected);
            assertArrayEquals(expected, Arrays.stream(out.get(i).split(",")).mapToInt(Integer::parseInt).toArray(), "row " + i);
        }
        CliTest.Result approx = CliTest.cli("neighbours", "--env", "Catalog-v0", "--max-actions", "5000", "--seed", "2", "--k", "50",
                "--queries", q.toString(), "--search", "approx");
        assertEquals(0, approx.code(), approx.err());
        for (String line : approx.out().strip().lines().toList()) {
            Set<String> distinct = new HashSet<>(Arrays.asList(line.split(",")));
            assertEquals(50, distinct.size(), line);
        }
        // every env: Pendulum's grid, d = 1
        CliTest.Result pend = CliTest.cli("neighbours", "--env", "Pendulum-v1", "--max-actions", "11", "--k", "3",
                "--queries", queries("torque", "0.05", "-2").toString());
        assertEquals(0, pend.code(), pend.err());
        assertEquals(List.of("5,6,4", "0,1,2"), pend.out().strip().lines().toList());
    }

    @Test
    void badInputIsOneLineAndExitTwo() throws Exception {
        Path q = queries("a,b", "1,2");
        for (String[] args : new String[][] {
            {"--k", "3", "--queries", q.toString()}, // 2 columns, d = 16
            {"--k", "0", "--queries", q.toString()},
            {"--k", "3001", "--queries", q.toString()},
            {"--k", "3", "--queries", queries("h", String.join(",", java.util.Collections.nCopies(15, "0")) + ",x").toString()},
            {"--k", "3", "--queries", dir.resolve("missing.csv").toString()},
            {"--k", "3", "--queries", q.toString(), "--search", "fuzzy"},
        }) {
            String[] full = new String[args.length + 5];
            System.arraycopy(new String[] {"neighbours", "--env", "Catalog-v0", "--max-actions", "3000"}, 0, full, 0, 5);
            System.arraycopy(args, 0, full, 5, args.length);
            CliTest.Result r = CliTest.cli(full);
            assertEquals(2, r.code(), Arrays.toString(args) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
            assertTrue(r.err().startsWith("error: "), r.err());
        }
    }
}

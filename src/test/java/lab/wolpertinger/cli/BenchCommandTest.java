package lab.wolpertinger.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code bench} at tiny sizes: one JSON object per line with the documented fields (no timing checks). */
class BenchCommandTest {

    @Test
    void printsOneJsonLinePerCaseWithTheDocumentedFields() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"bench", "--tiny"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().strip().split("\n")) {
            lines.add(json.readTree(line));
        }
        Set<String> kinds = new TreeSet<>();
        JsonNode acer = null;
        JsonNode ratios = lines.remove(lines.size() - 1);
        assertEquals("ratios", ratios.get("case").asText(), "the last line holds the ratios of this run");
        assertTrue(ratios.get("catalog_select_approx_vs_exact").asDouble() > 0, ratios.toString());
        for (JsonNode j : lines) {
            String kind = j.get("case").asText();
            kinds.add(kind + (j.has("path") && kind.equals("select") ? ":" + j.get("path").asText() : "")
                    + (j.has("search") ? ":" + j.get("search").asText() : ""));
            if (j.has("search") || j.path("env").asText().equals("Catalog-v0") && kind.equals("select")) {
                assertEquals("Catalog-v0", j.get("env").asText());
                double recall = j.get("recall").asDouble();
                assertTrue(recall > 0.5 && recall <= 1.0, j.toString());
            }
            if (kind.equals("roofline")) {
                assertTrue(j.get("gflops").asDouble() > 0, j.toString());
                assertEquals(lab.wolpertinger.bench.DenseCost.flops(lab.wolpertinger.bench.DenseCost.step(
                        3, 1, 256, 128, 64, false)), j.get("flops_per_step").asLong(), "Pendulum's default nets at B = 64");
                assertEquals(1, j.get("threads").asInt());
                continue;
            }
            assertTrue(j.get("n").asInt() >= 1, j.toString());
            assertTrue(j.get("k").asInt() >= 1, j.toString());
            assertTrue(j.has("env"), j.toString());
            if (kind.equals("train")) {
                assertTrue(j.get("steps_per_s").asDouble() > 0, j.toString());
                if (j.get("agent").asText().equals("acer")) {
                    acer = j;
                }
                assertTrue(j.has("peak_rss_mb"), j.toString());
                if (j.get("agent").asText().equals("acer")) {
                    assertTrue(!j.has("efficiency"), "the dense-layer model is Wolpertinger's: " + j);
                    continue;
                }
                assertTrue(j.get("flops_per_step").asLong() > 0, j.toString());
                assertTrue(j.get("roofline_gflops").asDouble() > 0, j.toString());
                double e = j.get("efficiency").asDouble();
                assertEquals(j.get("steps_per_s").asDouble() * j.get("flops_per_step").asLong()
                        / (j.get("roofline_gflops").asDouble() * 1e9), e, 0.002 + 0.05 * e, j.toString()); // roofline_gflops is rounded
            } else {
                assertTrue(j.get("median_us").asDouble() > 0, j.toString());
                assertTrue(j.get("p90_us").asDouble() >= j.get("median_us").asDouble(), j.toString());
                assertTrue(j.has("d"), j.toString());
            }
        }
        assertEquals(Set.of("roofline", "scale", "select:approx", "select:exact", "select:fast", "select:naive", "select:split", "train"), kinds);
        assertTrue(acer != null, "an ACER train case");
        assertEquals("Pendulum-v1", acer.get("env").asText());
        assertEquals(51, acer.get("n").asInt());
        assertEquals(51, acer.get("k").asInt(), "ACER scores all N");
    }

    @Test
    void ratiosAreTakenFromTheCasesOfOneRun() throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = List.of(
                json.readTree("{\"case\":\"train\",\"env\":\"Pendulum-v1\",\"k\":20000,\"steps_per_s\":100}"),
                json.readTree("{\"case\":\"train\",\"env\":\"Pendulum-v1\",\"k\":200,\"steps_per_s\":800}"),
                json.readTree("{\"case\":\"train\",\"env\":\"Catalog-v0\",\"k\":1000,\"steps_per_s\":200}"),
                json.readTree("{\"case\":\"select\",\"env\":\"Catalog-v0\",\"search\":\"exact\",\"median_us\":400}"),
                json.readTree("{\"case\":\"select\",\"env\":\"Catalog-v0\",\"search\":\"approx\",\"median_us\":100}"));
        JsonNode r = BenchCommand.ratios(lines);
        assertEquals(0.25, r.get("catalog_train_vs_pendulum_k200").asDouble());
        assertEquals(0.25, r.get("catalog_select_approx_vs_exact").asDouble());
        assertTrue(!BenchCommand.ratios(lines.subList(0, 1)).has("catalog_train_vs_pendulum_k200"));
    }

    @Test
    void speedAgainstNMeasuresBothAgentsAtEachNAndDrawsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path png = dir.resolve("plots/speed.png");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"bench", "--tiny", "--speed-vs-n", png.toString()}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(0, code, err.toString());
        ObjectMapper json = new ObjectMapper();
        Set<String> cases = new TreeSet<>();
        for (String line : out.toString().strip().split("\n")) {
            JsonNode j = json.readTree(line);
            assertEquals("train", j.get("case").asText(), line);
            assertTrue(j.get("steps_per_s").asDouble() > 0, line);
            int n = j.get("n").asInt();
            assertEquals(j.get("agent").asText().equals("acer") ? n : Math.max(1, n / 1000), j.get("k").asInt(), line);
            cases.add(j.get("agent").asText() + " " + n);
        }
        assertEquals(Set.of("acer 201", "acer 51", "wolpertinger 201", "wolpertinger 51"), cases);
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(lab.wolpertinger.bench.SpeedPlot.WIDTH, img.getWidth());
        assertEquals(lab.wolpertinger.bench.SpeedPlot.HEIGHT, img.getHeight());
        assertTrue(err.toString().contains("wrote " + png), err.toString());
    }
}

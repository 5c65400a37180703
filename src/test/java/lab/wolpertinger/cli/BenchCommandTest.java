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
        for (JsonNode j : lines) {
            String kind = j.get("case").asText();
            kinds.add(kind + (j.has("path") && kind.equals("select") ? ":" + j.get("path").asText() : "")
                    + (j.has("search") ? ":" + j.get("search").asText() : ""));
            if (j.has("search")) {
                assertEquals("Catalog-v0", j.get("env").asText());
                double recall = j.get("recall").asDouble();
                assertTrue(recall > 0.5 && recall <= 1.0, j.toString());
            }
            assertTrue(j.get("n").asInt() >= 1, j.toString());
            assertTrue(j.get("k").asInt() >= 1, j.toString());
            assertTrue(j.has("env"), j.toString());
            if (kind.equals("train")) {
                assertTrue(j.get("steps_per_s").asDouble() > 0, j.toString());
                assertTrue(j.has("peak_rss_mb"), j.toString());
            } else {
                assertTrue(j.get("median_us").asDouble() > 0, j.toString());
                assertTrue(j.get("p90_us").asDouble() >= j.get("median_us").asDouble(), j.toString());
                assertTrue(j.has("d"), j.toString());
            }
        }
        assertEquals(Set.of("scale", "select:approx", "select:exact", "select:fast", "select:naive", "select:split", "train"), kinds);
    }
}

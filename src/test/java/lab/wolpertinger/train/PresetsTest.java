package lab.wolpertinger.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PresetsTest {

    @TempDir
    Path dir;

    @Test
    void bundledPresetsLoad() {
        WolpertingerConfig p = Presets.load("pendulum-200k", Map.of());
        assertEquals("Pendulum-v1", p.env());
        assertEquals(200_000, p.maxActions());
        WolpertingerConfig ref = Presets.load("pendulum-200k-reference", Map.of());
        assertEquals(1e-4, ref.actorLr());
        assertEquals(1e-3, ref.criticLr());
        assertEquals(1e-4, ref.criticWeightDecay());
        assertEquals(64, ref.batchSize());
        assertEquals(128, ref.warmupSteps());
        assertEquals(0.001, ref.tau());
        assertEquals("ou", ref.noiseType());
        assertEquals(0.15, ref.ouTheta());
        assertEquals(0.2, ref.ouSigma());
        assertEquals(80_000, ref.noiseDecaySteps());
        assertEquals(0.1, ref.kRatio());
        assertEquals("CartPole-v1", Presets.load("cartpole", Map.of()).env());
    }

    @Test
    void overridesApplyAndAreValidated() {
        WolpertingerConfig c = Presets.load("cartpole", Map.of("seed", 7L, "steps", 123));
        assertEquals(7L, c.seed());
        assertEquals(123, c.steps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Presets.load("cartpole", Map.of("kRatio", 2.0)));
        assertTrue(e.getMessage().contains("kRatio"), e.getMessage());
    }

    @Test
    void badFilesNameTheFileAndTheKey() throws Exception {
        Path f = dir.resolve("p.json");
        Files.writeString(f, "{\"kRatoi\": 0.1}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.load(f.toString(), Map.of()));
        assertTrue(e.getMessage().contains("p.json") && e.getMessage().contains("kRatoi"), e.getMessage());

        Files.writeString(f, "{\"batchSize\": \"many\"}");
        e = assertThrows(IllegalArgumentException.class, () -> Presets.load(f.toString(), Map.of()));
        assertTrue(e.getMessage().contains("batchSize") && e.getMessage().contains("whole number"), e.getMessage());

        Files.writeString(f, "{\"tau\": 3}");
        e = assertThrows(IllegalArgumentException.class, () -> Presets.load(f.toString(), Map.of()));
        assertTrue(e.getMessage().contains("p.json") && e.getMessage().contains("tau must be in (0, 1]"), e.getMessage());

        Files.writeString(f, "{\"tau\": ");
        e = assertThrows(IllegalArgumentException.class, () -> Presets.load(f.toString(), Map.of()));
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());

        e = assertThrows(IllegalArgumentException.class, () -> Presets.load(dir.toString(), Map.of()));
        assertTrue(e.getMessage().contains("directory"), e.getMessage());
    }

    @Test
    void everyErrorNamesFileKeyAndAllowedRange() throws Exception {
        Path f = dir.resolve("r.json");
        String[][] cases = {
            {"{\"batchSize\": \"many\"}", "batchSize", ">= 1"},
            {"{\"gamma\": true}", "gamma", "in [0, 1]"},
            {"{\"gamma\": 1.5}", "gamma", "in [0, 1]"},
            {"{\"hidden1\": 0}", "hidden1", ">= 1"},
            {"{\"actorLr\": -1}", "actorLr", "> 0"},
            {"{\"noiseType\": \"pink\"}", "noiseType", "'gaussian' or 'ou'"},
            {"{\"env\": \"Acrobot-v1\"}", "env", "Pendulum-v1, CartPole-v1 or Catalog-v0"},
            {"{\"env\": 3}", "env", "Pendulum-v1, CartPole-v1 or Catalog-v0"},
            {"{\"maxActions\": 1e12}", "maxActions", ">= 1"},
        };
        for (String[] c : cases) {
            Files.writeString(f, c[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Presets.load(f.toString(), Map.of()));
            String m = e.getMessage();
            assertTrue(m.contains("r.json") && m.contains(c[1]) && m.contains(c[2]), c[0] + " -> " + m);
        }
    }

    @Test
    void jsonRoundTrip() {
        WolpertingerConfig c = Presets.load("pendulum-200k-reference", Map.of());
        assertEquals(c, Presets.parse(Presets.toJson(c), "round trip"));
    }
}

package lab.wolpertinger.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lab.wolpertinger.agent.WolpertingerConfig;
import lab.wolpertinger.env.Envs;

/**
 * Named configurations in JSON ({@code presets/NAME.json}): an object whose keys are
 * {@link WolpertingerConfig} component names; missing keys keep the defaults. Unknown keys,
 * wrong types and out-of-range values are errors naming the source, the key and what is allowed.
 *
 * <p>A preset is looked up as a file path first, then as {@code presets/NAME.json} under the
 * working directory, then among the presets bundled in the jar.
 */
public final class Presets {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Class<?>> KEYS = new LinkedHashMap<>();
    /** The allowed values of each key, as the config's validation states them (for type errors). */
    private static final Map<String, String> RANGES = Map.ofEntries(
            Map.entry("env", "Pendulum-v1, CartPole-v1 or Catalog-v0"), Map.entry("maxActions", ">= 1"),
            Map.entry("kRatio", "in (0, 1]"), Map.entry("hidden1", ">= 1"), Map.entry("hidden2", ">= 1"),
            Map.entry("actorLr", "> 0"), Map.entry("criticLr", "> 0"), Map.entry("actorWeightDecay", ">= 0"),
            Map.entry("criticWeightDecay", ">= 0"), Map.entry("gamma", "in [0, 1]"), Map.entry("tau", "in (0, 1]"),
            Map.entry("batchSize", ">= 1"), Map.entry("bufferCapacity", ">= batchSize"),
            Map.entry("warmupSteps", ">= 0"), Map.entry("noiseType", "gaussian or ou"),
            Map.entry("noiseScale", ">= 0"), Map.entry("noiseFinalScale", ">= 0"),
            Map.entry("noiseDecaySteps", ">= 0"), Map.entry("ouTheta", ">= 0"), Map.entry("ouSigma", ">= 0"),
            Map.entry("ouDt", "> 0"), Map.entry("steps", ">= 0"), Map.entry("evalEpisodes", ">= 0"),
            Map.entry("seed", "any 64-bit whole number"), Map.entry("actionDim", "in [2, 64]"),
            Map.entry("catalogSeed", "any 64-bit whole number"), Map.entry("itemQuality", "in [0, 1]"),
            Map.entry("search", "exact or approx"), Map.entry("targetMode", "wolpertinger or proto"),
            Map.entry("agent", "wolpertinger or acer"), Map.entry("replayRatio", ">= 0"),
            Map.entry("trustRegion", "true or false"), Map.entry("delta", "> 0"), Map.entry("c", "> 0"),
            Map.entry("entropyWeight", ">= 0"), Map.entry("averageDecay", "in [0, 1)"), Map.entry("workers", "in [1, 64], above 1 only for acer"),
            Map.entry("lr", "> 0"), Map.entry("maxGradNorm", "> 0"), Map.entry("traceLength", ">= 0 (0: whole episodes)"),
            Map.entry("trajectoryCapacity", ">= 1"),
            Map.entry("policyGradient", "acer or beta-loo"));

    static {
        for (RecordComponent c : WolpertingerConfig.class.getRecordComponents()) {
            KEYS.put(c.getName(), c.getType());
        }
    }

    private Presets() {
    }

    /**
     * The default preset name for an env id and an agent ({@code null} or {@code wolpertinger}: the
     * env's Wolpertinger preset; {@code acer}: its ACER preset, e.g. {@code cartpole-acer}).
     */
    public static String defaultFor(String envId, String agent) {
        String base = defaultFor(envId);
        if (agent == null || !lab.wolpertinger.agent.Agent.ACER.equalsIgnoreCase(agent)) {
            return base;
        }
        return switch (envId) {
            case "CartPole-v1" -> "cartpole-acer";
            case "Catalog-v0" -> "catalog-acer";
            default -> "pendulum-acer";
        };
    }

    /** The default (Wolpertinger) preset name for an env id. */
    public static String defaultFor(String envId) {
        return switch (envId) {
            case "CartPole-v1" -> "cartpole";
            case "Catalog-v0" -> "catalog";
            default -> "pendulum-200k";
        };
    }

    /**
     * Resolves {@code nameOrFile} to a config, then applies {@code overrides} (same keys,
     * e.g. from CLI flags), validating everything.
     *
     * @throws PresetException naming the file and the key on any problem
     */
    public static WolpertingerConfig load(String nameOrFile, Map<String, Object> overrides) {
        Source src = read(nameOrFile);
        ObjectNode merged = JSON.valueToTree(WolpertingerConfig.defaults());
        overlay(merged, src.json, src.name);
        overlay(merged, JSON.valueToTree(overrides), "command line");
        try {
            return JSON.treeToValue(merged, WolpertingerConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            // a value the command line set is named as the command line's, not blamed on the preset file
            String where = overrides.isEmpty() ? src.name
                    : src.name + " with " + String.join(", ", overrides.keySet()) + " from the command line";
            throw new PresetException(where + ": " + cause.getMessage());
        }
    }

    /** Parses a preset from JSON text (for tests and the lab's "save preset" round trip). */
    public static WolpertingerConfig parse(String json, String sourceName) {
        ObjectNode merged = JSON.valueToTree(WolpertingerConfig.defaults());
        overlay(merged, parseTree(json, sourceName), sourceName);
        try {
            return JSON.treeToValue(merged, WolpertingerConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PresetException(sourceName + ": " + cause.getMessage());
        }
    }

    /**
     * {@code config} with some keys replaced (same keys and checks as a preset file), e.g. a
     * different env or N, or live slider values carried into a fresh agent.
     *
     * @throws PresetException naming the key on a bad value
     */
    public static WolpertingerConfig with(WolpertingerConfig config, Map<String, Object> overrides) {
        ObjectNode merged = JSON.valueToTree(config);
        overlay(merged, JSON.valueToTree(overrides), "settings");
        try {
            return JSON.treeToValue(merged, WolpertingerConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new PresetException("settings: " + cause.getMessage());
        }
    }

    /**
     * Preset names to offer in a picker: the bundled ones, then any other {@code presets/*.json}
     * under the working directory, in name order.
     */
    public static List<String> names() {
        java.util.TreeSet<String> extra = new java.util.TreeSet<>();
        Path dir = Path.of("presets");
        if (Files.isDirectory(dir)) {
            try (java.util.stream.Stream<Path> files = Files.list(dir)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".json"))
                        .map(n -> n.substring(0, n.length() - ".json".length())).forEach(extra::add);
            } catch (IOException e) {
                // an unreadable directory just offers the bundled presets
            }
        }
        List<String> names = new ArrayList<>(BUNDLED);
        extra.removeAll(BUNDLED);
        names.addAll(extra);
        return names;
    }

    /**
     * A preset's {@code description}: what it shows and why its values are what they are
     * (empty if it has none or cannot be read; the picker's tooltip shows it).
     */
    public static String description(String nameOrFile) {
        try {
            return read(nameOrFile).json().path("description").asText("");
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** Presets shipped inside the jar. */
    public static final List<String> BUNDLED = List.of("pendulum-200k", "pendulum-200k-reference", "cartpole", "catalog",
            "catalog-1m", "catalog-control", "cartpole-acer", "pendulum-acer", "catalog-acer");

    /** The config as pretty-printed preset JSON (every key). */
    public static String toJson(WolpertingerConfig config) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(config) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Source(String name, JsonNode json) {
    }

    private static Source read(String nameOrFile) {
        Path file = Path.of(nameOrFile);
        // A bare name ("catalog") that happens to be a folder here (a sweep's --out, say) is still a preset name.
        boolean bareName = !nameOrFile.contains("/") && !nameOrFile.contains(java.io.File.separator)
                && !nameOrFile.endsWith(".json");
        if (!Files.exists(file) || bareName && Files.isDirectory(file)) {
            file = Path.of("presets", nameOrFile.endsWith(".json") ? nameOrFile : nameOrFile + ".json");
        }
        if (Files.isDirectory(file)) {
            throw new PresetException("preset " + nameOrFile + " is a directory, not a JSON file");
        }
        if (Files.isRegularFile(file)) {
            try {
                return new Source(file.toString(), parseTree(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (IOException e) {
                throw new PresetException("cannot read preset " + file + ": " + e.getMessage());
            }
        }
        String resource = "/presets/" + (nameOrFile.endsWith(".json") ? nameOrFile : nameOrFile + ".json");
        try (InputStream in = Presets.class.getResourceAsStream(resource)) {
            if (in != null) {
                return new Source(resource.substring(1), parseTree(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource));
            }
        } catch (IOException e) {
            throw new PresetException("cannot read bundled preset " + resource + ": " + e.getMessage());
        }
        throw new PresetException("unknown preset '" + nameOrFile + "': no such file, and no presets/"
                + nameOrFile + ".json (bundled: " + String.join(", ", BUNDLED) + ")");
    }

    private static JsonNode parseTree(String text, String name) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new PresetException(name + ": a preset must be a JSON object of settings");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new PresetException(name + ": not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ")");
        }
    }

    private static void overlay(ObjectNode target, JsonNode source, String name) {
        Iterator<Map.Entry<String, JsonNode>> it = source.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            if (key.equals("name") || key.equals("description")) {
                continue; // free-text labels for people
            }
            Class<?> type = KEYS.get(key);
            if (type == null) {
                throw new PresetException(name + ": unknown key '" + key + "' (known: " + String.join(", ", knownKeys()) + ")");
            }
            JsonNode v = e.getValue();
            boolean ok = switch (type.getName()) {
                case "int" -> v.isIntegralNumber() && v.canConvertToInt();
                case "long" -> v.isIntegralNumber() && v.canConvertToLong();
                case "double" -> v.isNumber();
                case "boolean" -> v.isBoolean();
                case "java.lang.String" -> v.isTextual();
                default -> false;
            };
            if (!ok) {
                throw new PresetException(name + ": key '" + key + "' must be " + describe(type) + " "
                        + RANGES.getOrDefault(key, "") + ", got " + v);
            }
            if (key.equals("env") && !Envs.ids().contains(v.asText())) {
                throw new PresetException(name + ": key 'env' must be " + RANGES.get("env") + ", got " + v);
            }
            target.set(key, v);
        }
    }

    private static String describe(Class<?> type) {
        return switch (type.getName()) {
            case "int" -> "a whole number (32-bit)";
            case "long" -> "a whole number";
            case "double" -> "a number";
            case "boolean" -> "true or false";
            default -> "a string";
        };
    }

    /** The keys a preset may hold. */
    public static List<String> knownKeys() {
        return new ArrayList<>(KEYS.keySet());
    }

    /** A preset that cannot be used, with a one-line message naming the source and the key. */
    public static final class PresetException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        PresetException(String message) {
            super(message);
        }
    }
}

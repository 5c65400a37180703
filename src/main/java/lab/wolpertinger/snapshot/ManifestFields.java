package lab.wolpertinger.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import lab.wolpertinger.random.SplitMix64;

/**
 * Typed reads and writes of {@code manifest.json} values, shared by the Wolpertinger and ACER
 * manifests: every read checks presence, type and range and fails with one line naming the key.
 * Doubles that may be NaN or infinite are written as strings, finite ones as round-trip exact numbers.
 */
final class ManifestFields {
    private static final String SOURCE = Snapshots.MANIFEST;

    private ManifestFields() {
    }

    static void rng(ObjectNode parent, String name, SplitMix64.State s) {
        ObjectNode n = parent.putObject(name);
        n.put("seed", s.seed());
        n.put("gamma", s.gamma());
    }

    static void doubles(ArrayNode array, double[] values) {
        for (double v : values) {
            if (Double.isFinite(v)) {
                array.add(v);
            } else {
                array.add(String.valueOf(v));
            }
        }
    }

    /** Finite doubles as JSON numbers (round-trip exact); NaN and infinities as strings. */
    static void number(ObjectNode node, String key, double v) {
        if (Double.isFinite(v)) {
            node.put(key, v);
        } else {
            node.put(key, String.valueOf(v));
        }
    }

    static SplitMix64.State rngState(JsonNode rng, String name) {
        JsonNode s = object(rng, name);
        long seed = longValue(s, "seed", Long.MIN_VALUE, Long.MAX_VALUE);
        long gamma = longValue(s, "gamma", Long.MIN_VALUE, Long.MAX_VALUE);
        if ((gamma & 1L) == 0) {
            throw new SnapshotException(SOURCE + ": rng." + name + ".gamma must be odd, got " + gamma);
        }
        return new SplitMix64.State(seed, gamma);
    }

    static JsonNode field(JsonNode parent, String key) {
        JsonNode v = parent.get(key);
        if (v == null || v.isNull()) {
            throw new SnapshotException(SOURCE + " lacks '" + key + "'");
        }
        return v;
    }

    static JsonNode object(JsonNode parent, String key) {
        JsonNode v = field(parent, key);
        if (!v.isObject()) {
            throw new SnapshotException(SOURCE + ": '" + key + "' must be an object");
        }
        return v;
    }

    static String text(JsonNode parent, String key) {
        JsonNode v = field(parent, key);
        if (!v.isTextual() || v.asText().length() > 200) {
            throw new SnapshotException(SOURCE + ": '" + key + "' must be a short string");
        }
        return v.asText();
    }

    static boolean bool(JsonNode parent, String key) {
        JsonNode v = field(parent, key);
        if (!v.isBoolean()) {
            throw new SnapshotException(SOURCE + ": '" + key + "' must be true or false");
        }
        return v.asBoolean();
    }

    static long longValue(JsonNode parent, String key, long min, long max) {
        JsonNode v = field(parent, key);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw new SnapshotException(SOURCE + ": '" + key + "' must be a whole number in [" + min + ", " + max
                    + "], got " + v);
        }
        return v.asLong();
    }

    static int integer(JsonNode parent, String key, int min, int max) {
        return (int) longValue(parent, key, min, max);
    }

    /** A double written by {@link #number}: a JSON number, or "NaN" / "Infinity" / "-Infinity". */
    static double anyDouble(JsonNode parent, String path, String key) {
        JsonNode v = field(parent, key);
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new SnapshotException(SOURCE + ": '" + path + "' must be a number, got " + v);
    }

    static double real(JsonNode parent, String path, String key) {
        double v = anyDouble(parent, path, key);
        if (!Double.isFinite(v)) {
            throw new SnapshotException(SOURCE + ": '" + path + "' must be a finite number, got " + v);
        }
        return v;
    }

    static double nonNegative(JsonNode parent, String path, String key) {
        double v = real(parent, path, key);
        if (v < 0) {
            throw new SnapshotException(SOURCE + ": '" + path + "' must be >= 0, got " + v);
        }
        return v;
    }

    /** A finite double array of exactly {@code length} values ({@code -1}: any length up to 64). */
    static double[] finiteArray(JsonNode parent, String path, String key, int length) {
        JsonNode v = field(parent, key);
        if (!v.isArray() || (length >= 0 && v.size() != length) || v.size() > 64) {
            throw new SnapshotException(SOURCE + ": '" + path + "' must be an array of "
                    + (length >= 0 ? length : "at most 64") + " numbers");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode x = v.get(i);
            if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                throw new SnapshotException(SOURCE + ": '" + path + "' must hold finite numbers, got " + x);
            }
            out[i] = x.asDouble();
        }
        return out;
    }
}

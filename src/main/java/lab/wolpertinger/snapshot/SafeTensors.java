package lab.wolpertinger.snapshot;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The safetensors format (Hugging Face), float32 only, written and read without the library:
 * an 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * ({@code {"__metadata__": {str: str}, name: {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}}},
 * padded with spaces to a multiple of 8), then the data buffer; offsets are relative to the
 * buffer, tensors are little-endian and row-major, and they tile the buffer with no gap or overlap.
 *
 * <p>Reading is paranoid: the caller says which tensors with which shapes it expects, and the
 * header length, every name, dtype, shape and offset is checked against that before any tensor
 * array is allocated; NaN and infinite values are rejected.
 */
public final class SafeTensors {

    /** Largest header accepted when reading (1 MiB; ours are a few kB). */
    public static final int MAX_HEADER_BYTES = 1 << 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String METADATA = "__metadata__";

    private SafeTensors() {
    }

    /** The bytes of a safetensors file holding {@code tensors} in map order, with string metadata. */
    public static byte[] encode(Map<String, Tensor> tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(METADATA);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", "F32");
            ArrayNode shape = info.putArray("shape");
            for (int s : e.getValue().shape()) {
                shape.add(s);
            }
            long bytes = 4L * e.getValue().data().length;
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] head = header.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (head.length + 7) / 8 * 8;
        long total = 8L + padded + offset;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("safetensors data of " + total + " bytes is too large for one entry");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(padded);
        out.put(head);
        for (int i = head.length; i < padded; i++) {
            out.put((byte) ' ');
        }
        for (Tensor t : tensors.values()) {
            for (float v : t.data()) {
                out.putFloat(v);
            }
        }
        return out.array();
    }

    /** The most bytes a file with {@code expected} tensors can take (for a bounded read). */
    public static long maxEncodedSize(Map<String, int[]> expected) {
        long data = 0;
        for (int[] shape : expected.values()) {
            data += 4L * Tensor.elements(shape);
        }
        return 8L + MAX_HEADER_BYTES + data;
    }

    /**
     * Decodes {@code bytes}, which must hold exactly the {@code expected} tensors (name to
     * shape), all F32, finite, tiling the data buffer.
     *
     * @param source names the file or entry in error messages
     * @return the tensors by name, in {@code expected}'s order
     * @throws SnapshotException naming {@code source} and the problem
     */
    public static Map<String, Tensor> decode(byte[] bytes, String source, Map<String, int[]> expected) {
        if (bytes.length < 8) {
            throw new SnapshotException(source + ": truncated (" + bytes.length + " bytes, no header length)");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = in.getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw new SnapshotException(source + ": header length " + Long.toUnsignedString(headerLength)
                    + " is outside [2, " + MAX_HEADER_BYTES + "] bytes");
        }
        if (headerLength > bytes.length - 8L) {
            throw new SnapshotException(source + ": header length " + headerLength + " runs past the end ("
                    + (bytes.length - 8) + " bytes follow)");
        }
        JsonNode header = parseHeader(bytes, (int) headerLength, source);
        long dataLength = bytes.length - 8L - headerLength;
        int dataStart = 8 + (int) headerLength;

        // Check every entry against what we expect before allocating any tensor.
        Map<String, long[]> offsets = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            if (name.equals(METADATA)) {
                checkMetadata(f.getValue(), source);
                continue;
            }
            int[] want = expected.get(name);
            if (want == null) {
                throw new SnapshotException(source + ": unexpected tensor '" + name + "'");
            }
            offsets.put(name, checkInfo(f.getValue(), source, name, want, dataLength));
        }
        for (String name : expected.keySet()) {
            if (!offsets.containsKey(name)) {
                throw new SnapshotException(source + ": tensor '" + name + "' is missing");
            }
        }
        checkTiling(offsets, dataLength, source);

        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            long[] range = offsets.get(e.getKey());
            float[] data = new float[(int) ((range[1] - range[0]) / 4)];
            ByteBuffer slice = ByteBuffer.wrap(bytes, dataStart + (int) range[0], (int) (range[1] - range[0]))
                    .order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < data.length; i++) {
                float v = slice.getFloat();
                if (!Float.isFinite(v)) {
                    throw new SnapshotException(source + ": tensor '" + e.getKey() + "' holds " + v + " at element "
                            + i + "; every value must be finite");
                }
                data[i] = v;
            }
            tensors.put(e.getKey(), new Tensor(e.getValue().clone(), data));
        }
        return tensors;
    }

    /** The metadata strings of a safetensors file (checks only the header). */
    public static Map<String, String> metadata(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw new SnapshotException(source + ": truncated (no header length)");
        }
        long headerLength = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > bytes.length - 8L) {
            throw new SnapshotException(source + ": bad header length " + Long.toUnsignedString(headerLength));
        }
        JsonNode meta = parseHeader(bytes, (int) headerLength, source).get(METADATA);
        Map<String, String> out = new LinkedHashMap<>();
        if (meta != null) {
            checkMetadata(meta, source);
            meta.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        }
        return out;
    }

    private static JsonNode parseHeader(byte[] bytes, int length, String source) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 8, length)).toString();
        } catch (CharacterCodingException e) {
            throw new SnapshotException(source + ": header is not UTF-8 text");
        }
        if (!text.startsWith("{")) {
            throw new SnapshotException(source + ": header does not start with '{'");
        }
        JsonNode header;
        try {
            header = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SnapshotException(source + ": header is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (header == null || !header.isObject()) {
            throw new SnapshotException(source + ": header is not a JSON object");
        }
        return header;
    }

    private static void checkMetadata(JsonNode meta, String source) {
        if (!meta.isObject()) {
            throw new SnapshotException(source + ": __metadata__ must be an object of strings");
        }
        meta.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new SnapshotException(source + ": __metadata__ value '" + e.getKey() + "' is not a string");
            }
        });
    }

    private static long[] checkInfo(JsonNode info, String source, String name, int[] want, long dataLength) {
        String where = source + ": tensor '" + name + "'";
        if (!info.isObject()) {
            throw new SnapshotException(where + " is not described by an object");
        }
        Iterator<String> keys = info.fieldNames();
        while (keys.hasNext()) {
            String k = keys.next();
            if (!k.equals("dtype") && !k.equals("shape") && !k.equals("data_offsets")) {
                throw new SnapshotException(where + " has an unknown field '" + k + "'");
            }
        }
        JsonNode dtype = info.get("dtype");
        if (dtype == null || !dtype.isTextual()) {
            throw new SnapshotException(where + " has no dtype");
        }
        if (!dtype.asText().equals("F32")) {
            throw new SnapshotException(where + " has dtype " + dtype.asText() + "; only F32 is supported");
        }
        JsonNode shape = info.get("shape");
        if (shape == null || !shape.isArray() || shape.size() > 8) {
            throw new SnapshotException(where + " has no valid shape");
        }
        int[] got = new int[shape.size()];
        for (int i = 0; i < got.length; i++) {
            JsonNode s = shape.get(i);
            if (!s.isIntegralNumber() || !s.canConvertToInt() || s.asInt() < 0) {
                throw new SnapshotException(where + " has a bad shape " + shape);
            }
            got[i] = s.asInt();
        }
        if (!Arrays.equals(got, want)) {
            throw new SnapshotException(where + " has shape " + Arrays.toString(got) + ", expected "
                    + Arrays.toString(want));
        }
        JsonNode off = info.get("data_offsets");
        if (off == null || !off.isArray() || off.size() != 2) {
            throw new SnapshotException(where + " needs data_offsets [begin, end]");
        }
        long[] range = new long[2];
        for (int i = 0; i < 2; i++) {
            JsonNode o = off.get(i);
            if (!o.isIntegralNumber() || !o.canConvertToLong() || o.asLong() < 0) {
                throw new SnapshotException(where + " has bad data_offsets " + off);
            }
            range[i] = o.asLong();
        }
        if (range[0] > range[1] || range[1] > dataLength) {
            throw new SnapshotException(where + " has data_offsets " + off + " outside the " + dataLength
                    + "-byte data buffer");
        }
        if (range[1] - range[0] != 4L * Tensor.elements(want)) {
            throw new SnapshotException(where + " spans " + (range[1] - range[0]) + " bytes, but F32 "
                    + Arrays.toString(want) + " needs " + 4L * Tensor.elements(want));
        }
        return range;
    }

    /** The tensors must cover [0, dataLength) exactly once, as safetensors requires. */
    private static void checkTiling(Map<String, long[]> offsets, long dataLength, String source) {
        List<Map.Entry<String, long[]>> sorted = new ArrayList<>(offsets.entrySet());
        sorted.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> e.getValue()[0])
                .thenComparingLong(e -> e.getValue()[1]));
        long at = 0;
        for (Map.Entry<String, long[]> e : sorted) {
            long[] r = e.getValue();
            if (r[0] != at) {
                throw new SnapshotException(source + ": tensor '" + e.getKey() + "' starts at byte " + r[0]
                        + (r[0] < at ? ", overlapping the tensor before it" : ", leaving a gap after byte " + at));
            }
            at = r[1];
        }
        if (at != dataLength) {
            throw new SnapshotException(source + ": " + (dataLength - at) + " bytes after the last tensor");
        }
    }
}

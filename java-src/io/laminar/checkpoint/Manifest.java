package io.laminar.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.laminar.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * What one checkpoint holds: its id (= epoch), when it was taken, per source its rewind position, per WAL its
 * truncation point, per stateful query its plan fingerprint and state files, per sink its pending transaction, per
 * materialized view its snapshot file.
 *
 * <p>On disk: the JSON body, then a line {@code #crc32c <8 hex digits>} over the body's bytes — readable by people,
 * checked by machines. Written atomically by {@link CheckpointStore} (temp file, fsync, rename, fsync directory).
 */
public final class Manifest {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String CRC_LINE = "\n#crc32c ";

    public long id;
    public long createdAtMillis;
    public int cores;
    /** source name → {seq, maxEventTime, watermark, finished, connectorPosition, walCore, walPosition, rowsIn} */
    public Map<String, Map<String, Object>> sources = new LinkedHashMap<>();
    /** core → WAL position before which nothing is needed to recover this checkpoint */
    public Map<String, Long> wal = new LinkedHashMap<>();
    /** query name → {fingerprint, files: {core → {file, crc}}} */
    public Map<String, Map<String, Object>> operators = new LinkedHashMap<>();
    /** sink name → pending transaction */
    public Map<String, String> sinks = new LinkedHashMap<>();
    /** view name → {file, crc} */
    public Map<String, Map<String, Object>> views = new LinkedHashMap<>();
    /**
     * Native store snapshots (RocksDB SST files) in the checkpoint directory: file name → length. Written only when
     * there are some, so a manifest without them is byte for byte what version 1 wrote.
     */
    public Map<String, Long> external = new LinkedHashMap<>();

    public byte[] toBytes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("epoch", id);
        m.put("createdAtMillis", createdAtMillis);
        m.put("cores", cores);
        m.put("sources", sources);
        m.put("wal", wal);
        m.put("operators", operators);
        m.put("sinks", sinks);
        m.put("views", views);
        if (!external.isEmpty()) m.put("external", external);
        try {
            byte[] body = JSON.writeValueAsBytes(m);
            String text = new String(body, StandardCharsets.UTF_8) + CRC_LINE + String.format("%08x", crc(body)) + "\n";
            return text.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int crc(byte[] body) {
        CRC32C c = new CRC32C();
        c.update(body);
        return (int) c.getValue();
    }

    /** Parses and verifies a manifest; {@code where} names the file in errors. */
    @SuppressWarnings("unchecked")
    public static Manifest parse(byte[] bytes, String where) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int at = text.lastIndexOf(CRC_LINE);
        if (at < 0) throw corrupt(where, "has no checksum line (half-written?)");
        byte[] body = text.substring(0, at).getBytes(StandardCharsets.UTF_8);
        String hex = text.substring(at + CRC_LINE.length()).trim();
        int expected;
        try {
            expected = (int) Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
            throw corrupt(where, "has a malformed checksum line");
        }
        if (expected != crc(body)) throw corrupt(where, "fails its checksum");
        try {
            Map<String, Object> m = JSON.readValue(body, Map.class);
            Manifest x = new Manifest();
            x.id = ((Number) m.get("id")).longValue();
            x.createdAtMillis = ((Number) m.get("createdAtMillis")).longValue();
            x.cores = ((Number) m.get("cores")).intValue();
            x.sources = (Map<String, Map<String, Object>>) m.get("sources");
            Map<String, Object> w = (Map<String, Object>) m.get("wal");
            for (Map.Entry<String, Object> e : w.entrySet()) x.wal.put(e.getKey(), ((Number) e.getValue()).longValue());
            x.operators = (Map<String, Map<String, Object>>) m.get("operators");
            x.sinks = (Map<String, String>) m.get("sinks");
            x.views = (Map<String, Map<String, Object>>) m.get("views");
            Map<String, Object> ext = (Map<String, Object>) m.getOrDefault("external", Map.of());
            for (Map.Entry<String, Object> e : ext.entrySet()) x.external.put(e.getKey(), ((Number) e.getValue()).longValue());
            return x;
        } catch (IOException | RuntimeException e) {
            throw corrupt(where, "cannot be parsed: " + e.getMessage());
        }
    }

    private static CheckpointException corrupt(String where, String why) {
        return new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "checkpoint manifest " + where + " " + why,
                Map.of("path", where));
    }

    static long asLong(Object o) { return ((Number) o).longValue(); }
}

package io.laminar.checkpoint;

import io.laminar.ErrorCode;
import io.laminar.LaminarException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The checkpoints directory: {@code DIR/checkpoints/<id, 20 digits>/} holding {@code MANIFEST} and the state files
 * it names. A checkpoint exists once its MANIFEST does: state files are written first, then the manifest goes to
 * {@code MANIFEST.tmp}, is fsynced, renamed, and the directory fsynced — a crash at any moment leaves either the
 * previous checkpoint or the new one, never a half one.
 */
public final class CheckpointStore {
    static final String MANIFEST = "MANIFEST";
    private final Path root;

    public CheckpointStore(Path root) {
        this.root = root;
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot create " + root + ": " + e, Map.of("path", root.toString()), e);
        }
    }

    public Path root() { return root; }

    public Path directoryOf(long id) {
        return root.resolve(String.format("%020d", id));
    }

    /** A fresh directory for checkpoint {@code id}'s files (a leftover of a failed attempt is cleared). */
    public Path prepare(long id) {
        Path d = directoryOf(id);
        try {
            deleteRecursively(d);
            Files.createDirectories(d);
        } catch (IOException e) {
            throw new CheckpointException(ErrorCode.CHECKPOINT_FAILED, "cannot create checkpoint directory " + d + ": " + e,
                    Map.of("path", d.toString()), e);
        }
        return d;
    }

    /** Writes the manifest atomically: temp file, fsync, rename, fsync of the directory. */
    public void publish(Manifest m) {
        Path d = directoryOf(m.id);
        Path tmp = d.resolve(MANIFEST + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(m.toBytes());
                while (b.hasRemaining()) ch.write(b);
                ch.force(true);
            }
            Files.move(tmp, d.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(d);
            fsyncDirectory(root);
        } catch (IOException e) {
            throw new CheckpointException(ErrorCode.CHECKPOINT_FAILED, "cannot write checkpoint manifest in " + d + ": " + e,
                    Map.of("path", d.toString()), e);
        }
    }

    static void fsyncDirectory(Path d) {
        try (FileChannel ch = FileChannel.open(d, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // not every file system can fsync a directory
        }
    }

    /** Ids of the checkpoint directories present, newest first (valid or not). */
    public List<Long> ids() {
        List<Long> out = new ArrayList<>();
        try (var s = Files.list(root)) {
            for (Path p : s.toList()) {
                try {
                    out.add(Long.parseLong(p.getFileName().toString()));
                } catch (NumberFormatException ignored) {
                    // not a checkpoint directory
                }
            }
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot list " + root + ": " + e, Map.of("path", root.toString()), e);
        }
        out.sort(java.util.Comparator.reverseOrder());
        return out;
    }

    /** Reads checkpoint {@code id}'s manifest only (no state file checks); null if it is unusable. */
    public Manifest readManifest(long id) {
        Path mf = directoryOf(id).resolve(MANIFEST);
        try {
            return Manifest.parse(Files.readAllBytes(mf), mf.toString());
        } catch (IOException | CheckpointException e) {
            return null;
        }
    }

    /** Reads and verifies checkpoint {@code id}: manifest checksum, and every state file named (exists, CRC). */
    public Manifest load(long id) {
        return load(id, true);
    }

    /**
     * Reads checkpoint {@code id}'s manifest and checks the state files it names: each exists with a whole header
     * and, when {@code verifyContents}, its CRC. Recovery skips the CRC here and verifies it as it reads each file
     * for restoring (see {@link Restorer}), so a large state is read once.
     */
    public Manifest load(long id, boolean verifyContents) {
        Path d = directoryOf(id);
        Path mf = d.resolve(MANIFEST);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(mf);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "checkpoint " + id + " has no manifest at " + mf
                    + " (it did not complete)", Map.of("path", mf.toString(), "checkpoint", id));
        } catch (IOException e) {
            throw new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "cannot read " + mf + ": " + e, Map.of("path", mf.toString()), e);
        }
        Manifest m = Manifest.parse(bytes, mf.toString());
        for (Map<String, Object> op : m.operators.values()) {
            @SuppressWarnings("unchecked") Map<String, Map<String, Object>> files = (Map<String, Map<String, Object>>) op.get("files");
            for (Map<String, Object> f : files.values()) verify(d, f, verifyContents);
        }
        for (Map<String, Object> v : m.views.values()) verify(d, v, verifyContents);
        for (Map.Entry<String, Long> x : m.external.entrySet()) {
            Path f = d.resolve(x.getKey());
            long size;
            try {
                size = Files.size(f);
            } catch (IOException e) {
                throw new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "checkpoint state file " + f + " is missing",
                        Map.of("path", f.toString()));
            }
            if (size != x.getValue()) {
                throw new CheckpointException(ErrorCode.CHECKPOINT_NOT_FOUND, "checkpoint state file " + f + " is truncated or "
                        + "padded (" + size + " bytes, the manifest says " + x.getValue() + ")", Map.of("path", f.toString()));
            }
        }
        return m;
    }

    /** The native store snapshots (SST files) in a checkpoint directory being written, name → length. */
    static Map<String, Long> nativeSnapshotFiles(Path d) {
        Map<String, Long> out = new java.util.TreeMap<>();
        try (var s = Files.list(d)) {
            for (Path p : s.toList()) {
                if (p.getFileName().toString().endsWith(".sst")) out.put(p.getFileName().toString(), Files.size(p));
            }
        } catch (IOException e) {
            throw new CheckpointException(ErrorCode.CHECKPOINT_FAILED, "cannot list " + d + ": " + e, Map.of("path", d.toString()), e);
        }
        return out;
    }

    private static void verify(Path d, Map<String, Object> fileRef, boolean contents) {
        Path file = d.resolve((String) fileRef.get("file"));
        if (contents) StateFile.read(file, ((Number) fileRef.get("crc")).intValue());
        else StateFile.check(file);
    }

    /**
     * The newest checkpoint older than {@code before} whose manifest verifies and whose state files are present and
     * whole (CRCs are checked while restoring); each unusable one is reported (with why) and skipped. Null: none.
     */
    public Manifest newestValidBefore(long before, Consumer<String> report) {
        for (long id : ids()) {
            if (id >= before) continue;
            try {
                return load(id, false);
            } catch (CheckpointException e) {
                report.accept(unusable(id, e));
            }
        }
        return null;
    }

    /** {@link #newestValidBefore} over every checkpoint. */
    public Manifest newestValid(Consumer<String> report) {
        return newestValidBefore(Long.MAX_VALUE, report);
    }

    static String unusable(long id, RuntimeException e) {
        return "checkpoint " + id + " is unusable, falling back to an older one: " + e.getMessage();
    }

    /** Deletes every checkpoint but the newest {@code keep} complete ones, and incomplete ones older than those. */
    public void retain(int keep) {
        int kept = 0;
        for (long id : ids()) {
            boolean complete = Files.exists(directoryOf(id).resolve(MANIFEST));
            if (complete && kept < keep) {
                kept++;
                continue;
            }
            delete(id);
        }
    }

    public void delete(long id) {
        try {
            deleteRecursively(directoryOf(id));
        } catch (IOException e) {
            throw new LaminarException(ErrorCode.STATE_IO, "cannot delete checkpoint " + directoryOf(id) + ": " + e,
                    Map.of("path", directoryOf(id).toString()), e);
        }
    }

    static void deleteRecursively(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (var s = Files.walk(p)) {
            for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
        }
    }
}

package io.laminar.connector.files;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.SourceConnector;
import io.laminar.connector.SourceContext;
import io.laminar.format.DecodeException;
import io.laminar.format.RowDecoder;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Bounded source over the files a {@code path} names (see {@link FileSet}), read one after another in
 * lexicographic order. Each non-blank record is decoded into the context's batch; a record that does not decode is
 * dead-lettered as {@code file:line} and reading continues. The context is flushed at the end of every file.
 */
public final class FilesSource implements SourceConnector {
    /** Characters read per fill; a record longer than this is assembled in a copy buffer. */
    static final int BUFFER_CHARS = 1 << 17;
    private static final int STOP_CHECK_MASK = 255;

    private final String sourceName;
    private final String path;
    private final RowDecoder decoder;
    private long rowsRead;
    private long deadLetters;
    /** Position: index of the file being read, and records of it consumed (blank and dead-lettered ones too). */
    private volatile int fileIndex;
    private volatile long recordsInFile;
    private long skipRecords;

    public FilesSource(String sourceName, String path, RowDecoder decoder) {
        this.sourceName = sourceName;
        this.path = path;
        this.decoder = decoder;
    }

    @Override public boolean isBounded() {
        return true;
    }

    /** The files this source reads, in reading order; throws a ConnectorException naming the path if none. */
    public List<Path> files() {
        return FileSet.resolve(sourceName, path);
    }

    /** Rows decoded so far. */
    public long rowsRead() { return rowsRead; }

    /** Records sent to the dead-letter output so far. */
    public long deadLetters() { return deadLetters; }

    @Override public void run(SourceContext ctx) throws Exception {
        List<Path> files = files();
        for (int i = fileIndex; i < files.size(); i++) {
            if (ctx.isStopped()) return;
            fileIndex = i;
            readFile(files.get(i), ctx);
            if (ctx.isStopped()) return;
            ctx.flush();
        }
        fileIndex = files.size();
        recordsInFile = 0;
    }

    /** {@code <file index>:<records consumed in it>}; files are read in a fixed (lexicographic) order. */
    @Override public String position() {
        return fileIndex + ":" + recordsInFile;
    }

    @Override public void seek(String position) {
        if (position == null) {
            fileIndex = 0;
            skipRecords = 0;
            return;
        }
        int colon = position.indexOf(':');
        fileIndex = Integer.parseInt(position.substring(0, colon));
        skipRecords = Long.parseLong(position.substring(colon + 1));
    }

    private void readFile(Path file, SourceContext ctx) {
        String origin = file.toString();
        try (RecordReader reader = open(file)) {
            decoder.beginInput();
            boolean first = true;
            long n = 0;
            long skip = skipRecords;
            skipRecords = 0;
            recordsInFile = 0;
            while (reader.next()) {
                if (skip > 0) { // rewound by a checkpoint: these records were read before it
                    skip--;
                    recordsInFile++;
                    if (first && !isBlank(reader.array(), reader.offset(), reader.length())) {
                        first = false;
                        replayHeader(reader, ctx);
                    }
                    continue;
                }
                recordsInFile++; // before rowAdded: a barrier injected there counts this record as read
                char[] a = reader.array();
                int off = reader.offset(), len = reader.length();
                if (first) {
                    first = false;
                    if (len > 0 && a[off] == '\uFEFF') { // byte order mark
                        off++;
                        len--;
                    }
                }
                if (isBlank(a, off, len)) continue;
                try {
                    if (decoder.decode(a, off, len, ctx.batch())) {
                        rowsRead++;
                        ctx.rowAdded();
                    }
                } catch (DecodeException e) {
                    deadLetters++;
                    ctx.deadLetter(origin + ":" + reader.line(), e.reason(), new String(a, off, len));
                }
                if ((++n & STOP_CHECK_MASK) == 0 && ctx.isStopped()) return;
            }
        } catch (IOException e) {
            throw new ConnectorException(ErrorCode.CONNECTOR, "FILES source " + sourceName + " cannot read " + origin
                    + ": " + e.getMessage(), Map.of("object", sourceName, "path", origin), e);
        }
    }

    /**
     * A skipped first record may be a CSV header the decoder must see; a row it decodes instead is taken back
     * (it was delivered before the checkpoint).
     */
    private void replayHeader(RecordReader reader, SourceContext ctx) {
        var batch = ctx.batch();
        int before = batch.size;
        try {
            decoder.decode(reader.array(), reader.offset(), reader.length(), batch);
        } catch (DecodeException e) {
            // it was dead-lettered before the checkpoint
        }
        batch.size = before;
    }

    private RecordReader open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        try {
            in = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16)
                    : new BufferedInputStream(in, 1 << 16);
        } catch (IOException e) {
            in.close();
            throw e;
        }
        // malformed UTF-8 becomes U+FFFD rather than failing the whole file
        InputStreamReader reader = new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
        return new RecordReader(reader, decoder.recordQuote(), decoder.fieldDelimiter(), BUFFER_CHARS);
    }

    private static boolean isBlank(char[] a, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (a[i] > ' ') return false;
        }
        return true;
    }

    @Override public String toString() {
        return "#<laminar files-source {:source " + sourceName + ", :path \"" + path + "\", :rows " + rowsRead
                + ", :dead-letters " + deadLetters + "}>";
    }
}

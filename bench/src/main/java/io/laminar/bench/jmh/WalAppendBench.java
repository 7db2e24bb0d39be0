package io.laminar.bench.jmh;

import io.laminar.wal.FsyncPolicy;
import io.laminar.wal.WalRecordDescriptor;
import io.laminar.wal.WriteAheadLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One writer appending a 64-byte record to a {@link WriteAheadLog} and waiting until its fsync policy counts it as
 * acknowledged — what each {@code SourceWriter.write} costs: {@code none} (handed to the OS), {@code interval}
 * (handed to the OS; a background fsync every 10 ms, here a daemon thread as the database runs it) and {@code batch}
 * (fsynced before returning; one writer, so no group commit to share it). Segments roll at 64 MiB, and completed
 * ones are deleted as the run goes on so a long run does not fill the disk.
 */
@State(Scope.Thread)
public class WalAppendBench extends CoreBenchmark {
    @Param({"none", "interval", "batch"})
    public String fsync;

    private Path dir;
    private WriteAheadLog log;
    private Thread syncer;
    private volatile boolean running;
    private final byte[] payload = new byte[64];

    @Setup public void setup() throws IOException {
        dir = Files.createTempDirectory("laminar-wal-bench");
        FsyncPolicy policy = switch (fsync) {
            case "interval" -> FsyncPolicy.interval(10);
            default -> FsyncPolicy.parse(fsync);
        };
        log = WriteAheadLog.open(dir, 64L << 20, policy, problem -> { });
        if (policy.kind() == FsyncPolicy.Kind.INTERVAL) {
            running = true;
            syncer = new Thread(() -> {
                while (running) {
                    try {
                        Thread.sleep(policy.intervalMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                    log.syncAll();
                }
            }, "wal-bench-fsync");
            syncer.setDaemon(true);
            syncer.start();
        }
    }

    @TearDown public void tearDown() throws Exception {
        running = false;
        if (syncer != null) syncer.join();
        log.close();
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Benchmark public long appendAndAcknowledge() {
        long end = log.append(WalRecordDescriptor.TYPE_ROWS, payload, 0, payload.length);
        log.awaitDurable(end);
        if ((end & ((8 << 20) - 1)) < payload.length + WalRecordDescriptor.HEADER_LENGTH) log.truncateBefore(end);
        return end;
    }
}

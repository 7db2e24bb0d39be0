package io.laminar.bench.jmh;

import io.laminar.connector.generator.NexmarkConfig;
import io.laminar.connector.generator.NexmarkGenerator;
import io.laminar.connector.generator.NexmarkTable;
import io.laminar.data.Batch;

/** Inputs shared by the benchmarks: a batch of real Nexmark bids, generated once per trial. */
public final class Fixtures {
    /** Rows per batch in every batch benchmark; results are reported per row via {@code @OperationsPerInvocation}. */
    public static final int BATCH_ROWS = 1024;

    private Fixtures() {}

    /** {@code rows} Nexmark bids (all seven fields) in one batch with the bid table's schema. */
    public static Batch bids(int rows) {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        Batch b = new Batch(NexmarkTable.BID.schema(), rows);
        for (long n = NexmarkGenerator.nextEventOf(0, NexmarkTable.BID); b.size < rows;
             n = NexmarkGenerator.nextEventOf(n + 1, NexmarkTable.BID)) {
            generator.writeBid(n, b, NexmarkTable.BID.identityMap());
        }
        return b;
    }
}

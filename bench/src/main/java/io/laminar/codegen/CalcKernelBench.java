package io.laminar.codegen;

import io.laminar.Laminar;
import io.laminar.bench.jmh.CoreBenchmark;
import io.laminar.bench.jmh.Fixtures;
import io.laminar.data.Batch;
import io.laminar.plan.PhysicalCalc;
import io.laminar.plan.PhysicalStage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The filter/project kernel of Nexmark's stateless queries, compiled (Janino) against the interpreted fallback,
 * over a batch of 1024 real bids. The program comes from Laminar's own planner (a stream over a MEMORY source
 * named {@code bid}); the interpreted form is made by the same planner with {@link CalcCompiler#forceInterpreter}
 * set, which is why this class lives in {@code io.laminar.codegen}. Reported per input row; with {@code -prof gc}
 * the compiled projection, q1 (its DECIMAL result is stored as a scaled long) and q2 kernels should show 0 B/op. q14, q21
 * and q22 are the string/regex kernels of the Nexmark queries of those names (q21: LOWER compared with literals and
 * REGEXP_EXTRACT; q22: three SPLIT_INDEX of one url); their only allocation should be their result strings.
 */
@State(Scope.Thread)
public class CalcKernelBench extends CoreBenchmark {
    @Param({"project", "q1", "q2", "q14", "q21", "q22"})
    public String query;

    @Param({"compiled", "interpreted"})
    public String mode;

    private CalcKernel kernel;
    private Batch in;
    private Batch out;

    @Setup public void setup() {
        String select = switch (query) {
            // q0 itself is a pass-through: Laminar plans no kernel for it at all
            case "project" -> "SELECT auction, price, bidder, dateTime FROM bid";
            case "q1" -> "SELECT auction, bidder, 0.908 * price AS price, dateTime, extra FROM bid";
            case "q2" -> "SELECT auction, price FROM bid WHERE MOD(auction, 123) = 0";
            case "q14" -> "SELECT auction, bidder, 0.908 * price AS price, CASE WHEN EXTRACT(HOUR FROM dateTime) >= 8 "
                    + "AND EXTRACT(HOUR FROM dateTime) <= 18 THEN 'dayTime' WHEN EXTRACT(HOUR FROM dateTime) <= 6 "
                    + "OR EXTRACT(HOUR FROM dateTime) >= 20 THEN 'nightTime' ELSE 'otherTime' END AS bidTimeType, "
                    + "dateTime, extra, CHAR_LENGTH(extra) - CHAR_LENGTH(REPLACE(extra, 'c', '')) AS c_counts "
                    + "FROM bid WHERE 0.908 * price > 1000000 AND 0.908 * price < 50000000";
            case "q21" -> "SELECT auction, bidder, price, channel, CASE WHEN LOWER(channel) = 'apple' THEN '0' "
                    + "WHEN LOWER(channel) = 'google' THEN '1' WHEN LOWER(channel) = 'facebook' THEN '2' "
                    + "WHEN LOWER(channel) = 'baidu' THEN '3' ELSE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) "
                    + "END AS channel_id FROM bid WHERE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) IS NOT NULL "
                    + "OR LOWER(channel) IN ('apple', 'google', 'facebook', 'baidu')";
            case "q22" -> "SELECT auction, bidder, price, channel, SPLIT_INDEX(url, '/', 3) AS dir1, "
                    + "SPLIT_INDEX(url, '/', 4) AS dir2, SPLIT_INDEX(url, '/', 5) AS dir3 FROM bid";
            default -> throw new IllegalArgumentException("query must be project, q1, q2, q14, q21 or q22, not " + query);
        };
        PhysicalCalc calc = plan(select, mode.equals("interpreted"));
        CalcProgram program = calc.program();
        if (program.interpreted() != mode.equals("interpreted")) {
            throw new IllegalStateException(query + " did not plan as " + mode + ": " + program);
        }
        kernel = program.newKernel();
        in = Fixtures.bids(Fixtures.BATCH_ROWS);
        out = new Batch(calc.outputSchema(), Fixtures.BATCH_ROWS);
    }

    @Benchmark @OperationsPerInvocation(Fixtures.BATCH_ROWS)
    public int process() {
        out.size = 0; // not clear(): nulling the object columns would be the benchmark's cost, not the kernel's
        return kernel.process(in, out);
    }

    /** The calc stage Laminar plans for {@code select} over a MEMORY bid source. */
    static PhysicalCalc plan(String select, boolean interpreted) {
        CalcCompiler.forceInterpreter = interpreted;
        try (Laminar db = Laminar.open()) {
            db.execute("CREATE SOURCE bid (auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, "
                    + "dateTime TIMESTAMP(3), extra VARCHAR); CREATE STREAM k AS " + select);
            for (PhysicalStage stage : db.database().planOf("k").prefix()) {
                if (stage instanceof PhysicalCalc calc) return calc;
            }
            throw new IllegalStateException("no calc stage planned for " + select);
        } finally {
            CalcCompiler.forceInterpreter = false;
        }
    }
}

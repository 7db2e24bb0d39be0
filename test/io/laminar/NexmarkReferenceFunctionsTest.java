package io.laminar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.connector.generator.NexmarkConfig;
import io.laminar.connector.generator.NexmarkGenerator;
import io.laminar.data.Batch;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Nexmark q21, q22 and q15's day key written as in the reference (REGEXP_EXTRACT, SPLIT_INDEX, DATE_FORMAT) give,
 * on generated bids, exactly what the forms built from other functions give.
 */
class NexmarkReferenceFunctionsTest {
    static final String BID = """
        CREATE SOURCE bid (
          auction BIGINT, bidder BIGINT, price BIGINT, channel VARCHAR, url VARCHAR, dateTime TIMESTAMP(3), extra VARCHAR,
          WATERMARK FOR dateTime AS dateTime - INTERVAL '4' SECOND
        );
        """;

    /** Writes the bids among the first {@code events} events of the deterministic Nexmark generator, then ends. */
    static void writeBids(Laminar db, long events) {
        NexmarkGenerator g = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        Schema schema = Schema.of(new Field("auction", ColumnType.BIGINT), new Field("bidder", ColumnType.BIGINT),
                new Field("price", ColumnType.BIGINT), new Field("channel", ColumnType.VARCHAR),
                new Field("url", ColumnType.VARCHAR), new Field("dateTime", ColumnType.TIMESTAMP),
                new Field("extra", ColumnType.VARCHAR));
        Batch b = new Batch(schema, 1);
        SourceWriter w = db.writer("bid");
        for (long n = 0; n < events; n++) {
            b.clear();
            if (g.writeBid(n, b, new int[] {0, 1, 2, 3, 4, 5, 6})) w.write(b.row(0));
        }
        w.finish();
    }

    @Test void referenceFormsEqualTheWorkarounds() {
        try (EngineHarness h = new EngineHarness(2, BID + """
                CREATE STREAM q21_ref AS SELECT auction, bidder, price, channel,
                    CASE WHEN LOWER(channel) = 'apple' THEN '0' WHEN LOWER(channel) = 'google' THEN '1'
                         WHEN LOWER(channel) = 'facebook' THEN '2' WHEN LOWER(channel) = 'baidu' THEN '3'
                         ELSE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) END AS channel_id
                  FROM bid
                  WHERE REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2) IS NOT NULL
                     OR LOWER(channel) IN ('apple', 'google', 'facebook', 'baidu');
                CREATE STREAM q21_alt AS SELECT auction, bidder, price, channel,
                    CASE WHEN LOWER(channel) = 'apple' THEN '0' WHEN LOWER(channel) = 'google' THEN '1'
                         WHEN LOWER(channel) = 'facebook' THEN '2' WHEN LOWER(channel) = 'baidu' THEN '3'
                         ELSE REGEXP_REPLACE(url, '^.*(&|^)channel_id=([^&]*).*$', '$2') END AS channel_id
                  FROM bid
                  WHERE url LIKE '%channel_id=%' OR LOWER(channel) IN ('apple', 'google', 'facebook', 'baidu');
                CREATE STREAM q22_ref AS SELECT auction, SPLIT_INDEX(url, '/', 3) AS dir1, SPLIT_INDEX(url, '/', 4) AS dir2,
                    SPLIT_INDEX(url, '/', 5) AS dir3 FROM bid;
                CREATE STREAM q22_alt AS SELECT auction, REGEXP_REPLACE(url, '^(?:[^/]*/){3}([^/]*).*$', '$1') AS dir1,
                    REGEXP_REPLACE(url, '^(?:[^/]*/){4}([^/]*).*$', '$1') AS dir2,
                    REGEXP_REPLACE(url, '^(?:[^/]*/){5}([^/]*).*$', '$1') AS dir3 FROM bid;
                CREATE STREAM day_ref AS SELECT auction, DATE_FORMAT(dateTime, 'yyyy-MM-dd') AS d,
                    DATE_FORMAT(dateTime, 'HH:mm') AS m FROM bid;
                CREATE STREAM day_alt AS SELECT auction, CAST(CAST(dateTime AS DATE) AS VARCHAR) AS d,
                    SUBSTRING(CAST(dateTime AS VARCHAR) FROM 12 FOR 5) AS m FROM bid;
                """).collect("q21_ref", "q21_alt", "q22_ref", "q22_alt", "day_ref", "day_alt")) {
            writeBids(h.db, 4000);
            List<String> q21 = h.sorted("q21_ref");
            assertTrue(q21.size() > 100, "q21 keeps rows: " + q21.size());
            assertEquals(h.sorted("q21_alt"), q21);
            List<String> q22 = h.sorted("q22_ref");
            assertTrue(q22.size() > 1000 && q22.stream().noneMatch(r -> r.contains("null")), q22.subList(0, 3).toString());
            assertEquals(h.sorted("q22_alt"), q22);
            assertEquals(h.sorted("day_alt"), h.sorted("day_ref"));
        }
    }
}

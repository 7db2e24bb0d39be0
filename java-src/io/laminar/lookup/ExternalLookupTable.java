package io.laminar.lookup;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.Options;
import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A lookup table ({@code CREATE LOOKUP TABLE}): rows of an external system, found by primary key through the cache
 * its {@code 'cache'} option names (see {@link CacheMode}). Each core has its own lookup — its own fetcher
 * (connection) and, for a partial cache, its own LRU — so lookups never lock; a full cache's rows and a partial
 * cache's key filter are immutable and replaced whole by the reloader thread.
 *
 * <p>Freshness: {@code full} serves the rows of its last load (at CREATE, then every {@code cache.reload-interval});
 * {@code partial} serves a cached row for up to {@code cache.ttl} and trusts its key filter until the next reload
 * (a key added to the external table after that is found once the filter is rebuilt); {@code none} is always current.
 */
public final class ExternalLookupTable implements KeyedRows, AutoCloseable {
    /** The option keys every lookup table understands, besides its connector's. */
    public static final java.util.Set<String> CACHE_OPTIONS =
            java.util.Set.of("cache", "cache.max-rows", "cache.ttl", "cache.reload-interval", "cache.filter");

    private final String name;
    private final Schema schema;
    private final int[] keyColumns;
    private final LookupSource source;
    private final CacheMode mode;
    private final int maxRows;
    private final long ttlMillis;
    private final long reloadMillis;
    private final boolean filterMisses;
    private final List<LookupSource.Fetcher> fetchers = new CopyOnWriteArrayList<>(); // each core's own, for close()
    private final List<long[]> counters = new CopyOnWriteArrayList<>(); // per core: fetches, hits, filtered
    private volatile Map<List<Object>, Object[]> rows; // FULL
    private volatile KeyFilter filter;                 // PARTIAL with the filter on
    private volatile long loadedAt;
    private final Thread reloader;
    private volatile boolean closed;

    /**
     * @param loadNow load the cache (or key filter) before returning, so a wrong table fails the statement; false when
     *                the catalog is replayed at open — an unreachable system must not stop the database from opening,
     *                so the load is retried in the background (lookups of a full cache fail, naming the table, until then)
     */
    public ExternalLookupTable(String name, Schema schema, int[] keyColumns, LookupSource source, Options options,
                               boolean loadNow) {
        this.name = name;
        this.schema = schema;
        this.keyColumns = keyColumns.clone();
        this.source = source;
        String m = options.get("cache", "partial").toUpperCase(Locale.ROOT);
        try {
            this.mode = CacheMode.valueOf(m);
        } catch (IllegalArgumentException e) {
            throw options.bad("cache", m.toLowerCase(Locale.ROOT), "one of full, partial, none");
        }
        this.maxRows = (int) Math.min(Integer.MAX_VALUE, options.getLong("cache.max-rows", 10_000));
        if (maxRows < 1) throw options.bad("cache.max-rows", String.valueOf(maxRows), "a positive number of rows");
        this.ttlMillis = durationMillis(options, "cache.ttl");
        this.reloadMillis = durationMillis(options, "cache.reload-interval");
        // the key filter answers "absent" for keys added after it was built, so it needs a rebuild interval
        String f = options.get("cache.filter", reloadMillis > 0 ? "bloom" : "none").toLowerCase(Locale.ROOT);
        if (!f.equals("bloom") && !f.equals("none")) throw options.bad("cache.filter", f, "bloom or none");
        if (f.equals("bloom") && mode == CacheMode.PARTIAL && reloadMillis == 0) {
            throw options.bad("cache.filter", f, "needs 'cache.reload-interval' (keys added to the table after the "
                    + "filter was built would be answered as absent until it is rebuilt)");
        }
        this.filterMisses = mode == CacheMode.PARTIAL && f.equals("bloom");
        if (loadNow) load(); // at CREATE: a wrong URL, table or column fails the statement, not the first row
        boolean loads = mode == CacheMode.FULL || filterMisses;
        if (loads && (reloadMillis > 0 || !loadNow)) {
            reloader = Thread.ofPlatform().daemon().name("laminar-lookup-reload-" + name).start(() -> reloadLoop(!loadNow));
        } else {
            reloader = null;
        }
    }

    /** {@code '30s'}, {@code '5min'}, {@code '250ms'} or plain milliseconds; 0 (the default) is never. */
    static long durationMillis(Options options, String key) {
        String v = options.get(key, "0");
        try {
            return io.laminar.checkpoint.Durations.parseMillis(v);
        } catch (io.laminar.LaminarException e) {
            throw options.bad(key, v, "a duration such as '250ms', '30s' or '5min'");
        }
    }

    private void load() {
        if (mode == CacheMode.FULL) {
            Map<List<Object>, Object[]> all = new HashMap<>();
            source.scan(row -> all.put(keyOf(row), row));
            rows = all;
        } else if (filterMisses) {
            List<List<Object>> keys = new ArrayList<>();
            source.scan(row -> keys.add(keyOf(row)));
            filter = KeyFilter.of(keys);
        }
        loadedAt = System.currentTimeMillis();
    }

    private List<Object> keyOf(Object[] row) {
        Object[] k = new Object[keyColumns.length];
        for (int i = 0; i < k.length; i++) k[i] = row[keyColumns[i]];
        return Arrays.asList(k);
    }

    /** Reloads on the interval; with {@code firstLoad} it first loads, retrying every 2 s until the system answers. */
    private void reloadLoop(boolean firstLoad) {
        while (firstLoad && !closed) {
            try {
                load();
                firstLoad = false;
            } catch (RuntimeException e) {
                System.err.println("laminar: lookup table " + name + " cannot load from " + source.describe()
                        + " yet (retrying every 2 s): " + e.getMessage());
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
        while (!closed && reloadMillis > 0) {
            try {
                Thread.sleep(reloadMillis);
                if (!closed) load();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // keep serving the last load; say so
                System.err.println("laminar: lookup table " + name + " could not reload from " + source.describe()
                        + " (serving the rows loaded at " + java.time.Instant.ofEpochMilli(loadedAt) + "): " + e.getMessage());
            }
        }
    }

    @Override public Schema schema() { return schema; }
    @Override public int[] keyColumns() { return keyColumns.clone(); }
    public CacheMode mode() { return mode; }

    @Override public RowLookup newLookup() {
        long[] count = new long[3];
        counters.add(count);
        return switch (mode) {
            case FULL -> key -> {
                Map<List<Object>, Object[]> all = rows;
                if (all == null) {
                    throw new ConnectorException(ErrorCode.LOOKUP_FAILED, "LOOKUP TABLE " + name + " has not "
                            + "loaded its rows from " + source.describe() + " yet (it retries every 2 s)");
                }
                count[1]++;
                return all.get(key);
            };
            case NONE -> new CoreFetcher() {
                @Override public Object[] lookup(List<Object> key) {
                    count[0]++;
                    return fetch(key);
                }
            };
            case PARTIAL -> new PartialCache(count);
        };
    }

    /** A row (or null: the key was absent) as fetched at {@code at} (epoch ms). */
    private record Cached(Object[] row, long at) {}

    /** One core's partial cache: an access-ordered LRU of rows (and of keys found absent), bounded by max-rows. */
    private final class PartialCache extends CoreFetcher {
        private final long[] count;
        private final LinkedHashMap<List<Object>, Cached> lru = new LinkedHashMap<>(64, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<List<Object>, Cached> eldest) {
                return size() > maxRows;
            }
        };

        PartialCache(long[] count) { this.count = count; }

        @Override public Object[] lookup(List<Object> key) {
            Cached c = lru.get(key);
            if (c != null && (ttlMillis == 0 || System.currentTimeMillis() - c.at < ttlMillis)) {
                count[1]++;
                return c.row;
            }
            KeyFilter f = filter;
            if (f != null && !f.mightContain(key)) {
                count[2]++;
                return null;
            }
            count[0]++;
            Object[] row = fetch(key);
            lru.put(List.copyOf(key), new Cached(row, ttlMillis == 0 ? 0 : System.currentTimeMillis())); // keys hold no NULL
            return row;
        }
    }

    /** A core's lookup that fetches through a fetcher (connection) of its own, opened on its first fetch. */
    private abstract class CoreFetcher implements RowLookup {
        private LookupSource.Fetcher fetcher;

        Object[] fetch(List<Object> key) {
            if (closed) {
                throw new ConnectorException(ErrorCode.LOOKUP_FAILED, "LOOKUP TABLE " + name + " was dropped or closed");
            }
            if (fetcher == null) {
                fetcher = source.fetcher();
                fetchers.add(fetcher);
            }
            return fetcher.fetch(key);
        }
    }

    /** Every row, read from the external system now (ad-hoc SELECT). */
    public List<Object[]> snapshot() {
        List<Object[]> out = new ArrayList<>();
        source.scan(out::add);
        return out;
    }

    /** Lookups answered so far: {fetches from the external system, cache hits, misses answered by the key filter}. */
    public long[] counts() {
        long[] sum = new long[3];
        for (long[] c : counters) for (int i = 0; i < 3; i++) sum[i] += c[i];
        return sum;
    }

    /** SHOW TABLES: where the rows come from, the cache, and how lookups were answered. */
    public String describe() {
        long[] c = counts();
        String cache = switch (mode) {
            case FULL -> "cache full (" + (rows == null ? "not loaded yet" : rows.size() + " rows") + (reloadMillis > 0 ? ", reloaded every " + reloadMillis
                    + " ms" : "") + ")";
            case PARTIAL -> "cache partial (up to " + maxRows + " rows per core" + (ttlMillis > 0 ? ", ttl " + ttlMillis
                    + " ms" : "") + (filterMisses ? ", key filter of " + (filter == null ? "(loading)" : filter.keys()) + " keys" : "") + ")";
            case NONE -> "no cache";
        };
        return "lookup table on " + source.describe() + ", " + cache + "; " + c[0] + " fetches, " + c[1] + " cache hits, "
                + c[2] + " misses answered by the key filter";
    }

    @Override public void close() {
        closed = true;
        if (reloader != null) reloader.interrupt();
        for (LookupSource.Fetcher f : fetchers) {
            try {
                f.close();
            } catch (RuntimeException e) {
                System.err.println("laminar: closing a connection of lookup table " + name + ": " + e.getMessage());
            }
        }
        fetchers.clear();
        source.close();
    }

    /** The error for a connector a lookup table cannot use. */
    public static ConnectorException unknownConnector(String table, String connector) {
        return new ConnectorException(ErrorCode.UNKNOWN_CONNECTOR, "LOOKUP TABLE " + table + ": connector '"
                + connector.toLowerCase(Locale.ROOT) + "' cannot serve lookups; use 'postgres' (WITH ('connector' = "
                + "'postgres', 'url' = 'jdbc:postgresql://host:port/db', 'table' = '...')) or 'files' ('path' = '...')");
    }
}

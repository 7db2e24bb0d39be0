package io.laminar.lookup;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.connector.Options;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A lookup table's rows in a PostgreSQL table, read over JDBC: {@code 'url'} (jdbc:postgresql://host:port/db),
 * {@code 'table'} (default: the lookup table's name), {@code 'user'}, {@code 'password'}. Columns are matched by
 * name (unquoted, so PostgreSQL folds them as it folds its own). A point lookup is a prepared
 * {@code SELECT ... WHERE k = ?} on the core's own connection; a failed one reconnects and retries once.
 */
public final class PostgresLookupSource implements LookupSource {
    public static final java.util.Set<String> OPTIONS = java.util.Set.of("url", "table", "user", "password");

    private final String lookupTable;
    private final Schema schema;
    private final int[] keyColumns;
    private final String url;
    private final String table;
    private final java.util.Properties credentials = new java.util.Properties();
    private final String selectAll;
    private final String selectByKey;

    /** @param check connect now and check the table and its columns (false while the catalog is replayed at open) */
    public PostgresLookupSource(String lookupTable, Schema schema, int[] keyColumns, Options options, boolean check) {
        this.lookupTable = lookupTable;
        this.schema = schema;
        this.keyColumns = keyColumns.clone();
        this.url = options.required("url");
        if (!url.startsWith("jdbc:postgresql:")) throw options.bad("url", url, "a PostgreSQL JDBC URL: jdbc:postgresql://host:port/database");
        this.table = options.get("table", lookupTable);
        if (options.has("user")) credentials.setProperty("user", options.get("user", ""));
        if (options.has("password")) credentials.setProperty("password", options.get("password", ""));
        // a core must never wait forever on a stalled server (the URL may set its own: its parameters win)
        credentials.setProperty("connectTimeout", "10");
        credentials.setProperty("socketTimeout", "30");
        StringBuilder cols = new StringBuilder();
        for (Field f : schema.fields()) {
            if (f.type() == io.laminar.data.ColumnType.INTERVAL_MILLIS || f.type() == io.laminar.data.ColumnType.INTERVAL_MONTHS) {
                throw new ConnectorException(ErrorCode.UNSUPPORTED_QUERY, "LOOKUP TABLE " + lookupTable + ": column "
                        + f.name() + " is an INTERVAL, which a PostgreSQL lookup cannot read; declare it as BIGINT");
            }
            cols.append(cols.isEmpty() ? "" : ", ").append(f.name());
        }
        this.selectAll = "SELECT " + cols + " FROM " + table;
        StringBuilder where = new StringBuilder();
        for (int k : keyColumns) where.append(where.isEmpty() ? " WHERE " : " AND ").append(schema.field(k).name()).append(" = ?");
        this.selectByKey = selectAll + where;
        if (!check) return;
        try (Connection c = connect(); Statement st = c.createStatement()) { // the table and its columns exist?
            st.executeQuery(selectAll + " WHERE false").close();
        } catch (SQLException e) {
            throw failure("cannot read " + describe() + " (" + selectAll + ")", e);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, credentials);
    }

    private ConnectorException failure(String what, SQLException e) {
        return new ConnectorException(ErrorCode.LOOKUP_FAILED, "LOOKUP TABLE " + lookupTable + ": " + what + ": "
                + e.getMessage(), Map.of("table", lookupTable, "url", redacted()), e);
    }

    /** The URL without its parameters (they may carry a password). */
    private String redacted() {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q) + "?…";
    }

    @Override public String describe() { return "postgres table " + table + " at " + redacted(); }

    @Override public Fetcher fetcher() {
        return new Fetcher() {
            private Connection connection;
            private PreparedStatement byKey;

            @Override public Object[] fetch(java.util.List<Object> key) {
                try {
                    return fetchOnce(key);
                } catch (SQLException first) { // a dropped connection: reconnect and try once more
                    close();
                    try {
                        return fetchOnce(key);
                    } catch (SQLException e) {
                        throw failure("lookup of key " + key + " failed", e);
                    }
                }
            }

            private Object[] fetchOnce(java.util.List<Object> key) throws SQLException {
                if (connection == null) {
                    connection = connect();
                    byKey = connection.prepareStatement(selectByKey);
                }
                for (int i = 0; i < keyColumns.length; i++) bind(byKey, i + 1, schema.field(keyColumns[i]), key.get(i));
                try (ResultSet rs = byKey.executeQuery()) {
                    return rs.next() ? row(rs) : null;
                }
            }

            @Override public void close() {
                try {
                    if (connection != null) connection.close();
                } catch (SQLException ignored) {
                    // the connection is gone either way
                }
                connection = null;
                byKey = null;
            }
        };
    }

    @Override public void scan(Consumer<Object[]> rows) {
        try (Connection c = connect()) {
            c.setAutoCommit(false); // lets the driver stream the rows with a cursor instead of loading them all
            try (Statement st = c.createStatement()) {
                st.setFetchSize(10_000);
                try (ResultSet rs = st.executeQuery(selectAll)) {
                    while (rs.next()) rows.accept(row(rs));
                }
            }
        } catch (SQLException e) {
            throw failure("cannot read " + describe(), e);
        }
    }

    /** The current result row in Calcite's internal representation. */
    private Object[] row(ResultSet rs) throws SQLException {
        Object[] row = new Object[schema.size()];
        for (int c = 0; c < row.length; c++) {
            int i = c + 1;
            Object v = switch (schema.field(c).type()) {
                case BOOLEAN -> rs.getBoolean(i);
                case TINYINT -> rs.getByte(i);
                case SMALLINT -> rs.getShort(i);
                case INTEGER -> rs.getInt(i);
                case BIGINT -> rs.getLong(i);
                case FLOAT, DOUBLE -> rs.getDouble(i);
                case DECIMAL -> { // at the declared scale: NUMERIC 1.5 must equal a DECIMAL(10, 2) key 1.50
                    java.math.BigDecimal d = rs.getBigDecimal(i);
                    yield d == null ? null : d.setScale(schema.field(c).scale(), java.math.RoundingMode.HALF_UP);
                }
                case VARCHAR -> rs.getString(i);
                case VARBINARY -> rs.getBytes(i);
                case TIMESTAMP -> {
                    LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                    yield t == null ? null : t.toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                case DATE -> {
                    LocalDate d = rs.getObject(i, LocalDate.class);
                    yield d == null ? null : (int) d.toEpochDay();
                }
                case TIME -> {
                    LocalTime t = rs.getObject(i, LocalTime.class);
                    yield t == null ? null : (int) (t.toNanoOfDay() / 1_000_000);
                }
                case INTERVAL_MILLIS, INTERVAL_MONTHS -> throw new IllegalStateException("refused at CREATE");
            };
            row[c] = rs.wasNull() ? null : v;
        }
        return row;
    }

    /** A key value (internal representation) as a statement parameter. */
    private static void bind(PreparedStatement st, int i, Field f, Object v) throws SQLException {
        switch (f.type()) {
            case TIMESTAMP -> st.setObject(i, LocalDateTime.ofEpochSecond(Math.floorDiv((Long) v, 1000),
                    (int) Math.floorMod((Long) v, 1000) * 1_000_000, ZoneOffset.UTC));
            case DATE -> st.setObject(i, LocalDate.ofEpochDay(((Number) v).longValue()));
            case TIME -> st.setObject(i, LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000));
            default -> st.setObject(i, v);
        }
    }

    @Override public void close() {} // fetchers close their own connections; scans close theirs
}

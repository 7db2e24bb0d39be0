package io.laminar.connector.generator;

import io.laminar.ConnectorException;
import io.laminar.ErrorCode;
import io.laminar.data.ColumnType;
import io.laminar.data.Field;
import io.laminar.data.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The three Nexmark tables and their fields, in the community's order and with its camelCase names. A source
 * declares any subset of a table's fields in any order; {@link #bind} maps its columns to field ordinals. Column
 * names match a field case-insensitively either as written ({@code dateTime}) or in snake_case ({@code date_time}).
 */
public enum NexmarkTable {
    PERSON("person",
            f("id", ColumnType.BIGINT), f("name", ColumnType.VARCHAR), f("emailAddress", ColumnType.VARCHAR),
            f("creditCard", ColumnType.VARCHAR), f("city", ColumnType.VARCHAR), f("state", ColumnType.VARCHAR),
            f("dateTime", ColumnType.TIMESTAMP), f("extra", ColumnType.VARCHAR)),
    AUCTION("auction",
            f("id", ColumnType.BIGINT), f("itemName", ColumnType.VARCHAR), f("description", ColumnType.VARCHAR),
            f("initialBid", ColumnType.BIGINT), f("reserve", ColumnType.BIGINT), f("dateTime", ColumnType.TIMESTAMP),
            f("expires", ColumnType.TIMESTAMP), f("seller", ColumnType.BIGINT), f("category", ColumnType.BIGINT),
            f("extra", ColumnType.VARCHAR)),
    BID("bid",
            f("auction", ColumnType.BIGINT), f("bidder", ColumnType.BIGINT), f("price", ColumnType.BIGINT),
            f("channel", ColumnType.VARCHAR), f("url", ColumnType.VARCHAR), f("dateTime", ColumnType.TIMESTAMP),
            f("extra", ColumnType.VARCHAR));

    // Field ordinals, the indexes of a column map.
    public static final int PERSON_ID = 0, PERSON_NAME = 1, PERSON_EMAIL = 2, PERSON_CREDIT_CARD = 3,
            PERSON_CITY = 4, PERSON_STATE = 5, PERSON_DATE_TIME = 6, PERSON_EXTRA = 7;
    public static final int AUCTION_ID = 0, AUCTION_ITEM_NAME = 1, AUCTION_DESCRIPTION = 2, AUCTION_INITIAL_BID = 3,
            AUCTION_RESERVE = 4, AUCTION_DATE_TIME = 5, AUCTION_EXPIRES = 6, AUCTION_SELLER = 7, AUCTION_CATEGORY = 8,
            AUCTION_EXTRA = 9;
    public static final int BID_AUCTION = 0, BID_BIDDER = 1, BID_PRICE = 2, BID_CHANNEL = 3, BID_URL = 4,
            BID_DATE_TIME = 5, BID_EXTRA = 6;

    private final String tableName;
    private final List<Field> fields;

    NexmarkTable(String tableName, Field... fields) {
        this.tableName = tableName;
        this.fields = List.of(fields);
    }

    private static Field f(String name, ColumnType type) {
        return new Field(name, type, false);
    }

    /** Lower-case name as used in the {@code table} option: {@code person}, {@code auction}, {@code bid}. */
    public String tableName() { return tableName; }

    /** The fields, in the community's order; a field's index is its ordinal in a column map. */
    public List<Field> fields() { return fields; }

    /** All fields as a schema, with {@code dateTime} as the event-time column. */
    public Schema schema() {
        int rowtime = switch (this) {
            case PERSON -> PERSON_DATE_TIME;
            case AUCTION -> AUCTION_DATE_TIME;
            case BID -> BID_DATE_TIME;
        };
        return new Schema(fields, rowtime);
    }

    /** The table named {@code name} (case-insensitive), or null. */
    public static NexmarkTable byName(String name) {
        for (NexmarkTable t : values()) {
            if (t.tableName.equalsIgnoreCase(name.trim())) return t;
        }
        return null;
    }

    /** The ordinal of the field a column named {@code column} stands for, or -1. */
    public int fieldIndex(String column) {
        String c = column.toLowerCase(Locale.ROOT);
        for (int i = 0; i < fields.size(); i++) {
            String camel = fields.get(i).name();
            if (c.equals(camel.toLowerCase(Locale.ROOT)) || c.equals(snakeCase(camel))) return i;
        }
        return -1;
    }

    static String snakeCase(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char ch = camel.charAt(i);
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** The identity column map: field {@code i} goes to column {@code i} (a batch of {@link #schema()}). */
    public int[] identityMap() {
        int[] map = new int[fields.size()];
        for (int i = 0; i < map.length; i++) map[i] = i;
        return map;
    }

    /**
     * Maps the declared columns of source {@code sourceName} onto this table: entry {@code i} of the result is the
     * column that receives field {@code i}, or -1 when the source does not declare it. Throws a
     * {@link ConnectorException} naming the column when a column is not a field of this table, has an incompatible
     * type, or names a field another column already took.
     */
    public int[] bind(String sourceName, Schema schema) {
        int[] map = new int[fields.size()];
        Arrays.fill(map, -1);
        for (int c = 0; c < schema.size(); c++) {
            Field col = schema.field(c);
            int f = fieldIndex(col.name());
            if (f < 0) {
                throw new ConnectorException(ErrorCode.UNKNOWN_COLUMN, "column '" + col.name() + "' of SOURCE "
                        + sourceName + " is not a field of the Nexmark " + tableName + " table; its fields are "
                        + fieldList() + " (camelCase or snake_case)",
                        data("source", sourceName, "column", col.name(), "table", tableName), null);
            }
            Field field = fields.get(f);
            if (col.type() != field.type()) {
                throw new ConnectorException(ErrorCode.WRONG_TYPE, "column '" + col.name() + "' of SOURCE "
                        + sourceName + " is declared " + col.sqlType() + " but the Nexmark " + tableName + " field "
                        + field.name() + " is " + field.sqlType() + "; declare it as " + field.sqlType(),
                        data("source", sourceName, "column", col.name(), "table", tableName), null);
            }
            if (map[f] >= 0) {
                throw new ConnectorException(ErrorCode.VALIDATION, "columns '" + schema.field(map[f]).name()
                        + "' and '" + col.name() + "' of SOURCE " + sourceName + " both name the Nexmark "
                        + tableName + " field " + field.name() + "; declare it once",
                        data("source", sourceName, "column", col.name(), "table", tableName), null);
            }
            map[f] = c;
        }
        return map;
    }

    /** {@code auction BIGINT, bidder BIGINT, ...}: for error messages. */
    public String fieldList() {
        List<String> parts = new ArrayList<>(fields.size());
        for (Field f : fields) parts.add(f.name() + " " + f.sqlType());
        return String.join(", ", parts);
    }

    private static Map<String, Object> data(Object... kvs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kvs.length; i += 2) m.put((String) kvs[i], kvs[i + 1]);
        return m;
    }
}

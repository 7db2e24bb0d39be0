package io.laminar.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An ordered list of fields with case-insensitive lookup by name. Immutable.
 * {@code rowtimeIndex} is the event-time column (-1 when the rows carry no event time).
 */
public final class Schema {
    private final List<Field> fields;
    private final Map<String, Integer> byName;
    private final int rowtimeIndex;

    public Schema(List<Field> fields) {
        this(fields, -1);
    }

    public Schema(List<Field> fields, int rowtimeIndex) {
        this.fields = List.copyOf(fields);
        this.rowtimeIndex = rowtimeIndex;
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < this.fields.size(); i++) {
            m.putIfAbsent(this.fields.get(i).name().toLowerCase(Locale.ROOT), i);
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    public static Schema of(Field... fields) {
        return new Schema(List.of(fields));
    }

    public int size() { return fields.size(); }
    public Field field(int i) { return fields.get(i); }
    public List<Field> fields() { return fields; }
    public int rowtimeIndex() { return rowtimeIndex; }
    public Schema withRowtime(int index) { return new Schema(fields, index); }

    /** Index of the named column (case-insensitive), or -1. */
    public int indexOf(String name) {
        Integer i = byName.get(name.toLowerCase(Locale.ROOT));
        return i == null ? -1 : i;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(fields.size());
        for (Field f : fields) names.add(f.name());
        return names;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Schema s && s.fields.equals(fields) && s.rowtimeIndex == rowtimeIndex;
    }

    @Override public int hashCode() { return fields.hashCode() * 31 + rowtimeIndex; }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(fields.get(i).name()).append(' ').append(fields.get(i).sqlType());
            if (i == rowtimeIndex) sb.append(" *ROWTIME*");
        }
        return sb.append(')').toString();
    }
}

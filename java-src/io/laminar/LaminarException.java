package io.laminar;

import clojure.lang.IExceptionInfo;
import clojure.lang.IPersistentMap;
import clojure.lang.Keyword;
import clojure.lang.PersistentArrayMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every error Laminar raises: a stable code ({@code LDB-1001}), a category, a message that names the offending
 * object and the fix, and a data map. Implements {@link IExceptionInfo}, so Clojure's {@code ex-data} works on it.
 */
public class LaminarException extends RuntimeException implements IExceptionInfo {
    /** What kind of problem it is — what a caller can do about it. */
    public enum Category { INCORRECT, NOT_FOUND, CONFLICT, UNSUPPORTED, UNAVAILABLE, FAULT }

    private final ErrorCode code;
    private final Map<String, Object> data;

    public LaminarException(ErrorCode code, String message) {
        this(code, message, Map.of(), null);
    }

    public LaminarException(ErrorCode code, String message, Map<String, ?> data, Throwable cause) {
        super(code.code + ": " + message, cause);
        this.code = code;
        this.data = new LinkedHashMap<>(data);
    }

    public ErrorCode code() { return code; }
    public Category category() { return code.category; }
    public Map<String, Object> data() { return data; }

    /** The Clojure view: {@code {:laminar/code "LDB-1001", :laminar/category :incorrect, ...data}}. */
    @Override public IPersistentMap getData() {
        Object[] kvs = new Object[4 + data.size() * 2];
        kvs[0] = Keyword.intern("laminar", "code");
        kvs[1] = code.code;
        kvs[2] = Keyword.intern("laminar", "category");
        kvs[3] = Keyword.intern(code.category.name().toLowerCase().replace('_', '-'));
        int i = 4;
        for (Map.Entry<String, Object> e : data.entrySet()) {
            kvs[i++] = Keyword.intern(e.getKey());
            kvs[i++] = e.getValue();
        }
        return PersistentArrayMap.createAsIfByAssoc(kvs);
    }
}

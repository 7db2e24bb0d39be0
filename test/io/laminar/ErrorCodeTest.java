package io.laminar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Error codes are a public contract: users grep logs and match on them, so no two errors may share one. */
class ErrorCodeTest {
    @Test void everyCodeNamesOneError() {
        Map<String, ErrorCode> seen = new HashMap<>();
        for (ErrorCode c : ErrorCode.values()) {
            ErrorCode before = seen.put(c.code, c);
            assertTrue(before == null, c.code + " is used by both " + before + " and " + c);
            assertTrue(c.code.matches("LDB-\\d{4}"), c + " has a malformed code " + c.code);
        }
    }
}

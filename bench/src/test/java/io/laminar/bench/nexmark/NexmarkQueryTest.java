package io.laminar.bench.nexmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.laminar.LaminarException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class NexmarkQueryTest {
    @Test void everyEngineHasATextOrAReasonForEveryQuery() {
        for (NexmarkQuery q : NexmarkQuery.ALL) {
            for (String engine : NexmarkQuery.ENGINES) {
                String ext = engine.equals("esper") ? ".epl" : ".sql";
                assertNotNull(NexmarkQuery.resource("nexmark/" + engine + "/" + q.id() + ext), engine + " " + q.id());
            }
        }
    }

    @Test void aNotRunHeaderBecomesTheEnginesError() {
        Engine.QueryNotRunnable e = assertThrows(Engine.QueryNotRunnable.class,
                () -> NexmarkQuery.byId("q12").text("esper"));
        assertTrue(e.getMessage().contains("processing-time"), e.getMessage());
    }

    @Test void unknownQueriesAndEnginesAreNamedWithTheChoices() {
        PrintStream out = new PrintStream(new ByteArrayOutputStream());
        LaminarException q = assertThrows(LaminarException.class,
                () -> NexmarkBench.run(new String[] {"--queries", "q0,q99"}, out));
        assertTrue(q.getMessage().contains("unknown query 'q99'") && q.getMessage().contains("q5-inner"), q.getMessage());
        LaminarException e = assertThrows(LaminarException.class,
                () -> NexmarkBench.run(new String[] {"--engines", "spark"}, out));
        assertTrue(e.getMessage().contains("unknown engine 'spark'"), e.getMessage());
        LaminarException n = assertThrows(LaminarException.class,
                () -> NexmarkBench.run(new String[] {"--events", "-5"}, out));
        assertEquals("LDB-1007", n.code().code);
    }
}

package io.laminar.bench.nexmark;

import com.espertech.esper.common.client.EPCompiled;
import com.espertech.esper.common.client.EventSender;
import com.espertech.esper.common.client.configuration.Configuration;
import com.espertech.esper.compiler.client.CompilerArguments;
import com.espertech.esper.compiler.client.EPCompileException;
import com.espertech.esper.compiler.client.EPCompilerProvider;
import com.espertech.esper.runtime.client.EPDeployment;
import com.espertech.esper.runtime.client.EPRuntime;
import com.espertech.esper.runtime.client.EPRuntimeProvider;
import com.espertech.esper.runtime.client.EPStatement;
import io.laminar.connector.generator.NexmarkConfig;
import io.laminar.connector.generator.NexmarkEvent;
import io.laminar.connector.generator.NexmarkGenerator;
import io.laminar.connector.generator.NexmarkTable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Esper (EPL compiler + runtime), driven the way an embedding program drives it: one thread sends each bid as an
 * object-array event, and the runtime's clock is advanced to each event's time (external clocking, so time batches
 * follow event time; the stream is in order, so no watermark delay is needed). Statements named {@code result...}
 * deliver rows to a subscriber. A query whose text declares {@code -- upsert-key-columns: k} produces a table
 * keyed by its first k columns (Esper's unbounded {@code group by} emits each group's new row per event); its
 * subscriber keeps the latest row per key and the final rows go to the digest, the same final state the SQL
 * engines' changelogs describe. Windows end by advancing the clock a minute past the last event.
 */
final class EsperEngine implements Engine {
    private static final String[] BID_FIELDS = {"auction", "bidder", "price", "channel", "url", "dateTime", "extra"};
    private static final Object[] BID_TYPES = {Long.class, Long.class, Long.class, String.class, String.class,
        Long.class, String.class};

    private EPRuntime runtime;
    private long events;
    private ResultDigest digest;
    private Map<List<Object>, Object[]> upserts;
    private int keyColumns;

    @Override public String name() { return "esper"; }

    @Override public int workerThreads() { return 1; }

    @Override public void prepare(NexmarkQuery query, long events, ResultDigest digest) throws Exception {
        String epl = query.text("esper");
        this.events = events;
        this.digest = digest;
        String key = NexmarkQuery.header(epl).get("upsert-key-columns");
        if (key != null) {
            keyColumns = Integer.parseInt(key);
            upserts = new HashMap<>();
        }
        Configuration config = new Configuration();
        config.getRuntime().getThreading().setInternalTimerEnabled(false);
        config.getCommon().addEventType("Bid", BID_FIELDS, BID_TYPES);
        config.getCommon().addImport(NexmarkFunctions.class);
        config.getCompiler().getByteCode().setAllowSubscriber(true);
        EPCompiled compiled;
        try {
            compiled = EPCompilerProvider.getCompiler().compile(withoutHeader(epl), new CompilerArguments(config));
        } catch (EPCompileException e) {
            throw new QueryNotRunnable("Esper rejected the EPL: " + FlinkEngine.firstLine(e));
        }
        runtime = EPRuntimeProvider.getRuntime("nexmark-" + query.id() + "-" + System.nanoTime(), config);
        runtime.getEventService().advanceTime(NexmarkConfig.DEFAULT.firstEventTime());
        EPDeployment deployment = runtime.getDeploymentService().deploy(compiled);
        for (EPStatement s : deployment.getStatements()) {
            if (s.getName().startsWith("result")) s.setSubscriber(new RowSubscriber(), "update");
        }
    }

    @Override public void execute() {
        NexmarkGenerator generator = new NexmarkGenerator(NexmarkConfig.DEFAULT);
        EventSender sender = runtime.getEventService().getEventSender("Bid");
        var clock = runtime.getEventService();
        long now = clock.getCurrentTime();
        for (long n = NexmarkGenerator.nextEventOf(0, NexmarkTable.BID); n < events;
             n = NexmarkGenerator.nextEventOf(n + 1, NexmarkTable.BID)) {
            NexmarkEvent.Bid b = generator.bid(n);
            if (b.dateTime() > now) {
                now = b.dateTime();
                clock.advanceTime(now);
            }
            sender.sendEvent(new Object[] {b.auction(), b.bidder(), b.price(), b.channel(), b.url(), b.dateTime(),
                b.extra()});
        }
        clock.advanceTime(now + 60_000);
        if (upserts != null && digest != null) {
            for (Object[] row : upserts.values()) hash(row);
        }
    }

    /** EPL comments are {@code //}; the {@code --} lines are the harness's header. */
    private static String withoutHeader(String epl) {
        return epl.replaceAll("(?m)^\\s*--.*$", "");
    }

    private void hash(Object[] row) {
        digest.beginRow();
        for (Object v : row) digest.addObject(v);
        digest.endRow(true);
    }

    @Override public void close() {
        if (runtime != null) runtime.destroy();
    }

    /** Esper's row-by-row subscriber: {@code update(Object[])} per output row of the insert stream. */
    public final class RowSubscriber {
        public void update(Object[] row) {
            if (digest == null) return; // a measured run: the row was delivered, nothing more
            if (upserts == null) hash(row);
            else upserts.put(Arrays.asList(Arrays.copyOf(row, keyColumns)), row);
        }
    }
}

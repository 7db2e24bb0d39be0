package io.laminar.connector;

import io.laminar.data.Batch;
import io.laminar.data.Schema;
import java.nio.file.Path;
import java.util.Set;

/**
 * {@code INTO BLACKHOLE}: a sink that drops every row, for measuring a pipeline without the cost of an output (what
 * Flink's {@code blackhole} connector is for) and for running a stream only for its side effects. Its write is free,
 * so it runs on the producing cores without a copy ({@link SinkConnector#writesOnProducingCore()},
 * {@link SinkConnector#writesConcurrently()}).
 */
public final class BlackholeConnector implements ConnectorFactory {
    @Override public String name() { return "BLACKHOLE"; }

    @Override public Set<String> optionKeys() { return Set.of(); }

    @Override public SinkConnector createSink(String sinkName, Schema schema, boolean updating, Options options,
                                              Path workDir) {
        return new Sink();
    }

    private static final class Sink implements SinkConnector {
        @Override public void write(Batch batch) {}

        @Override public boolean writesOnProducingCore() { return true; }

        @Override public boolean writesConcurrently() { return true; }

        @Override public void flush() {}

        @Override public void close() {}
    }
}

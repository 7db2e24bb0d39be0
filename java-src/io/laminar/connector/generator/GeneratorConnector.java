package io.laminar.connector.generator;

import io.laminar.connector.ConnectorFactory;
import java.util.Set;

/** GENERATOR: deterministic synthetic data, including the Nexmark person/auction/bid generator. */
public final class GeneratorConnector implements ConnectorFactory {
    @Override public String name() { return "GENERATOR"; }
    @Override public Set<String> optionKeys() { return Set.of(); }
}

/**
 * The command line ({@code bin/laminar}): {@code run} executes a SQL script, {@code demo} drives live windowed queries
 * over the Nexmark generator, {@code sql} is an interactive shell. {@link io.laminar.cli.Main} dispatches;
 * each subcommand is one package-private class that drives the public Java API ({@link io.laminar.Laminar}) and
 * writes only to the {@code PrintStream}s it is given, so tests run it in-process.
 *
 * <p>Threads: results arrive on Laminar's delivery thread, status lines come from a timer, and both print under one
 * lock per command. A shutdown hook closes the database, so Ctrl-C flushes sinks.
 *
 * <p>{@link io.laminar.cli.Tap} is a sink connector private to the CLI ({@code INTO CLI_TAP}): {@code run} appends a
 * tap for every stream it creates to the script it executes, so the tap reads from the first row on (sources start at
 * the end of that very {@code execute}; a subscription made afterwards could miss rows).
 */
package io.laminar.cli;

package io.laminar.lookup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test support: a real PostgreSQL server of this machine's installation (Debian's postgresql package; .ci/run
 * installs it), started in a temporary directory on a free port of 127.0.0.1 and removed on close. As root, the
 * server runs as the {@code postgres} user (PostgreSQL refuses to run as root). {@code LAMINAR_PG_BIN} may name the
 * directory holding {@code initdb} and {@code postgres}.
 */
public final class PostgresServer implements AutoCloseable {
    private final Path dir;
    private final Path bin;
    private final boolean asPostgresUser;
    private final Process server;
    public final int port;

    private PostgresServer(Path bin, Path dir, boolean asPostgresUser, int port) throws IOException, InterruptedException {
        this.bin = bin;
        this.dir = dir;
        this.asPostgresUser = asPostgresUser;
        this.port = port;
        run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "laminar",
                "--auth=trust", "-E", "UTF8", "--no-sync"));
        this.server = new ProcessBuilder(command(List.of(bin.resolve("postgres").toString(), "-D",
                dir.resolve("data").toString(), "-p", String.valueOf(port), "-k", dir.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
    }

    public static PostgresServer start() throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("laminar-pg");
        if (root) {
            var owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(dir, owner);
        }
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free now; closed before the server binds it
        }
        PostgresServer pg = new PostgresServer(bin, dir, root, port);
        pg.awaitReady();
        return pg;
    }

    private static Path binaries() throws IOException, InterruptedException {
        String env = System.getenv("LAMINAR_PG_BIN");
        if (env != null) return Path.of(env);
        if (!Files.isDirectory(Path.of("/usr/lib/postgresql"))) install();
        try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (Exception e) {
            throw new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql: install Debian's "
                    + "postgresql package (apt-get install postgresql; .ci/run does this) or set LAMINAR_PG_BIN", e);
        }
    }

    /** A fresh machine: Debian's postgresql package, as .ci/run installs it (root, or sudo without a password). */
    private static synchronized void install() throws IOException, InterruptedException {
        if (Files.isDirectory(Path.of("/usr/lib/postgresql"))) return;
        String sudo = "root".equals(System.getProperty("user.name")) ? "" : "sudo -n ";
        Process p = new ProcessBuilder("sh", "-c", sudo + "apt-get update -qq && " + sudo
                + "env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) System.err.println("installing postgresql failed:\n" + out);
    }

    private List<String> command(List<String> cmd) {
        if (!asPostgresUser) return cmd;
        List<String> c = new ArrayList<>(List.of("runuser", "-u", "postgres", "--"));
        c.addAll(cmd);
        return c;
    }

    private void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(cmd)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed:\n" + out);
    }

    private void awaitReady() throws Exception {
        SQLException last = null;
        for (int i = 0; i < 300; i++) {
            if (!server.isAlive()) throw new IOException("postgres exited: " + Files.readString(dir.resolve("server.log")));
            try (Connection c = DriverManager.getConnection(url() + "&connectTimeout=2&socketTimeout=5")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IOException("postgres did not accept connections on port " + port, last);
    }

    public String url() { return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=laminar"; }

    public void execute(String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url()); Statement st = c.createStatement()) {
            for (String s : statements) st.execute(s);
        }
    }

    @Override public void close() throws Exception {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "stop"));
        } finally {
            server.destroyForcibly().waitFor();
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}

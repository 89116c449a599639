package io.gryt.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for tests: made with {@code initdb} in a temporary directory and started with
 * {@code pg_ctl} on a free loopback port, once per test JVM (test classes share it, each with databases of its own
 * from {@link #newDatabase}), and stopped when the JVM exits. Initdb refuses to run as root, so as root the server
 * runs as the {@code postgres} user (Debian's package creates it). Role {@value #USER} connects from 127.0.0.1
 * without a password; role {@value #SECURED} needs password {@value #SECURED_PASSWORD}.
 *
 * <pre>{@code
 * PostgresCluster pg = PostgresCluster.shared();   // skips the test when there is no PostgreSQL server binary
 * String url = pg.newDatabase("contract");         // postgres://gryt@127.0.0.1:<port>/contract_1
 * }</pre>
 */
public final class PostgresCluster {
    /** The superuser, trusted from loopback. */
    public static final String USER = "gryt";
    /** A role that must give its password. */
    public static final String SECURED = "secured";
    /** {@link #SECURED}'s password. */
    public static final String SECURED_PASSWORD = "s3cret-for-tests";

    private static PostgresCluster shared;
    private static String unavailable;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final boolean asPostgresUser;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresCluster(Path bin, Path dir, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** The cluster of this test JVM, started on first use; the calling test is skipped when it cannot start. */
    public static synchronized PostgresCluster shared() {
        if (shared == null && unavailable == null) {
            try {
                shared = start();
            } catch (IllegalStateException e) {
                unavailable = e.getMessage();
            }
        }
        Assumptions.assumeTrue(shared != null, () -> "skipped: " + unavailable);
        return shared;
    }

    private static PostgresCluster start() {
        Path bin = binaries();
        if (bin == null) {
            throw new IllegalStateException("no PostgreSQL server binaries (initdb, pg_ctl on PATH or in"
                    + " /usr/lib/postgresql/<version>/bin): install Debian's postgresql package");
        }
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("gryt-pg-");
            Path data = dir.resolve("data");
            Path pwfile = dir.resolve("pw");
            Files.writeString(pwfile, "unused-superuser-password\n");
            if (root) run(List.of("chown", "-R", "postgres:postgres", dir.toString()), Duration.ofSeconds(10));
            PostgresCluster cluster = new PostgresCluster(bin, dir, freePort(), root);
            cluster.pg(Duration.ofSeconds(120), "initdb", "-D", data.toString(), "-U", USER, "--pwfile", pwfile.toString(),
                    "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C");
            Files.writeString(data.resolve("pg_hba.conf"), """
                    local all all trust
                    host all %s 127.0.0.1/32 scram-sha-256
                    host all all 127.0.0.1/32 trust
                    """.formatted(SECURED));
            cluster.startServer();
            Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "stop test PostgreSQL"));
            cluster.sql("postgres", "CREATE ROLE " + SECURED + " LOGIN PASSWORD '" + SECURED_PASSWORD + "'");
            return cluster;
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a PostgreSQL cluster: " + e, e);
        }
    }

    /** A new empty database owned by {@link #USER}, named {@code <prefix>_<n>}; its store URL. */
    public String newDatabase(String prefix) {
        String name = prefix.toLowerCase().replaceAll("[^a-z0-9_]", "_") + "_" + databases.incrementAndGet();
        sql("postgres", "CREATE DATABASE " + name);
        return url(USER, name);
    }

    /** The store URL of database {@code database} for role {@code user}. */
    public String url(String user, String database) {
        return "postgres://" + user + "@127.0.0.1:" + port + "/" + database;
    }

    /** The server's port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Runs {@code sql} in {@code database} as {@link #USER} with psql, failing on the first error. */
    public String sql(String database, String sql) {
        return run(List.of(psql(), "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p",
                String.valueOf(port), "-U", USER, "-d", database, "-c", sql), Duration.ofSeconds(60));
    }

    /** Restarts the server (fast shutdown: connections are cut, committed work is kept). */
    public void restart() {
        pg(Duration.ofSeconds(60), "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
        startServer();
    }

    private void startServer() {
        pg(Duration.ofSeconds(60), "pg_ctl", "-D", dir.resolve("data").toString(), "-l", dir.resolve("log").toString(),
                "-w", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                        + " -c max_connections=120 -c shared_buffers=16MB", "start");
    }

    private void stop() {
        try {
            pg(Duration.ofSeconds(30), "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // left in the temporary directory
        }
    }

    private String pg(Duration timeout, String tool, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) command.addAll(List.of("runuser", "-u", "postgres", "--"));
        command.add(bin.resolve(tool).toString());
        command.addAll(List.of(args));
        return run(command, timeout);
    }

    private String psql() {
        Path beside = bin.resolve("psql");
        return Files.isExecutable(beside) ? beside.toString() : "psql";
    }

    private static String run(List<String> command, Duration timeout) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end within " + timeout);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + text.strip());
            }
            return text.strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Path binaries() {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path initdb = Path.of(entry).resolve("initdb");
            if (!entry.isEmpty() && Files.isExecutable(initdb) && Files.isExecutable(Path.of(entry).resolve("pg_ctl"))) {
                try {
                    return initdb.toRealPath().getParent();
                } catch (IOException e) {
                    return null;
                }
            }
        }
        Path lib = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(lib)) return null;
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(Path::toString)).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

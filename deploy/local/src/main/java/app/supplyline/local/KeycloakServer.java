package app.supplyline.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Keycloak ({@code org.keycloak:keycloak-quarkus-dist}) in dev mode with the Supplyline realm imported.
 * The distribution is unpacked once into the cache directory; the database (H2 file) lives in the data directory,
 * so users and sessions survive a restart and {@code --fresh} wipes them.
 */
public final class KeycloakServer implements Server {

    private static final System.Logger LOG = System.getLogger(KeycloakServer.class.getName());
    public static final String REALM = "supplyline";

    private final int port;
    private final int managementPort;
    private final Path dataDir;
    private final Path cacheDir;
    private final Path realmFile;
    private final Map<String, String> realmVariables;
    private ManagedProcess process;

    /**
     * @param realmVariables {@code ${NAME}} placeholders of the realm file and their values (the mail catcher's
     *                       port), replaced in the copy Keycloak imports
     */
    public KeycloakServer(int port, int managementPort, Path dataDir, Path cacheDir, Path realmFile,
            Map<String, String> realmVariables) {
        this.port = port;
        this.managementPort = managementPort;
        this.dataDir = dataDir.toAbsolutePath();
        this.cacheDir = cacheDir.toAbsolutePath();
        this.realmFile = realmFile.toAbsolutePath().normalize();
        this.realmVariables = Map.copyOf(realmVariables);
    }

    @Override
    public void start() {
        Ports.requireFree(port, "Keycloak");
        Ports.requireFree(managementPort, "Keycloak's management interface");
        if (!Files.isRegularFile(realmFile)) {
            throw new StackException("Realm file not found: " + realmFile);
        }
        Path javaHome = JavaRuntimes.homeAtLeast(21);
        Path home = distribution();
        // the distribution's data/import is where --import-realm reads (the realm is imported once, into a new database)
        Path importDir = home.resolve("data/import");
        try {
            Files.createDirectories(importDir);
            Files.createDirectories(dataDir);
            String realm = Files.readString(realmFile);
            for (Map.Entry<String, String> variable : realmVariables.entrySet()) {
                realm = realm.replace("${" + variable.getKey() + "}", variable.getValue());
            }
            Files.writeString(importDir.resolve(REALM + "-realm.json"), realm);
            installProviders(home);
        } catch (IOException e) {
            throw new StackException("Cannot prepare Keycloak's realm import: " + e.getMessage(), e);
        }
        List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port=" + port,
                "--http-host=127.0.0.1",
                // one issuer whatever name a client used (localhost or 127.0.0.1): the services trust exactly one
                "--hostname=" + url(),
                "--http-management-port=" + managementPort,
                "--health-enabled=true",
                "--import-realm",
                // brute-force detection stays on for failed logins, but two logins of one user close together (a
                // phone and a laptop, a test's token refresh) are not taken for an attack (Keycloak 26's default)
                "--spi-brute-force-protector--default-brute-force-detector--allow-concurrent-requests=true",
                "--db=dev-file");
        Map<String, String> env = Map.of(
                "JAVA_HOME", javaHome.toString(),
                "JAVA", javaHome.resolve("bin/java").toString(),
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m",
                // the H2 database goes to <dataDir>/data/h2 instead of the shared distribution
                "JAVA_OPTS_APPEND", "-Dkc.db-url-path=" + dataDir,
                "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                "KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        process = ManagedProcess.start("Keycloak", command, env, home, dataDir.resolve("keycloak.log"));
        process.awaitReady(this::realmAnswers, Duration.ofMinutes(4));
        LOG.log(System.Logger.Level.INFO, "Keycloak {0} ready at {1}", BuildInfo.keycloakVersion(), url());
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(30));
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** The issuer the services trust: {@code http://localhost:<port>/realms/supplyline}. */
    public String realmUrl() {
        return url() + "/realms/" + REALM;
    }

    public String tokenEndpoint() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    private boolean realmAnswers() {
        return HttpProbe.answers200(realmUrl() + "/.well-known/openid-configuration");
    }

    /**
     * Supplyline's Keycloak extensions (deploy/keycloak-extensions: self-registration makes a parent who consented)
     * into the distribution's providers/, replaced only when they changed — Keycloak rebuilds itself on start then.
     */
    private static void installProviders(Path home) throws IOException {
        Path jar = BuildInfo.keycloakExtensionsJar();
        if (!Files.isRegularFile(jar)) {
            throw new StackException("Supplyline's Keycloak extensions are not built (" + jar + "): build with ./mvnw first.");
        }
        Path target = home.resolve("providers/supplyline-keycloak-extensions.jar");
        if (Files.isRegularFile(target) && java.util.Arrays.equals(Files.readAllBytes(target), Files.readAllBytes(jar))) {
            return;
        }
        Files.createDirectories(target.getParent());
        Path staging = target.resolveSibling(target.getFileName() + ".tmp-" + UUID.randomUUID());
        Files.copy(jar, staging);
        Files.move(staging, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The distribution, unpacked once per version into the cache directory. */
    private Path distribution() {
        String version = BuildInfo.keycloakVersion();
        Path target = cacheDir.resolve("keycloak-" + version);
        if (Files.isRegularFile(target.resolve("bin/kc.sh"))) {
            return target;
        }
        Path zip = BuildInfo.keycloakDistZip();
        if (!Files.isRegularFile(zip)) {
            throw new StackException("The Keycloak distribution is not in the local Maven repository (" + zip
                    + "): build the project with ./mvnw first.");
        }
        Path staging = cacheDir.resolve("keycloak-" + version + ".tmp-" + UUID.randomUUID());
        String prefix = "keycloak-" + version + "/";
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            Files.createDirectories(staging);
            Enumeration<? extends ZipEntry> entries = archive.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : entry.getName();
                Path out = staging.resolve(name).normalize();
                if (!out.startsWith(staging)) {
                    throw new IOException("Archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(out);
                    continue;
                }
                Files.createDirectories(out.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
                if (name.startsWith("bin/") && name.endsWith(".sh")) {
                    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) {
                if (!Files.isRegularFile(target.resolve("bin/kc.sh"))) {
                    throw raced;
                }
            }
            return target;
        } catch (IOException e) {
            throw new StackException("Cannot unpack Keycloak into " + target + ": " + e.getMessage(), e);
        } finally {
            FileTrees.deleteQuietly(staging);
        }
    }
}

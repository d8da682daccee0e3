package app.supplyline.system;

import app.supplyline.local.JavaRuntimes;
import app.supplyline.local.Ports;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A packaged service started as production would start it — profile {@code prod}, nothing but PATH and HOME in its
 * environment — refuses to start and names every secret it lacks (the property; its variable is the property in
 * upper case with underscores), instead of starting on development values (the local stack's database passwords,
 * generated VAPID keys, the dev realm's client secret). It stops while reading its configuration: before it migrates
 * a database or connects to anything.
 */
class ProductionProfileIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "session-service;quarkus.datasource.password quarkus.oidc.auth-server-url supplyline.keys.kek "
                    + "supplyline.erasure.client-secret",
            "analytics-service;quarkus.datasource.password quarkus.oidc.auth-server-url supplyline.keys.kek",
            "notification-service;quarkus.datasource.password quarkus.oidc.auth-server-url supplyline.keys.kek "
                    + "supplyline.push.vapid.public-key supplyline.push.vapid.private-key",
            "web;quarkus.datasource.password quarkus.oidc.auth-server-url quarkus.oidc.credentials.secret "
                    + "quarkus.oidc.authentication.state-secret"})
    void withoutItsSecretsAServiceRefusesToStartAndNamesEachOne(String service, String secrets) throws Exception {
        Path project = Path.of(System.getProperty("supplyline.project.dir", "../..")).toAbsolutePath().normalize();
        Path jar = project.resolve(service + "/target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built before the system tests");
        Path log = Files.createTempFile("prod-" + service, ".log");

        ProcessBuilder builder = new ProcessBuilder(JavaRuntimes.current().toString(), "-Xmx192m", "-jar", jar.toString())
                .directory(jar.getParent().toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> !List.of("PATH", "HOME", "LANG", "TMPDIR").contains(name));
        env.put("QUARKUS_PROFILE", "prod");
        // free ports of this machine: the service stops before it listens or connects
        env.put("QUARKUS_HTTP_PORT", Integer.toString(Ports.freePort()));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "localhost:" + Ports.freePort());
        // and never a developer's running stack, should a start ever get that far
        int closed = Ports.freePort();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + closed + "/none");
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + closed + "/none");
        Process process = builder.start();
        try {
            assertTrue(process.waitFor(90, TimeUnit.SECONDS), service + " still runs without its secrets: " + read(log));
            assertNotEquals(0, process.exitValue(), service + " exited normally: " + read(log));
            String output = read(log);
            assertTrue(output.contains("Configuration validation failed"), output);
            for (String secret : Arrays.asList(secrets.split(" "))) {
                assertTrue(output.contains("Could not expand value " + secret + " in property"),
                        service + " does not name " + secret + ":\n" + output);
            }
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }
}

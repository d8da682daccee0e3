package app.supplyline.local.testing;

import app.supplyline.local.KafkaServer;
import app.supplyline.local.Ports;
import app.supplyline.local.PostgresServer;
import app.supplyline.local.StackSettings;
import app.supplyline.local.Topics;

import java.nio.file.Path;
import java.util.UUID;

/**
 * One PostgreSQL server and one Kafka broker per test JVM, on free ports and fresh data under
 * {@code target/supplyline-test}, stopped when the JVM exits. Test classes of a module share them, as they share a
 * Quarkus application.
 */
public final class TestServers {

    private static PostgresServer postgres;
    private static KafkaServer kafka;

    private TestServers() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            PostgresServer server = new PostgresServer(Ports.freePort(), runDir().resolve("postgres"),
                    StackSettings.defaultCacheDir());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
            postgres = server;
        }
        return postgres;
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            KafkaServer server = new KafkaServer(Ports.freePort(), Ports.freePort(), runDir().resolve("kafka"));
            server.start();
            server.createTopics(Topics.ALL);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-kafka-stop"));
            kafka = server;
        }
        return kafka;
    }

    private static Path runDir;

    private static synchronized Path runDir() {
        if (runDir == null) {
            runDir = Path.of(System.getProperty("supplyline.test.dir", "target/supplyline-test"))
                    .toAbsolutePath().resolve("run-" + UUID.randomUUID());
        }
        return runDir;
    }
}

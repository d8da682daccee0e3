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
            PostgresServer server = onFreePorts(() -> {
                PostgresServer candidate = new PostgresServer(Ports.freePort(), runDir().resolve("postgres"),
                        StackSettings.defaultCacheDir());
                candidate.start();
                return candidate;
            });
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
            postgres = server;
        }
        return postgres;
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            KafkaServer server = onFreePorts(() -> {
                KafkaServer candidate = new KafkaServer(Ports.freePort(), Ports.freePort(), runDir().resolve("kafka"));
                candidate.start();
                return candidate;
            });
            server.createTopics(Topics.ALL);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-kafka-stop"));
            kafka = server;
        }
        return kafka;
    }

    /** Starts a server on ports picked now, and picks again (at most three times) when one was taken meanwhile. */
    private static <S> S onFreePorts(java.util.function.Supplier<S> start) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start.get();
            } catch (Ports.PortTakenException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
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

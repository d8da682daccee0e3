package app.supplyline.local.testing;

import app.supplyline.local.KafkaServer;
import app.supplyline.local.LocalPushService;
import app.supplyline.local.Ports;
import app.supplyline.local.PostgresServer;
import app.supplyline.local.Server;
import app.supplyline.local.StackException;
import app.supplyline.local.StackSettings;
import app.supplyline.local.Topics;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import java.util.UUID;

/**
 * One PostgreSQL server, one Kafka broker and one local push service per test JVM, on free ports and fresh data under
 * {@code target/supplyline-test}, stopped when the JVM exits. Test classes of a module share them, as they share a
 * Quarkus application.
 */
public final class TestServers {

    private static PostgresServer postgres;
    private static KafkaServer kafka;
    private static LocalPushService push;

    private TestServers() {
    }

    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            PostgresServer server = onFreePorts(() -> {
                int port = Ports.freePort();
                return new Started<>(new PostgresServer(port, runDir().resolve("postgres"), StackSettings.defaultCacheDir()),
                        List.of(port));
            });
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-postgres-stop"));
            postgres = server;
        }
        return postgres;
    }

    public static synchronized KafkaServer kafka() {
        if (kafka == null) {
            KafkaServer server = onFreePorts(() -> {
                int port = Ports.freePort();
                int controller = Ports.freePort();
                return new Started<>(new KafkaServer(port, controller, runDir().resolve("kafka")), List.of(port, controller));
            });
            server.createTopics(Topics.ALL);
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-kafka-stop"));
            kafka = server;
        }
        return kafka;
    }

    /** One local push service per test JVM, on a free port. */
    public static synchronized LocalPushService push() {
        if (push == null) {
            LocalPushService service = new LocalPushService(0);
            service.start();
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "test-push-stop"));
            push = service;
        }
        return push;
    }

    /** A server to start, and the ports it was given. */
    private record Started<S extends Server>(S server, List<Integer> ports) {
    }

    /**
     * Starts a server on ports picked now, and picks again (at most three times) when one was taken meanwhile: found
     * taken before the start, or listening after a failed start and the server's stop (another process took it).
     */
    private static <S extends Server> S onFreePorts(Supplier<Started<S>> candidate) {
        for (int attempt = 1; ; attempt++) {
            Started<S> next = candidate.get();
            try {
                next.server().start();
                return next.server();
            } catch (StackException e) {
                next.server().close();
                boolean taken = e instanceof Ports.PortTakenException || next.ports().stream().anyMatch(Ports::isListening);
                if (!taken || attempt == 3) {
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

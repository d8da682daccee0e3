package app.supplyline.local.testing;

import app.supplyline.local.KafkaServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Gives a {@code @QuarkusTest} a real Kafka broker with Supplyline's topics. With {@code KAFKA_BOOTSTRAP_SERVERS}
 * in the environment the test uses that broker instead. Tests reach the broker through {@link #broker()}, e.g. to
 * stop and start it.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        if (System.getenv("KAFKA_BOOTSTRAP_SERVERS") != null) {
            return Map.of();
        }
        return Map.of("kafka.bootstrap.servers", TestServers.kafka().bootstrapServers());
    }

    @Override
    public void stop() {
        // shared by the module's test classes; stopped when the test JVM exits (TestServers)
    }

    /** The broker this JVM's tests use. */
    public static KafkaServer broker() {
        return TestServers.kafka();
    }
}

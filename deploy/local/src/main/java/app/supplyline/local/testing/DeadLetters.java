package app.supplyline.local.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads a dead-letter topic from its beginning: each record with the reason SmallRye gave it. */
public final class DeadLetters implements AutoCloseable {

    /** A dead letter: the original key and value, and the {@code dead-letter-reason} header. */
    public record Letter(String key, String value, String reason) {
    }

    private final KafkaConsumer<String, String> consumer;
    private final List<Letter> seen = new ArrayList<>();

    public DeadLetters(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "dead-letters-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls once more and answers every letter seen so far. */
    public List<Letter> poll() {
        consumer.poll(Duration.ofMillis(300)).forEach(r -> {
            Header reason = r.headers().lastHeader("dead-letter-reason");
            seen.add(new Letter(r.key(), r.value(), reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8)));
        });
        return List.copyOf(seen);
    }

    /** Polls once more and answers the letters of this key. */
    public List<Letter> withKey(String key) {
        return poll().stream().filter(l -> key.equals(l.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

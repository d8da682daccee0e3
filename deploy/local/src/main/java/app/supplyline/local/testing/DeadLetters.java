package app.supplyline.local.testing;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a dead-letter topic from its beginning, each record with the reason SmallRye gave it. The reader holds every
 * partition itself (no consumer group, so no assignment to wait for), and each {@link #poll()} reads up to the
 * topic's end as it is at that moment: what it answers is complete, not what one short poll happened to fetch.
 */
public final class DeadLetters implements AutoCloseable {

    /** A dead letter: the original key and value, and the {@code dead-letter-reason} header. */
    public record Letter(String key, String value, String reason) {
    }

    private static final Duration READ_LIMIT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, String> consumer;
    private final List<Letter> seen = new ArrayList<>();

    public DeadLetters(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "true"), new StringDeserializer(), new StringDeserializer());
        // a dead-letter topic exists once something was dead-lettered; asking for it creates it (empty) otherwise
        List<TopicPartition> partitions = new ArrayList<>();
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        while (partitions.isEmpty() && System.nanoTime() < deadline) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null) {
                infos.forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
        }
        if (partitions.isEmpty()) {
            consumer.close();
            throw new IllegalStateException("no partition of " + topic + " within " + READ_LIMIT);
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Reads up to the topic's end as of now and answers every letter seen so far. */
    public List<Letter> poll() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + READ_LIMIT.toNanos();
        do {
            consumer.poll(Duration.ofMillis(100)).forEach(r -> {
                Header reason = r.headers().lastHeader("dead-letter-reason");
                seen.add(new Letter(r.key(), r.value(),
                        reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8)));
            });
        } while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())
                && System.nanoTime() < deadline);
        return List.copyOf(seen);
    }

    /** Reads up to the topic's end as of now and answers the letters of this key. */
    public List<Letter> withKey(String key) {
        return poll().stream().filter(l -> key.equals(l.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}

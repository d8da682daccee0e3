package app.supplyline.system;

import app.supplyline.local.Topics;
import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.awaitility.Awaitility.await;

/**
 * The raw records of the sessions topic ({@code supplyline.sessions.v1}, key = parent id), read from its beginning by
 * a consumer of no group: what session-service's relay published, duplicates included, which no service's API can
 * show (their views are keyed by session or by event).
 */
final class SessionTopicRecords {

    private SessionTopicRecords() {
    }

    /**
     * The records of each parent of {@code barrierByParent} (parent id → the id of a barrier session), in the order of
     * their partition, read until the record of every barrier session has been seen; fails when one is not seen
     * within {@code bound}. A barrier is a session the parent logged after everything the test counts: the relay
     * publishes a parent's events in stream order, all on one partition, so once the barrier's record is read every
     * earlier record of that parent has been read too.
     */
    static Map<String, List<ConsumerRecord<String, String>>> untilBarriers(SystemStack stack,
            Map<String, String> barrierByParent, Duration bound) {
        Map<String, List<ConsumerRecord<String, String>>> byParent = new HashMap<>();
        barrierByParent.keySet().forEach(parent -> byParent.put(parent, new ArrayList<>()));
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(readerProperties(stack))) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < Topics.ALL.get(Topics.SESSIONS); p++) {
                partitions.add(new TopicPartition(Topics.SESSIONS, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // the consumer is not thread-safe: polled by the test's own thread only
            await().atMost(bound).pollInSameThread().pollInterval(Duration.ofMillis(10)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    List<ConsumerRecord<String, String>> records = byParent.get(r.key());
                    if (records != null) {
                        records.add(r);
                    }
                }
                return barrierByParent.entrySet().stream().allMatch(barrier -> byParent.get(barrier.getKey()).stream()
                        .anyMatch(r -> barrier.getValue().equals(sessionId(r))));
            });
        }
        return byParent;
    }

    /** The session a record is about, or null for a record about no session (a profile, a check-in). */
    static String sessionId(ConsumerRecord<String, String> record) {
        return record.value() == null ? null : JsonPath.from(record.value()).getString("sessionId");
    }

    /** A reader of the stack's topics that belongs to no group and reads committed records only. */
    static Properties readerProperties(SystemStack stack) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.components().kafka().bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}

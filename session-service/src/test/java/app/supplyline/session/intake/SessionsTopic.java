package app.supplyline.session.intake;

import app.supplyline.local.testing.KafkaTestResource;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Reads {@code supplyline.sessions.v1} on the test broker with a plain Kafka consumer, from the beginning. */
public final class SessionsTopic {

    public static final String TOPIC = "supplyline.sessions.v1";

    /** How long the records of a test may take to reach the topic when the broker is up. */
    public static final Duration USUAL_WAIT = Duration.ofSeconds(30);

    /**
     * Barrier sessions start here, 15 minutes apart, far from the sessions of any test (which log at most 70 days
     * back) and well within the 366 days a session may be logged back.
     */
    private static final Instant BARRIERS_FROM =
            Instant.now().truncatedTo(ChronoUnit.HOURS).minus(300, ChronoUnit.DAYS);
    private static final AtomicInteger BARRIERS = new AtomicInteger();

    private SessionsTopic() {
    }

    /**
     * Every record of the parent published before a barrier, for counting them exactly: waits (bounded) until at
     * least {@code atLeast} of them are on the topic, then logs a barrier session for the parent (same key, same
     * partition, later in the stream) and reads until the barrier's record. The relay publishes a parent's events
     * in stream order, so a duplicate sent a moment after the awaited records lies before the barrier and is
     * counted — where stopping the moment the count is reached would miss it. The barrier adds a session, an
     * event and a record to the parent: check the parent's rows before calling this.
     */
    public static List<ConsumerRecord<String, String>> recordsBeforeBarrier(String parentId, String token,
            int atLeast) {
        return recordsBeforeBarrier(parentId, token, atLeast, USUAL_WAIT);
    }

    /** {@link #recordsBeforeBarrier(String, String, int)}, each wait bounded by {@code atMost}. */
    public static List<ConsumerRecord<String, String>> recordsBeforeBarrier(String parentId, String token,
            int atLeast, Duration atMost) {
        if (atLeast > 0) {
            awaitRecords(parentId, atLeast, atMost);
        }
        return recordsBefore(parentId, logBarrier(token), atMost);
    }

    /**
     * Logs a short pumping session for the token's parent, at a time no test session uses, and returns its id:
     * its record is published after every event the parent had before.
     */
    public static String logBarrier(String token) {
        Instant start = BARRIERS_FROM.plus(15L * BARRIERS.getAndIncrement(), ChronoUnit.MINUTES);
        String body = new JsonObject().put("type", "PUMPING").put("startedAt", start.toString())
                .put("endedAt", start.plus(10, ChronoUnit.MINUTES).toString()).put("leftMl", 10).encode();
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post("/api/sessions")
                .then().statusCode(201).extract().path("id");
    }

    /**
     * The records with this key before the record of session {@code barrierSessionId}, in partition order; reads
     * until that record is seen and fails when it is not within {@code atMost}.
     */
    public static List<ConsumerRecord<String, String>> recordsBefore(String key, String barrierSessionId,
            Duration atMost) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, String>> before = new ArrayList<>();
            AtomicBoolean barrierSeen = new AtomicBoolean();
            // the consumer is not thread-safe: poll it on the test's own thread
            await().alias("the barrier record of " + key).atMost(atMost).pollInSameThread()
                    .pollInterval(Duration.ofMillis(20)).until(() -> {
                        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                            if (barrierSeen.get() || !key.equals(r.key())) {
                                continue;
                            }
                            if (barrierSessionId.equals(new JsonObject(r.value()).getString("sessionId"))) {
                                barrierSeen.set(true);
                            } else {
                                before.add(r);
                            }
                        }
                        return barrierSeen.get();
                    });
            return before;
        }
    }

    /** Waits (bounded) until {@code expected} records with this key are on the topic, then returns all of them. */
    public static List<ConsumerRecord<String, String>> awaitRecords(String key, int expected) {
        return awaitRecords(key, expected, USUAL_WAIT);
    }

    /** {@link #awaitRecords(String, int)} with its own bound. */
    public static List<ConsumerRecord<String, String>> awaitRecords(String key, int expected, Duration atMost) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(atMost).until(() -> {
            found.clear();
            found.addAll(records(key));
            return found.size() >= expected;
        });
        return found;
    }

    /** Every record with this key currently on the topic (reads each partition up to its end). */
    public static List<ConsumerRecord<String, String>> records(String key) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> out = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + TOPIC + " to its end");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        out.add(r);
                    }
                }
            }
            return out;
        }
    }

    private static KafkaConsumer<String, String> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(TOPIC)) {
            partitions.add(new TopicPartition(TOPIC, p.partition()));
        }
        return partitions;
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), java.nio.charset.StandardCharsets.UTF_8);
    }
}

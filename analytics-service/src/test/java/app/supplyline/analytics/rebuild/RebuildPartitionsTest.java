package app.supplyline.analytics.rebuild;

import app.supplyline.analytics.support.SessionEvents;
import app.supplyline.analytics.support.TestClock;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.Sql;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static app.supplyline.analytics.support.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * A rebuild replays every partition of the sessions topic or does nothing: while another member of the consumer group
 * (here a plain Kafka consumer joining group {@code analytics}, as a second instance or a client assigned late after a
 * restart would) holds a partition, an asked-for rebuild answers 409 and truncates nothing, and a rebuild resumed after
 * a crash waits, then replays everything once every partition is this instance's.
 */
@QuarkusTest
class RebuildPartitionsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    static final int DAYS = 10;
    static final int PER_DAY = 8;

    @Inject
    AgroalDataSource db;

    @Inject
    RebuildService rebuild;

    @Test
    void aRebuildWithAPartitionHeldElsewhereAnswers409AndTruncatesNothing() throws Exception {
        String parentId = loggedParent();
        long removals = Sql.count(db, "SELECT count(*) FROM removal");
        long processed = Sql.count(db, "SELECT count(*) FROM processed_event");
        String stateBefore = admin().get("/api/admin/rebuild").then().statusCode(200).extract().asString();

        Set<TopicPartition> held;
        try (KafkaConsumer<String, String> intruder = groupMember()) {
            held = holdSomePartitions(intruder);
            Response refused = admin().post("/api/admin/rebuild");
            refused.then().statusCode(409).contentType("application/problem+json")
                    .body("title", equalTo("Partitions held elsewhere"))
                    .body("detail", containsString(held.iterator().next().toString()));
            assertEquals(removals, Sql.count(db, "SELECT count(*) FROM removal"), "no removal truncated");
            assertEquals(processed, Sql.count(db, "SELECT count(*) FROM processed_event"), "no processed id truncated");
            assertEquals(stateBefore, admin().get("/api/admin/rebuild").then().statusCode(200).extract().asString(),
                    "no rebuild recorded");
        }
        // once the other member left, this instance gets every partition back and the rebuild is accepted
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> admin().post("/api/admin/rebuild").statusCode() == 202);
        awaitDone();
        assertEquals((long) DAYS * PER_DAY, Sql.count(db, "SELECT count(*) FROM removal WHERE parent_id = '" + parentId + "'"));
    }

    @Test
    void aRebuildResumedAfterACrashWaitsForEveryPartitionThenReplaysThemAll() throws Exception {
        String parentId = loggedParent();
        long removals = Sql.count(db, "SELECT count(*) FROM removal");
        String interrupted;
        try (KafkaConsumer<String, String> intruder = groupMember()) {
            holdSomePartitions(intruder);
            // the state a kill -9 mid-replay leaves: a rebuild row that never finished
            Sql.execute(db, """
                    INSERT INTO rebuild (id, started_at, end_offsets) VALUES (1, now() - interval '1 hour', '{}')
                    ON CONFLICT (id) DO UPDATE SET started_at = now() - interval '1 hour', finished_at = NULL""");
            interrupted = admin().get("/api/admin/rebuild").then().statusCode(200)
                    .body("state", equalTo("RUNNING")).extract().path("startedAt");
            rebuild.resumeIfInterrupted();
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                    .until(() -> {
                        intruder.poll(Duration.ofMillis(50)); // stay in the group
                        return interrupted.equals(admin().get("/api/admin/rebuild").then().extract().path("startedAt"))
                                && Sql.count(db, "SELECT count(*) FROM removal") == removals;
                    });
        }
        awaitDone();
        // it had not started while the other member held partitions (checked above for 6 s); it started after
        String restarted = admin().get("/api/admin/rebuild").then().extract().path("startedAt");
        assertNotEquals(interrupted, restarted, "the interrupted rebuild was started over");
        assertEquals((long) DAYS * PER_DAY, Sql.count(db, "SELECT count(*) FROM removal WHERE parent_id = '" + parentId + "'"),
                "every partition replayed, the parent's sessions all back");
        assertEquals(removals, Sql.count(db, "SELECT count(*) FROM removal"), "every parent's sessions back");
    }

    /** A parent with {@link #DAYS} days of pumping, all applied. */
    private String loggedParent() throws Exception {
        String parentId = UUID.randomUUID().toString();
        LocalDate today = LocalDate.ofInstant(TestClock.START, ZONE);
        try (SessionEvents events = new SessionEvents(parentId)) {
            for (int d = DAYS; d >= 1; d--) {
                events.pumpingDay(today.minusDays(d), ZONE, PER_DAY, 700);
            }
            events.flush();
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Sql.count(db, "SELECT count(*) FROM removal WHERE parent_id = '" + parentId + "'") == (long) DAYS * PER_DAY);
        return parentId;
    }

    private static KafkaConsumer<String, String> groupMember() {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "analytics",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(SessionEvents.TOPIC));
        return consumer;
    }

    /** Polls until the group gave this member partitions; they are then no longer the service's. */
    private static Set<TopicPartition> holdSomePartitions(KafkaConsumer<String, String> member) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() -> {
            member.poll(Duration.ofMillis(200));
            return !member.assignment().isEmpty();
        });
        return Set.copyOf(member.assignment());
    }

    private static io.restassured.specification.RequestSpecification admin() {
        return as("admin-rebuild", "admin");
    }

    private static void awaitDone() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                "DONE".equals(admin().get("/api/admin/rebuild").then().statusCode(200).extract().path("state")));
    }
}

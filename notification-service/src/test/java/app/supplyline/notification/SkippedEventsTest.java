package app.supplyline.notification;

import app.supplyline.local.testing.DeadLetters;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.notification.support.Sessions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static app.supplyline.notification.support.Api.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An event of a type this service does not know yet (its producer is newer) is acknowledged and skipped on both
 * topics: nothing is sent, nothing goes to the dead-letter topic, the events behind it flow, and the skip shows in
 * {@code supplyline_events_skipped_total{topic,type}}.
 */
@QuarkusTest
class SkippedEventsTest {

    private final String parentId = UUID.randomUUID().toString();
    private final String clinician = "clinician-" + UUID.randomUUID();

    @Test
    void anAlertOfAnUnknownTypeIsSkippedAndTheNextAlertIsServed() throws Exception {
        // a type per run, so that the counter read here counts this test's event only
        String type = "app.supplyline.analytics.supply-forecast-" + UUID.randomUUID() + ".v1";
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(),
                "supplyline.alerts.v1.notification-dlq")) {
            send("supplyline.alerts.v1", new JsonObject().put("eventId", UUID.randomUUID().toString())
                    .put("parentId", parentId).put("type", type).put("schemaVersion", 1)
                    .put("occurredAt", Instant.now().toString()).put("status", "SEEK_HELP")
                    .put("clinicianIds", new JsonArray(List.of(clinician))).encode());
            // same key, so same partition: served only once the unknown one was dealt with
            send("supplyline.alerts.v1", seekHelp());
            await().atMost(Duration.ofSeconds(30)).until(() -> inboxSize(parentId, "parent") == 1);

            as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].kind", equalTo("SEEK_HELP"));
            assertEquals(1, inboxSize(clinician, "clinician"), "the clinician's alert only, nothing of the unknown event");
            assertEquals(List.of(), dead.withKey(parentId));
            await().atMost(Duration.ofSeconds(10)).until(() -> skipped("supplyline.alerts.v1", type) == 1.0);
        }
    }

    @Test
    void aSessionEventOfAnUnknownTypeIsSkippedAndTheNextEventIsApplied() throws Exception {
        String type = "app.supplyline.session.feeding-plan-updated-" + UUID.randomUUID() + ".v1";
        Instant end = Instant.now().minus(Duration.ofMinutes(10));
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(),
                "supplyline.sessions.v1.notification-dlq");
             Sessions sessions = new Sessions(parentId)) {
            send("supplyline.sessions.v1", new JsonObject().put("eventId", UUID.randomUUID().toString())
                    .put("parentId", parentId).put("version", 1).put("type", type).put("schemaVersion", 1)
                    .put("occurredAt", end.toString()).put("recordedAt", end.toString())
                    .put("plan", new JsonObject().put("sessionsPerDay", 8)).encode());
            sessions.pumping(end);
            await().atMost(Duration.ofSeconds(30)).until(() -> as(parentId, "parent").get("/api/reminders/next")
                    .then().statusCode(200).extract().path("lastRemovalEndedAt") != null);

            assertEquals(0, inboxSize(parentId, "parent"));
            assertEquals(List.of(), dead.withKey(parentId));
            await().atMost(Duration.ofSeconds(10)).until(() -> skipped("supplyline.sessions.v1", type) == 1.0);
        }
    }

    private String seekHelp() {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("type", "app.supplyline.analytics.supply-status-changed.v1").put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString()).put("previousStatus", "STABLE").put("status", "SEEK_HELP")
                .put("reasons", new JsonArray(List.of("SUPPLY_DROP"))).put("episodeId", UUID.randomUUID().toString())
                .put("evaluatedFor", "2026-11-27").put("clinicianIds", new JsonArray(List.of(clinician)))
                .put("metrics", new JsonObject().put("currentAvgMl", 560.0).put("baselineAvgMl", 800.0)
                        .put("changePct", -30.0).put("slopeMlPerDay", -21.4).put("removalsPerDay", 8.0)
                        .put("regularDays", 7).put("adherencePct", 100.0).put("longestGapMinutes", 186))
                .encode();
    }

    private void send(String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, parentId, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private static int inboxSize(String subject, String role) {
        return as(subject, role).get("/api/notifications").then().statusCode(200).extract().path("items.size()");
    }

    /** The skipped-events counter of this topic and type, as Prometheus scrapes it (0 before the first skip). */
    private static double skipped(String topic, String type) {
        String scrape = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        return scrape.lines()
                .filter(line -> line.startsWith("supplyline_events_skipped_total{")
                        && line.contains("topic=\"" + topic + "\"") && line.contains("type=\"" + type + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}

package app.supplyline.analytics.cohort;

import app.supplyline.local.testing.DeadLetters;
import app.supplyline.local.testing.EventSchemas;
import app.supplyline.local.testing.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static app.supplyline.analytics.support.Api.clinician;
import static app.supplyline.analytics.support.Api.parent;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The notification-service's alert-opened events (checked against its schema) reach the parent's access log: once
 * per event, under the cohort that shares the parent with the clinician; nothing for a parent who shares nothing
 * with them; an unreadable record is dead-lettered.
 */
@QuarkusTest
class AlertOpenedTest {

    static final EventSchemas PRODUCER_SCHEMAS =
            EventSchemas.load(Path.of("../notification-service/src/main/resources/schemas"));
    static final String TOPIC = "supplyline.access.v1";

    private final String clinicianId = "clinician-" + UUID.randomUUID();
    private final String parentId = UUID.randomUUID().toString();
    private final String stranger = UUID.randomUUID().toString();

    private JsonObject opened(String parent, Instant at) {
        JsonObject e = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parent)
                .put("type", AlertsOpened.TYPE).put("schemaVersion", 1).put("occurredAt", at.toString())
                .put("clinicianId", clinicianId).put("notificationId", UUID.randomUUID().toString())
                .put("kind", "CLINICIAN_ALERT");
        assertEquals(List.of(), PRODUCER_SCHEMAS.errors(AlertsOpened.TYPE, e.encode()));
        return e;
    }

    private static void send(String key, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void anOpenedAlertIsInTheParentsAccessLogOnce() throws Exception {
        String cohortId = clinician(clinicianId).contentType(ContentType.JSON).body("{\"name\":\"Clinic\"}")
                .post("/api/cohorts").then().statusCode(201).extract().path("id");
        String code = clinician(clinicianId).get("/api/cohorts/" + cohortId).then().extract().path("inviteCode");
        parent(parentId).contentType(ContentType.JSON).body("{\"inviteCode\":\"" + code + "\"}")
                .post("/api/consents").then().statusCode(201);

        Instant at = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        JsonObject event = opened(parentId, at);
        send(parentId, event.encode());
        send(parentId, event.encode()); // delivered twice, as at-least-once may
        send(stranger, opened(stranger, at).encode());
        send(parentId, "{not an event");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> parent(parentId)
                .get("/api/consents/" + cohortId + "/access-log").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].resource", equalTo("alert"))
                .body("items[0].clinicianId", equalTo(clinicianId))
                .body("items[0].clinicianName", equalTo("user-" + clinicianId))
                .body("items[0].accessedAt", equalTo(at.toString())));
        try (DeadLetters dead = new DeadLetters(KafkaTestResource.broker().bootstrapServers(), TOPIC + ".analytics-dlq")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> !dead.withKey(parentId).isEmpty());
            assertTrue(dead.withKey(parentId).get(0).reason().startsWith("Not an alert-opened event"));
            assertTrue(dead.withKey(stranger).isEmpty(), "a parent without consent is not an error");
        }
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> parent(parentId)
                .get("/api/consents/" + cohortId + "/access-log").then().body("items", hasSize(1)));
    }
}

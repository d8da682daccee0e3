package app.supplyline.notification.alerts;

import app.supplyline.local.LocalPushService;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.LocalPushTestResource;
import app.supplyline.notification.support.Sessions;
import app.supplyline.platform.keys.KeyTopic;
import app.supplyline.platform.keys.PersonalFields;
import app.supplyline.platform.keys.Sealing;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static app.supplyline.notification.support.Api.as;
import static app.supplyline.notification.support.Api.register;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Alerts carry the parent's shared name sealed under their data key, and ParentErased makes this service forget the
 * parent: their inbox and devices, the clinicians' notifications about them, preferences, clock and consents
 * (ADR-010). The clinician's own account stays.
 */
@QuarkusTest
class ErasureTest {

    static LocalPushService push;

    @Inject
    AgroalDataSource db;

    private final String parentId = UUID.randomUUID().toString();
    private final String clinician = "clinician-" + UUID.randomUUID();
    private final SecretKey key = Sealing.newKey();

    @BeforeAll
    static void startPushService() {
        push = LocalPushTestResource.service();
    }

    private void send(String topic, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, parentId, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** The parent shares with the clinician (analytics' consent-changed event). */
    private JsonObject consent() {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("type", Alert.CONSENT_CHANGED).put("schemaVersion", 1).put("occurredAt", Instant.now().toString())
                .put("cohortId", UUID.randomUUID().toString()).put("clinicianId", clinician)
                .put("consentVersion", 1).put("active", true);
    }

    private JsonObject sealedSeekHelp() {
        JsonObject alert = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("type", "app.supplyline.analytics.supply-status-changed.v1").put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString()).put("previousStatus", "STABLE").put("status", "SEEK_HELP")
                .put("reasons", new JsonArray(List.of("SUPPLY_DROP"))).put("episodeId", UUID.randomUUID().toString())
                .put("evaluatedFor", "2026-11-20").put("clinicianIds", new JsonArray(List.of(clinician)))
                .put("parentDisplayName", "Robin Erasable")
                .put("metrics", new JsonObject().put("changePct", -25.0).put("regularDays", 6));
        return PersonalFields.seal(alert, List.of("parentDisplayName"), key,
                PersonalFields.associatedData(parentId, alert.getString("eventId")));
    }

    @Test
    void aSealedNameIsReadAndAnErasedParentLeavesNothingBehind() throws Exception {
        KeyTopic keys = new KeyTopic(ConfigProvider.getConfig().getValue("supplyline.keys.kek", String.class), null);
        send(KeyTopic.TOPIC, keys.wrap(parentId, key));
        register(parentId, "parent", push.subscribe());
        register(clinician, "clinician", push.subscribe());
        as(parentId, "parent").contentType(ContentType.JSON).body("{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"}}")
                .put("/api/preferences").then().statusCode(200);
        try (Sessions sessions = new Sessions(parentId)) {
            sessions.timezone("Europe/Paris");
            sessions.pumping(Instant.now().minus(Duration.ofHours(1)));
            send("supplyline.alerts.v1", consent().encode());
            JsonObject alert = sealedSeekHelp();
            send("supplyline.alerts.v1", alert.encode());
            await().atMost(Duration.ofSeconds(30)).until(() -> inbox(clinician, "clinician") == 1
                    && inbox(parentId, "parent") == 1 && rows() >= 7);
            as(clinician, "clinician").get("/api/notifications").then()
                    .body("items[0].body", containsString("Robin Erasable"));

            sessions.erase();
            await().atMost(Duration.ofSeconds(30)).until(() -> rows() == 0);
            // an alert about them that comes after the erasure (the alerts topic is read on its own) keeps nothing
            JsonObject late = sealedSeekHelp();
            send("supplyline.alerts.v1", late.encode());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> rows() == 0);
            as(parentId, "parent").contentType(ContentType.JSON).body("{\"remindersEnabled\":false}")
                    .put("/api/preferences").then().statusCode(404);
            // a device registered with the erased parent's still-valid token (a Panache write) is refused too
            LocalPushService.Subscription phone = push.subscribe();
            as(parentId, "parent").contentType(ContentType.JSON).body(new JsonObject().put("endpoint", phone.endpoint())
                            .put("keys", new JsonObject().put("p256dh", phone.p256dh()).put("auth", phone.auth())).encode())
                    .post("/api/push/subscriptions").then().statusCode(404)
                    .contentType("application/problem+json");
            assertEquals(0, rows());
        }
        assertEquals(0, inbox(clinician, "clinician"), "the clinician's notifications about the parent are gone");
        assertEquals(1, count("SELECT count(*) FROM push_subscription WHERE user_id = '" + clinician + "'"),
                "the clinician keeps their device");
    }

    /** The parent's rows in every table that holds something of a parent (a notification about them included). */
    private long rows() throws SQLException {
        return count("SELECT (SELECT count(*) FROM notification WHERE user_id = '" + parentId
                + "' OR data ->> 'parentId' = '" + parentId + "')"
                + " + (SELECT count(*) FROM push_subscription WHERE user_id = '" + parentId + "')"
                + " + (SELECT count(*) FROM preferences WHERE user_id = '" + parentId + "')"
                + " + (SELECT count(*) FROM parent_clock WHERE parent_id = '" + parentId + "')"
                + " + (SELECT count(*) FROM removal WHERE parent_id = '" + parentId + "')"
                + " + (SELECT count(*) FROM consent WHERE parent_id = '" + parentId + "')"
                + " + (SELECT count(*) FROM access_outbox WHERE parent_id = '" + parentId + "')"
                + " + (SELECT count(*) FROM push_delivery d JOIN notification n ON n.id = d.notification_id"
                + " WHERE n.user_id = '" + parentId + "' OR n.data ->> 'parentId' = '" + parentId + "')");
    }

    private long count(String sql) throws SQLException {
        try (var c = db.getConnection(); var st = c.createStatement(); var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int inbox(String user, String role) {
        return as(user, role).get("/api/notifications").then().statusCode(200).extract().path("items.size()");
    }
}

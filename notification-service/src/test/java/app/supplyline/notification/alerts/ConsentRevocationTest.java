package app.supplyline.notification.alerts;

import app.supplyline.local.LocalPushService;
import app.supplyline.local.testing.EventSchemas;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.LocalPushTestResource;
import app.supplyline.notification.support.TestClock;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
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
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A revoked consent reaches every alert not yet delivered: one that waited in Kafka behind the revocation never
 * reaches the clinician, the pushes waiting for the clinician's morning are cancelled, and a later alert that still
 * names the clinician (evaluated before the revocation) skips them — the parent is told all the same. The events
 * are the analytics-service's, checked against its schemas.
 */
@QuarkusTest
class ConsentRevocationTest {

    static final EventSchemas PRODUCER_SCHEMAS = EventSchemas.load(Path.of("../analytics-service/src/main/resources/schemas"));
    /** 02:00 in Paris; the clinician's quiet hours end at 07:00 there (06:00 UTC). */
    static final Instant NIGHT = Instant.parse("2026-11-21T01:00:00Z");
    static final Instant MORNING = Instant.parse("2026-11-21T06:00:00Z");

    static LocalPushService push;

    @Inject
    TestClock clock;

    @Inject
    AgroalDataSource db;

    private final String parentId = UUID.randomUUID().toString();
    private final String clinician = "clinician-" + UUID.randomUUID();
    private final UUID cohortId = UUID.randomUUID();

    @BeforeAll
    static void startPushService() {
        push = LocalPushTestResource.service();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonObject seekHelp() {
        return event("app.supplyline.analytics.supply-status-changed.v1").put("previousStatus", "STABLE")
                .put("status", "SEEK_HELP").put("reasons", new JsonArray(List.of("SUPPLY_DROP")))
                .put("episodeId", UUID.randomUUID().toString()).put("evaluatedFor", "2026-11-20")
                .put("clinicianIds", new JsonArray(List.of(clinician)))
                .put("metrics", new JsonObject().put("changePct", -25.0).put("regularDays", 6));
    }

    /** The consent's changes so far, as analytics numbers them. */
    private long consentVersion;

    private JsonObject consent(boolean active) {
        JsonObject e = event(Alert.CONSENT_CHANGED).put("cohortId", cohortId.toString()).put("clinicianId", clinician)
                .put("consentVersion", ++consentVersion).put("active", active);
        assertEquals(List.of(), PRODUCER_SCHEMAS.errors(Alert.CONSENT_CHANGED, e.encode()));
        return e;
    }

    private JsonObject event(String type) {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("type", type).put("schemaVersion", 1).put("occurredAt", clock.instant().toString());
    }

    /** Sends the events in one producer batch: appended to the parent's partition together, consumed after it. */
    private void sendTogether(JsonObject... events) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ProducerConfig.LINGER_MS_CONFIG, 2000), new StringSerializer(), new StringSerializer())) {
            var sent = java.util.Arrays.stream(events)
                    .map(e -> producer.send(new ProducerRecord<>("supplyline.alerts.v1", parentId, e.encode()))).toList();
            producer.flush();
            for (var s : sent) {
                s.get(30, TimeUnit.SECONDS);
            }
        }
    }

    private boolean processed(JsonObject... events) throws SQLException {
        String ids = String.join(",", java.util.Arrays.stream(events).map(e -> "'" + e.getString("eventId") + "'").toList());
        try (var c = db.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM processed_event WHERE event_id IN (" + ids + ")")) {
            rs.next();
            return rs.getLong(1) == events.length;
        }
    }

    private long pendingPushesOf(String user) throws SQLException {
        try (var c = db.getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT count(*) FROM push_delivery d JOIN notification n ON n.id = d.notification_id"
                     + " WHERE d.state = 'PENDING' AND n.user_id = '" + user + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int inbox(String user, String role) {
        return as(user, role).get("/api/notifications").then().statusCode(200).extract().path("items.size()");
    }

    @Test
    void anAlertThatWaitedInKafkaBehindARevocationNeverReachesTheClinician() throws Exception {
        LocalPushService.Subscription desk = push.subscribe();
        register(clinician, "clinician", desk);
        JsonObject granted = consent(true);
        sendTogether(granted);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(granted));

        // evaluated while the parent shared, revoked before this service got to it
        JsonObject alert = seekHelp();
        JsonObject revoked = consent(false);
        sendTogether(alert, revoked);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(alert, revoked));

        assertEquals(1, inbox(parentId, "parent"), "the parent is told");
        as(parentId, "parent").get("/api/notifications").then().body("items[0].kind", equalTo("SEEK_HELP"));
        assertEquals(0, inbox(clinician, "clinician"), "the clinician is not");
        assertEquals(0, pendingPushesOf(clinician));
        assertEquals(List.of(), push.received(desk.id()));
    }

    @Test
    void aRevocationCancelsThePushesNotYetSentAndLaterAlertsSkipTheClinician() throws Exception {
        LocalPushService.Subscription desk = push.subscribe();
        register(clinician, "clinician", desk);
        as(clinician, "clinician").contentType(ContentType.JSON)
                .body("{\"quietHours\":{\"start\":\"22:00\",\"end\":\"07:00\"},\"timezone\":\"Europe/Paris\"}")
                .put("/api/preferences").then().statusCode(200);
        clock.set(NIGHT);
        JsonObject granted = consent(true);
        JsonObject alert = seekHelp();
        sendTogether(granted);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(granted));
        sendTogether(alert);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(clinician, "clinician") == 1);
        assertEquals(1, pendingPushesOf(clinician), "the push waits for 07:00 in Paris");

        JsonObject revoked = consent(false);
        sendTogether(revoked);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(revoked));
        assertEquals(0, pendingPushesOf(clinician), "cancelled with the consent");
        assertEquals(1, inbox(clinician, "clinician"), "what arrived while the consent held stays in the inbox");

        clock.set(MORNING);
        // a recovery evaluated before the revocation still names the clinician: the parent alone is told
        JsonObject recovered = event("app.supplyline.analytics.supply-status-changed.v1")
                .put("previousStatus", "SEEK_HELP").put("status", "STABLE").put("reasons", new JsonArray())
                .put("episodeId", alert.getString("episodeId")).put("evaluatedFor", "2026-11-21")
                .put("clinicianIds", new JsonArray(List.of(clinician)))
                .put("metrics", new JsonObject().put("changePct", 12.0).put("regularDays", 7));
        sendTogether(recovered);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(recovered));
        assertEquals(2, inbox(parentId, "parent"));
        assertEquals(1, inbox(clinician, "clinician"));
        await("nothing reaches the clinician's desk in the morning").during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5)).until(() -> push.received(desk.id()).isEmpty());

        // sharing again: the next alert reaches the clinician
        JsonObject again = consent(true);
        sendTogether(again);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(again));
        sendTogether(seekHelp());
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(clinician, "clinician") == 2);
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(desk.id()).size() == 1);
    }

    /** The grant's first copy arriving after the revocation (a failed publishing pass sent it again): still revoked. */
    @Test
    void anOlderGrantArrivingAfterTheRevocationDoesNotShareAgain() throws Exception {
        JsonObject granted = consent(true);
        JsonObject revoked = consent(false);
        sendTogether(revoked);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(revoked));
        sendTogether(granted);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(granted));
        JsonObject alert = seekHelp();
        sendTogether(alert);
        await().atMost(Duration.ofSeconds(30)).until(() -> processed(alert));
        assertEquals(1, inbox(parentId, "parent"));
        assertEquals(0, inbox(clinician, "clinician"), "the consent's latest change is the revocation");
    }
}

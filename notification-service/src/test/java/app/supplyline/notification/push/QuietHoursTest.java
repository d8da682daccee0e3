package app.supplyline.notification.push;

import app.supplyline.local.LocalPushService;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.LocalPushTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
 * The night is kept: an alert evaluated while a user sleeps is in their inbox at once and reaches their phone once,
 * when their quiet hours end in their own timezone — the parent's in Paris, the clinician's in New York.
 */
@QuarkusTest
class QuietHoursTest {

    /** 02:00 in Paris (UTC+1 in November), 20:00 in New York (UTC−5). */
    static final Instant NIGHT = Instant.parse("2026-11-21T01:00:00Z");
    /** 07:00 in Paris, the end of the parent's quiet hours (22:00–07:00). */
    static final Instant PARIS_MORNING = Instant.parse("2026-11-21T06:00:00Z");
    /** 07:00 in New York, the end of the clinician's quiet hours (19:00–07:00). */
    static final Instant NEW_YORK_MORNING = Instant.parse("2026-11-21T12:00:00Z");

    static LocalPushService push;

    @jakarta.inject.Inject
    app.supplyline.notification.support.TestClock clock;

    private final String parentId = UUID.randomUUID().toString();
    private final String clinician = "clinician-" + UUID.randomUUID();

    @BeforeAll
    static void startPushService() {
        push = LocalPushTestResource.service();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static void quietHours(String user, String role, String start, String end, String timezone) {
        as(user, role).contentType(ContentType.JSON)
                .body(new JsonObject().put("quietHours", new JsonObject().put("start", start).put("end", end))
                        .put("timezone", timezone).encode())
                .put("/api/preferences").then().statusCode(200).body("timezone", equalTo(timezone));
    }

    private void seekHelp() throws Exception {
        JsonObject alert = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("type", "app.supplyline.analytics.supply-status-changed.v1").put("schemaVersion", 1)
                .put("occurredAt", NIGHT.toString()).put("previousStatus", "STABLE").put("status", "SEEK_HELP")
                .put("reasons", new JsonArray(List.of("SUPPLY_DROP"))).put("episodeId", UUID.randomUUID().toString())
                .put("evaluatedFor", "2026-11-20").put("clinicianIds", new JsonArray(List.of(clinician)))
                .put("metrics", new JsonObject().put("changePct", -25.0).put("regularDays", 6));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers()), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("supplyline.alerts.v1", parentId, alert.encode())).get(30, TimeUnit.SECONDS);
        }
    }

    private int inbox(String user, String role) {
        return as(user, role).get("/api/notifications").then().statusCode(200).extract().path("items.size()");
    }

    /** Nothing more reaches either device for two seconds (two passes of the dispatcher at least). */
    private void stillReceived(LocalPushService.Subscription phone, int onPhone, LocalPushService.Subscription desk,
            int onDesk) {
        await("the phone has exactly " + onPhone + " push(es) and the desk " + onDesk + " for two seconds")
                .during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() ->
                push.received(phone.id()).size() == onPhone && push.received(desk.id()).size() == onDesk);
    }

    @Test
    void anAlertAtNightIsInTheInboxAtOnceAndOnThePhoneOnceTheQuietHoursEnd() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        LocalPushService.Subscription desk = push.subscribe();
        register(parentId, "parent", phone);
        register(clinician, "clinician", desk);
        quietHours(parentId, "parent", "22:00", "07:00", "Europe/Paris");
        quietHours(clinician, "clinician", "19:00", "07:00", "America/New_York");
        clock.set(NIGHT);

        seekHelp();
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(parentId, "parent") == 1
                && inbox(clinician, "clinician") == 1);
        as(parentId, "parent").get("/api/notifications").then().body("items[0].kind", equalTo("SEEK_HELP"))
                .body("items[0].readAt", equalTo(null));
        stillReceived(phone, 0, desk, 0);

        clock.set(PARIS_MORNING.minusSeconds(1));
        stillReceived(phone, 0, desk, 0);

        clock.set(PARIS_MORNING);
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(phone.id()).size() == 1);
        stillReceived(phone, 1, desk, 0);
        LocalPushService.Received received = push.received(phone.id()).get(0);
        assertEquals("SEEK_HELP", new JsonObject(received.payload()).getString("kind"));
        assertEquals("normal", received.urgency());

        clock.set(NEW_YORK_MORNING);
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(desk.id()).size() == 1);
        assertEquals("CLINICIAN_ALERT", new JsonObject(push.received(desk.id()).get(0).payload()).getString("kind"));
        stillReceived(phone, 1, desk, 1);
    }

    @Test
    void aTimezoneThatDoesNotExistIsRefusedWithItsFieldAndNothingIsSaved() {
        String user = "clinician-" + UUID.randomUUID();
        as(user, "clinician").contentType(ContentType.JSON)
                .body(new JsonObject().put("timezone", "Mars/Olympus").put("locale", "fr").encode())
                .put("/api/preferences").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("timezone"));
        as(user, "clinician").get("/api/preferences").then().statusCode(200)
                .body("locale", equalTo("en")).body("timezone", equalTo(null));
    }
}

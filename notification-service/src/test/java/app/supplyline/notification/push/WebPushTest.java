package app.supplyline.notification.push;

import app.supplyline.local.LocalPushService;
import app.supplyline.local.testing.LocalPushTestResource;
import app.supplyline.local.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static app.supplyline.notification.support.Api.as;
import static app.supplyline.notification.support.Api.register;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Web Push end to end against the local push service: alerts to every device, gone subscriptions, retries, validation. */
@QuarkusTest
class WebPushTest {

    static LocalPushService push;

    @jakarta.inject.Inject
    app.supplyline.notification.support.TestClock clock;

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource db;

    @org.junit.jupiter.api.AfterEach
    void resetClock() {
        clock.reset();
    }

    private final String parentId = UUID.randomUUID().toString();
    private final String clinician = "clinician-" + UUID.randomUUID();

    @BeforeAll
    static void startPushService() {
        push = LocalPushTestResource.service();
    }

    private void seekHelp(String episode) throws Exception {
        JsonObject alert = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("type", "app.supplyline.analytics.supply-status-changed.v1").put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString()).put("previousStatus", "STABLE").put("status", "SEEK_HELP")
                .put("reasons", new JsonArray(List.of("SUPPLY_DROP"))).put("episodeId", episode)
                .put("evaluatedFor", "2026-11-20").put("clinicianIds", new JsonArray(List.of(clinician)))
                .put("metrics", new JsonObject().put("changePct", -25.0).put("regularDays", 6));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                app.supplyline.local.testing.KafkaTestResource.broker().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("supplyline.alerts.v1", parentId, alert.encode())).get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSeekHelpAlertReachesEveryDeviceOfParentAndClinician() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        LocalPushService.Subscription laptop = push.subscribe();
        LocalPushService.Subscription desk = push.subscribe();
        register(parentId, "parent", phone);
        register(parentId, "parent", laptop);
        register(clinician, "clinician", desk);

        seekHelp(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(phone.id()).size() == 1
                && push.received(laptop.id()).size() == 1 && push.received(desk.id()).size() == 1);
        var received = push.received(phone.id()).get(0);
        assertEquals("normal", received.urgency()); // only a reminder the parent asked for is urgent
        assertEquals(86400, received.ttl());
        JsonObject payload = new JsonObject(received.payload());
        assertEquals("SEEK_HELP", payload.getString("kind"));
        assertTrue(payload.getString("body").contains("pumped 25% less than the week before"), payload.encode());
        assertEquals("CLINICIAN_ALERT", new JsonObject(push.received(desk.id()).get(0).payload()).getString("kind"));
        RestAssured.get("/q/metrics").then().statusCode(200)
                .body(containsString("notifications_sent_total{channel=\"WEB_PUSH\",kind=\"SEEK_HELP\",outcome=\"DELIVERED\""));
    }

    /**
     * Each user's channels: the parent with the inbox only gets the alert unread in the inbox and no push; the
     * clinician with push only gets the push and the inbox row already read. Both notifications are written in one
     * transaction, so the clinician's push is the signal that the parent's is decided; the parent's phone is checked
     * once a later alert, with push back on, has reached it and nothing is queued for it any more.
     */
    @Test
    void anAlertGoesOnlyThroughTheChannelsEachUserChose() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        LocalPushService.Subscription desk = push.subscribe();
        register(parentId, "parent", phone);
        register(clinician, "clinician", desk);
        as(parentId, "parent").contentType(ContentType.JSON).body("{\"channels\":[\"INBOX\"]}").put("/api/preferences")
                .then().statusCode(200);
        as(clinician, "clinician").contentType(ContentType.JSON).body("{\"channels\":[\"WEB_PUSH\"]}")
                .put("/api/preferences").then().statusCode(200);

        seekHelp(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(desk.id()).size() == 1);
        assertEquals("CLINICIAN_ALERT", new JsonObject(push.received(desk.id()).get(0).payload()).getString("kind"));
        as(clinician, "clinician").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("CLINICIAN_ALERT"))
                .body("items[0].readAt", notNullValue());
        as(parentId, "parent").get("/api/notifications?unread=true").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].kind", equalTo("SEEK_HELP"));
        // a push is deleted from the queue once the phone has it: neither queued nor received means none was sent
        assertEquals(0, Sql.count(db, pushesTo(parentId)), "no push queued for the parent's phone");
        assertEquals(List.of(), push.received(phone.id()), "no push received by the parent's phone");

        as(parentId, "parent").contentType(ContentType.JSON).body("{\"channels\":[\"WEB_PUSH\",\"INBOX\"]}")
                .put("/api/preferences").then().statusCode(200);
        clock.set(clock.instant().plusSeconds(60));
        seekHelp(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> !push.received(phone.id()).isEmpty());
        String latest = as(parentId, "parent").get("/api/notifications").then().statusCode(200)
                .body("items", hasSize(2)).extract().path("items[0].id");
        // nothing queued for the phone any more: it has every push it will get
        await().atMost(Duration.ofSeconds(30)).until(() -> Sql.count(db, pushesTo(parentId)) == 0);
        assertEquals(1, push.received(phone.id()).size(), "the phone got the second alert only");
        assertEquals(latest, new JsonObject(push.received(phone.id()).get(0).payload()).getString("id"));
    }

    @Test
    void aSubscriptionThePushServiceCallsGoneIsDeleted() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        register(parentId, "parent", phone);
        push.answerNext(phone.id(), 410, null, 1);
        seekHelp(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> as(parentId, "parent").get("/api/push/subscriptions")
                .then().extract().path("items.size()").equals(0));
        assertEquals(0, push.received(phone.id()).size());
        as(parentId, "parent").get("/api/notifications").then().body("items", hasSize(1));
    }

    @Test
    void aPushServiceOutageIsRetriedWithBackOffUntilItSucceeds() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        register(parentId, "parent", phone);
        push.answerNext(phone.id(), 503, "1", 1);
        push.answerNext(phone.id(), 429, null, 1);
        seekHelp(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> refusals(phone) == 1);
        // the next attempt waits at least the push service's Retry-After (1 s) on the service's clock
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            long delay = nextAttemptDelayMillis();
            return delay >= 1000 && delay <= 5000; // not the one-minute lease of the attempt in flight
        });
        clock.set(clock.instant().plusSeconds(60));
        await().atMost(Duration.ofSeconds(30)).until(() -> refusals(phone) == 2);
        clock.set(clock.instant().plusSeconds(600));
        await().atMost(Duration.ofSeconds(30)).until(() -> push.received(phone.id()).size() == 1);
        assertEquals(2, push.refused().stream().filter(r -> r.contains(phone.id())).count(), push.refused().toString());
        RestAssured.get("/q/metrics").then()
                .body(containsString("notifications_sent_total{channel=\"WEB_PUSH\",kind=\"SEEK_HELP\",outcome=\"RETRY\""));
    }

    @Test
    void subscriptionsAreValidatedAndBelongToTheirUser() {
        LocalPushService.Subscription s = push.subscribe();
        String auth = s.auth();
        String key = s.p256dh();
        Map<String, String> cases = Map.of(
                body("ftp://push.example.com/x", key, auth), "endpoint",
                body("http://push.example.com/x", key, auth), "endpoint",
                body("", key, auth), "endpoint",
                body(s.endpoint(), key.substring(0, 40), auth), "keys.p256dh",
                body(s.endpoint(), "not base64 !", auth), "keys.p256dh",
                body(s.endpoint(), key, Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[15])), "keys.auth",
                "{\"endpoint\":\"" + s.endpoint() + "\"}", "keys",
                "{\"endpoint\":\"" + s.endpoint() + "\",\"keys\":{\"p256dh\":\"" + key + "\",\"auth\":\"" + auth + "\"},\"extra\":1}", "extra");
        cases.forEach((body, field) -> as(parentId, "parent").contentType(ContentType.JSON).body(body)
                .post("/api/push/subscriptions").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo(field)));
        as(parentId, "parent").get("/api/push/subscriptions").then().statusCode(200).body("items", empty());

        String id = register(parentId, "parent", s);
        // the same browser subscribing again is the same subscription
        as(parentId, "parent").contentType(ContentType.JSON).body(body(s.endpoint(), key, auth))
                .post("/api/push/subscriptions").then().statusCode(200).body("id", equalTo(id));
        as(clinician, "clinician").delete("/api/push/subscriptions/" + id).then().statusCode(404);
        as(parentId, "parent").delete("/api/push/subscriptions/" + id).then().statusCode(204);
        as(parentId, "parent").delete("/api/push/subscriptions/" + id).then().statusCode(404);

        for (int i = 0; i < 20; i++) {
            register(parentId, "parent", push.subscribe());
        }
        as(parentId, "parent").contentType(ContentType.JSON).body(body(push.subscribe().endpoint(), key, auth))
                .post("/api/push/subscriptions").then().statusCode(409).contentType("application/problem+json");

        RestAssured.get("/api/push/public-key").then().statusCode(200)
                .body("publicKey", org.hamcrest.Matchers.matchesPattern("[A-Za-z0-9_-]{87}"));
    }

    /** Endpoints into the service's own network: refused with the field, nothing stored, no push to anyone. */
    @Test
    void pushEndpointsIntoTheServicesNetworkAreRefused() throws Exception {
        LocalPushService.Subscription s = push.subscribe();
        TestHostResolver.map("internal.push.test", "10.0.0.5");
        TestHostResolver.map("metadata.push.test", "169.254.169.254");
        for (String endpoint : List.of("https://169.254.169.254/latest/meta-data", "https://127.0.0.1:8082/api/admin/rebuild",
                "https://10.0.0.5:8443/x", "https://192.168.1.1/x", "https://172.16.0.1/x", "https://[::1]/x",
                "https://0.0.0.0/x", "https://2130706433/x", "https://localhost:5433/", "https://internal.push.test/x",
                "https://metadata.push.test/latest", "https://unknown.push.test/x")) {
            as(parentId, "parent").contentType(ContentType.JSON).body(body(endpoint, s.p256dh(), s.auth()))
                    .post("/api/push/subscriptions").then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("endpoint"));
        }
        as(parentId, "parent").get("/api/push/subscriptions").then().statusCode(200).body("items", empty());
    }

    /**
     * A subscription whose host resolved publicly when it was made, and resolves to 127.0.0.1 at send time (DNS
     * rebinding): the push is refused before any connection and fails with a short reason.
     */
    @Test
    void anEndpointThatResolvesIntoTheServicesNetworkAtSendTimeIsNeverCalled() throws Exception {
        LocalPushService.Subscription keys = push.subscribe();
        TestHostResolver.map("rebound.push.test", "127.0.0.1");
        Sql.execute(db, "INSERT INTO push_subscription (id, user_id, endpoint, p256dh, auth, created_at) VALUES ('"
                + UUID.randomUUID() + "', '" + parentId + "', 'https://rebound.push.test/push/x', '" + keys.p256dh()
                + "', '" + keys.auth() + "', now())");
        seekHelp(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(delivery(0)));
        assertEquals("endpoint refused: host resolves to a loopback address", delivery(1));
    }

    /** A push service answering 303 is not followed: the push fails with the status only. */
    @Test
    void aRedirectFromAPushServiceIsNotFollowed() throws Exception {
        LocalPushService.Subscription phone = push.subscribe();
        register(parentId, "parent", phone);
        push.answerNext(phone.id(), 303, null, 1);
        seekHelp(UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> "FAILED".equals(delivery(0)));
        assertEquals("push service answered 303", delivery(1));
        assertEquals(0, push.received(phone.id()).size(), "the redirect to the same subscription was not followed");
        assertEquals(1, refusals(phone));
    }

    /** The state (column 0) or last error (column 1) of the parent's push delivery. */
    private String delivery(int column) throws java.sql.SQLException {
        String sql = "SELECT d.state, d.last_error FROM push_delivery d JOIN notification n ON n.id = d.notification_id"
                + " WHERE n.user_id = ?";
        try (var c = db.getConnection(); var st = c.prepareStatement(sql)) {
            st.setString(1, parentId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getString(column + 1) : null;
            }
        }
    }

    /** Counts the pushes queued for the user's devices and not delivered yet (a delivered push's row is deleted). */
    private static String pushesTo(String user) {
        return "SELECT count(*) FROM push_delivery d JOIN notification n ON n.id = d.notification_id"
                + " WHERE n.user_id = '" + user + "'";
    }

    private static long refusals(LocalPushService.Subscription phone) {
        return push.refused().stream().filter(r -> r.contains(phone.id())).count();
    }

    /** How far after the service's now the pending push to this parent will be tried again. */
    private long nextAttemptDelayMillis() throws java.sql.SQLException {
        String sql = "SELECT extract(epoch FROM d.next_attempt_at - ?::timestamptz) * 1000 FROM push_delivery d"
                + " JOIN notification n ON n.id = d.notification_id WHERE n.user_id = ? AND d.state = 'PENDING'"
                + " AND d.attempts > 0";
        try (var c = db.getConnection(); var st = c.prepareStatement(sql)) {
            st.setString(1, clock.instant().toString());
            st.setString(2, parentId);
            try (var rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    private static String body(String endpoint, String p256dh, String auth) {
        return new JsonObject().put("endpoint", endpoint)
                .put("keys", new JsonObject().put("p256dh", p256dh).put("auth", auth)).encode();
    }
}

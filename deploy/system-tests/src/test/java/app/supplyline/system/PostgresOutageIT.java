package app.supplyline.system;

import app.supplyline.local.testing.DeadLetters;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault: PostgreSQL is stopped. A session POST fails fast with 503 problem+json and Retry-After (no hang, nothing
 * stored); reads fail the same way on every service; once the database is back the services recover by themselves —
 * the next POST is accepted and flows through to analytics. Records that reach the consumers while the database is
 * down wait for it (20 s) and are applied after, and no consumer sends anything to its dead-letter topic.
 */
class PostgresOutageIT extends AgainstTheStack {

    static final Duration FAST = Duration.ofSeconds(5);

    @Test
    void requestsFailFastWith503WhileTheDatabaseIsDownAndRecoverByThemselves() {
        String parent = stack.newUser("parent");
        journeys.profile(parent, Journeys.MIDDAY);
        String token = stack.token(parent);
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.UTC).minusHours(5);
        String refused = "{\"type\":\"PUMPING\",\"startedAt\":\"" + start + "\",\"endedAt\":\"" + start.plusMinutes(20)
                + "\",\"leftMl\":61,\"rightMl\":59}";
        String accepted = "{\"type\":\"PUMPING\",\"startedAt\":\"" + start.plusHours(2) + "\",\"endedAt\":\""
                + start.plusHours(2).plusMinutes(20) + "\",\"leftMl\":70,\"rightMl\":65}";

        stack.components().postgres().stop();
        try {
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                Response post = io.restassured.RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(refused).post(stack.session() + "/api/sessions");
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                post.then().statusCode(503).contentType("application/problem+json").header("Retry-After", equalTo("5"))
                        .body("status", equalTo(503));
                assertTrue(took.compareTo(FAST) < 0, "503 within " + FAST + ", took " + took);
            }
            for (String read : new String[] {stack.session() + "/api/sessions", stack.analytics() + "/api/trends/me",
                    stack.notification() + "/api/notifications"}) {
                io.restassured.RestAssured.given().auth().oauth2(token).get(read).then().statusCode(503)
                        .contentType("application/problem+json");
            }
        } finally {
            stack.components().postgres().start();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> io.restassured.RestAssured.given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(accepted).post(stack.session() + "/api/sessions").statusCode() == 201);
        io.restassured.path.json.JsonPath stored = stack.as(parent).get(stack.session() + "/api/sessions").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(1, stored.getList("items").size(), "only the session accepted after the outage is stored");
        assertEquals(135.0, stored.getDouble("items[0].totalMl"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> journeys.trend(parent).getList("days.removals", Integer.class).stream()
                        .mapToInt(Integer::intValue).sum() == 1);
        assertEquals(1, journeys.trend(parent).getList("days.removals", Integer.class).stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void consumersHoldTheirRecordsThroughATwentySecondOutageAndDeadLetterNothing() throws Exception {
        String parent = stack.newUser("parent");
        journeys.profile(parent, Journeys.MIDDAY);
        String parentId = journeys.subject(parent); // the id the services key everything by
        String bootstrap = stack.components().kafka().bootstrapServers();
        List<DeadLetters> dlqs = List.of(new DeadLetters(bootstrap, "supplyline.sessions.v1.analytics-dlq"),
                new DeadLetters(bootstrap, "supplyline.sessions.v1.notification-dlq"),
                new DeadLetters(bootstrap, "supplyline.alerts.v1.notification-dlq"));
        try {
            List<Integer> before = new ArrayList<>();
            for (DeadLetters dlq : dlqs) {
                before.add(dlq.poll().size());
            }
            Instant end = Instant.now().minus(Duration.ofHours(1));
            String pumping = """
                    {"eventId":"%s","parentId":"%s","version":2,"type":"app.supplyline.session.pumping-logged.v1",
                     "schemaVersion":1,"occurredAt":"%s","recordedAt":"%s","sessionId":"%s",
                     "session":{"type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":60,"rightMl":60}}"""
                    .formatted(UUID.randomUUID(), parentId, end, end, UUID.randomUUID(), end.minusSeconds(1200), end);
            String seekHelp = """
                    {"eventId":"%s","parentId":"%s","type":"app.supplyline.analytics.supply-status-changed.v1",
                     "schemaVersion":1,"occurredAt":"%s","previousStatus":"WATCH","status":"SEEK_HELP",
                     "reasons":["SUPPLY_DROP"],"episodeId":"%s","evaluatedFor":"%s","clinicianIds":[],
                     "metrics":{"changePct":-24.0,"regularDays":6}}"""
                    .formatted(UUID.randomUUID(), parentId, Instant.now(), UUID.randomUUID(), LocalDate.now(Journeys.MIDDAY));

            stack.components().postgres().stop();
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new StringSerializer())) {
                // both topics get a record every consumer must apply while its database is away
                producer.send(new ProducerRecord<>("supplyline.sessions.v1", parentId, pumping)).get(30, TimeUnit.SECONDS);
                producer.send(new ProducerRecord<>("supplyline.alerts.v1", parentId, seekHelp)).get(30, TimeUnit.SECONDS);
                // the outage itself, 20 s: the consumers retry all along and dead-letter nothing meanwhile
                await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                        .until(() -> dlqs.stream().allMatch(dlq -> dlq.withKey(parentId).isEmpty()));
            } finally {
                stack.components().postgres().start();
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> journeys.trend(parent).getList("days.removals", Integer.class).stream()
                            .mapToInt(Integer::intValue).sum() == 1);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> journeys.inbox(parent, "SEEK_HELP").size() == 1);
            for (int i = 0; i < dlqs.size(); i++) {
                DeadLetters dlq = dlqs.get(i);
                assertEquals(List.of(), dlq.withKey(parentId), "nothing of the parent dead-lettered");
                assertEquals(before.get(i), dlq.poll().size(), "no dead letter at all during the outage");
            }
        } finally {
            dlqs.forEach(DeadLetters::close);
        }
    }
}

package app.supplyline.session.intake;

import app.supplyline.local.KafkaServer;
import app.supplyline.local.testing.AtLeastOnce;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.local.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Kafka away: sessions are still accepted, and once it is back every event arrives, each copy exact, in order. */
@QuarkusTest
class KafkaOutageTest {

    @Test
    void acceptsSessionsWhileKafkaIsDownAndPublishesAllOfThemInOrderWhenItIsBack() {
        String parentId = UUID.randomUUID().toString();
        String token = TestTokens.token(parentId, "parent");
        Instant start = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(100, ChronoUnit.HOURS);
        KafkaServer broker = KafkaTestResource.broker();
        List<String> ids = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < 100; i++) {
                Instant at = start.plus(i * 55L, ChronoUnit.MINUTES);
                ids.add(given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body(SessionResourceTest.pumping(at, 20, Integer.toString(30 + i % 50), "40"))
                        .post("/api/sessions").then().statusCode(201).extract().path("id"));
            }
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health").then()
                    .body("checks.find { it.name == 'outbox-relay' }.data.state", equalTo("DEGRADED")));
        } finally {
            broker.start();
        }

        // counted once a session logged after the broker is back has been published behind them
        List<ConsumerRecord<String, String>> records = SessionsTopic.recordsBeforeBarrier(parentId, token, 100,
                Duration.ofSeconds(90));
        // at least once (ADR-002): a send whose acknowledgement was lost as the broker came back is sent again, so a
        // record may be there twice — then as an exact copy, which consumers drop by its event id; the copies of the
        // pass that took them off the outbox (the last of each) are in stream order
        AtLeastOnce.Copies copies = AtLeastOnce.read(records, r -> new JsonObject(r.value()).getString("sessionId"));
        assertEquals(ids, copies.lastCopyOrder(), "every session, the last copies in the order they were logged");
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1L, new JsonObject(copies.values().get(ids.get(i))).getLong("version"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health").then()
                .body("checks.find { it.name == 'outbox-relay' }.data.state", equalTo("OK")));
    }
}

package app.supplyline.session.store;

import app.supplyline.local.testing.TestTokens;
import app.supplyline.session.intake.SessionsTopic;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Relay passes racing on the same outbox — as two service instances would — never publish an event twice and keep
 * each parent's order: a pass only takes the shards it could lock (SKIP LOCKED).
 */
@QuarkusTest
class ConcurrentRelayTest {

    @Inject
    OutboxRelay relay;

    @Test
    void concurrentRelayPassesPublishEachEventOnceInOrder() {
        String parentId = UUID.randomUUID().toString();
        String token = TestTokens.token(parentId, "parent");
        Instant first = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(60, ChronoUnit.DAYS);
        StringBuilder items = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 300; i++) {
            Instant start = first.plus(i * 3L, ChronoUnit.HOURS);
            items.append(i == 0 ? "" : ",").append("""
                    {"clientId":"c%d","type":"PUMPING","startedAt":"%s","endedAt":"%s","leftMl":%d}"""
                    .formatted(i, start, start.plus(20, ChronoUnit.MINUTES), 40 + i % 50));
        }
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(items.append("]}").toString()).post("/api/sessions/batch").then().statusCode(200);

        // four more passes at once, beside the service's own timer-driven relay
        List<Uni<Integer>> passes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            passes.add(relay.relayOnce());
        }
        Uni.join().all(passes).andCollectFailures().await().atMost(Duration.ofSeconds(60));

        List<ConsumerRecord<String, String>> records = SessionsTopic.recordsBeforeBarrier(parentId, token, 300);
        assertEquals(300, records.size(), "each event exactly once");
        for (int i = 0; i < 300; i++) {
            assertEquals(i + 1L, new JsonObject(records.get(i).value()).getLong("version"), "stream order");
        }
    }
}

package app.supplyline.notification.support;

import app.supplyline.local.testing.EventSchemas;
import app.supplyline.local.testing.KafkaTestResource;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A parent's session-service events, valid against the producer's schemas, sent to supplyline.sessions.v1. */
public final class Sessions implements AutoCloseable {

    static final EventSchemas PRODUCER_SCHEMAS = EventSchemas.load(Path.of("../session-service/src/main/resources/schemas"));
    private static final String PREFIX = "app.supplyline.session.";

    private final String parentId;
    private final KafkaProducer<String, String> producer;
    private long version;

    public Sessions(String parentId) {
        this.parentId = parentId;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers()), new StringSerializer(), new StringSerializer());
    }

    private JsonObject envelope(String type) {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("version", ++version).put("type", PREFIX + type).put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString()).put("recordedAt", Instant.now().toString());
    }

    /** A 20-minute pumping that ended at {@code end}; returns the session id. */
    public UUID pumping(Instant end) {
        UUID id = UUID.randomUUID();
        send(envelope("pumping-logged.v1").put("sessionId", id.toString()).put("session", body(end)));
        return id;
    }

    public void correct(UUID sessionId, long sessionVersion, Instant end) {
        send(envelope("session-corrected.v1").put("sessionId", sessionId.toString()).put("sessionVersion", sessionVersion)
                .put("session", body(end)));
    }

    public void delete(UUID sessionId, long sessionVersion) {
        send(envelope("session-deleted.v1").put("sessionId", sessionId.toString()).put("sessionVersion", sessionVersion));
    }

    public void timezone(String zone) {
        send(envelope("profile-updated.v1").put("profile", new JsonObject().put("timezone", zone).put("preferredUnit", "ML")));
    }

    /** The parent deleted their account: the last event of their stream. */
    public void erase() {
        send(envelope("parent-erased.v1"));
    }

    private static JsonObject body(Instant end) {
        return new JsonObject().put("type", "PUMPING").put("startedAt", end.minus(Duration.ofMinutes(20)).toString())
                .put("endedAt", end.toString()).put("leftMl", 60).put("rightMl", 55);
    }

    private void send(JsonObject event) {
        assertEquals(List.of(), PRODUCER_SCHEMAS.errors(event.getString("type"), event.encode()));
        ProducerRecord<String, String> record = new ProducerRecord<>("supplyline.sessions.v1", parentId, event.encode());
        record.headers().add("ce_id", event.getString("eventId").getBytes(StandardCharsets.UTF_8))
                .add("ce_type", event.getString("type").getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}

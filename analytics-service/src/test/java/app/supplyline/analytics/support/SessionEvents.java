package app.supplyline.analytics.support;

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
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.SecretKey;
import app.supplyline.platform.keys.KeyTopic;
import app.supplyline.platform.keys.PersonalFields;
import app.supplyline.platform.keys.Sealing;
import org.eclipse.microprofile.config.ConfigProvider;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One parent's stream of session-service events, shaped exactly as the session-service publishes them (every event
 * is checked against the producer's JSON schemas before it is sent), with CloudEvents headers and the parent as key.
 */
public final class SessionEvents implements AutoCloseable {

    public static final String TOPIC = "supplyline.sessions.v1";
    /** The producer's schemas: what analytics consumes must be valid against them. */
    public static final EventSchemas PRODUCER_SCHEMAS =
            EventSchemas.load(Path.of("../session-service/src/main/resources/schemas"));
    private static final String PREFIX = "app.supplyline.session.";

    private final String parentId;
    private final KafkaProducer<String, String> producer;
    private final List<JsonObject> sent = new ArrayList<>();
    private long version;

    /**
     * The personal fields the session-service seals, by event type (its EventSealing), and the schema version that
     * seals them.
     */
    static final Map<String, List<String>> SEALED = Map.of(PREFIX + "pumping-logged.v1", List.of("session.pump"),
            PREFIX + "nursing-logged.v1", List.of("session.pump"), PREFIX + "session-corrected.v1",
            List.of("session.pump"), PREFIX + "check-in-logged.v1",
            List.of("checkIn.sleepHours", "checkIn.waterMl", "checkIn.stress"), PREFIX + "profile-updated.v1",
            List.of("profile.babyBirthDate"));
    private static final KeyTopic KEYS = new KeyTopic(
            ConfigProvider.getConfig().getValue("supplyline.keys.kek", String.class), null);

    private final SecretKey key = Sealing.newKey();
    /** Every test parent's data key, to open what analytics seals in their alerts ({@link Alerts#body}). */
    static final Map<String, SecretKey> KEYS_BY_PARENT = new java.util.concurrent.ConcurrentHashMap<>();

    /** A parent's stream; their data key is on the keys topic first, as the session-service does. */
    public SessionEvents(String parentId) {
        this.parentId = parentId;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestResource.broker().bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer());
        publishKey(KEYS.wrap(parentId, key));
        KEYS_BY_PARENT.put(parentId, key);
    }

    private void publishKey(String wrapped) {
        try {
            producer.send(new ProducerRecord<>(KeyTopic.TOPIC, parentId, wrapped)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the data key of " + parentId, e);
        }
    }

    /** The parent deletes their account: ParentErased on their stream, then their key's tombstone. */
    public void erase(Instant at) {
        send(envelope("parent-erased.v1", at));
        flush();
        publishKey(null);
    }

    public String parentId() {
        return parentId;
    }

    /** Everything sent so far, in order. */
    public List<JsonObject> sent() {
        return List.copyOf(sent);
    }

    private JsonObject envelope(String type, Instant at) {
        return new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("version", ++version).put("type", PREFIX + type).put("schemaVersion", 1)
                .put("occurredAt", at.toString()).put("recordedAt", at.toString());
    }

    public UUID pumping(Instant start, int minutes, double leftMl, double rightMl) {
        UUID sessionId = UUID.randomUUID();
        send(envelope("pumping-logged.v1", start.plus(Duration.ofMinutes(minutes))).put("sessionId", sessionId.toString())
                .put("session", pumpingBody(start, minutes, leftMl, rightMl)));
        return sessionId;
    }

    public UUID nursing(Instant start, int minutes) {
        UUID sessionId = UUID.randomUUID();
        send(envelope("nursing-logged.v1", start.plus(Duration.ofMinutes(minutes))).put("sessionId", sessionId.toString())
                .put("session", new JsonObject().put("type", "NURSING").put("startedAt", start.toString())
                        .put("endedAt", start.plus(Duration.ofMinutes(minutes)).toString()).put("side", "BOTH")));
        return sessionId;
    }

    public void correct(UUID sessionId, long sessionVersion, Instant start, int minutes, double leftMl, double rightMl) {
        send(envelope("session-corrected.v1", start.plus(Duration.ofHours(1))).put("sessionId", sessionId.toString())
                .put("sessionVersion", sessionVersion).put("session", pumpingBody(start, minutes, leftMl, rightMl)));
    }

    public void delete(UUID sessionId, long sessionVersion, Instant at) {
        send(envelope("session-deleted.v1", at).put("sessionId", sessionId.toString()).put("sessionVersion", sessionVersion));
    }

    public void profile(String timezone, LocalDate babyBirthDate, Integer dailyGoalMl, Instant at) {
        profile(timezone, babyBirthDate, dailyGoalMl, null, false, at);
    }

    /** A profile of schema version 2, with the feeding mode (null: not declared) and a planned reduction. */
    public void profile(String timezone, LocalDate babyBirthDate, Integer dailyGoalMl, String feedingMode,
            boolean reducingOnPurpose, Instant at) {
        JsonObject profile = new JsonObject().put("timezone", timezone).put("preferredUnit", "ML");
        if (feedingMode != null) {
            profile.put("feedingMode", feedingMode);
        }
        if (reducingOnPurpose) {
            profile.put("reducingOnPurpose", true);
        }
        if (babyBirthDate != null) {
            profile.put("babyBirthDate", babyBirthDate.toString());
        }
        if (dailyGoalMl != null) {
            profile.put("dailyGoalMl", dailyGoalMl);
        }
        send(envelope("profile-updated.v1", at).put("schemaVersion", 2).put("profile", profile));
    }

    public void checkIn(LocalDate date, Double sleepHours, Integer waterMl, Integer stress, Instant at) {
        JsonObject checkIn = new JsonObject().put("date", date.toString());
        if (sleepHours != null) {
            checkIn.put("sleepHours", sleepHours);
        }
        if (waterMl != null) {
            checkIn.put("waterMl", waterMl);
        }
        if (stress != null) {
            checkIn.put("stress", stress);
        }
        send(envelope("check-in-logged.v1", at).put("checkIn", checkIn));
    }

    /**
     * A regular day: {@code sessions} pumpings evenly spread from 00:30 local time, {@code dailyMl} in total, split
     * evenly between the sides.
     */
    public void pumpingDay(LocalDate date, ZoneId zone, int sessions, double dailyMl) {
        Instant first = date.atStartOfDay(zone).toInstant().plus(Duration.ofMinutes(30));
        long spacing = Duration.ofHours(24).toMinutes() / sessions;
        double perSide = Math.round(dailyMl / sessions / 2 * 10) / 10.0;
        for (int i = 0; i < sessions; i++) {
            pumping(first.plus(Duration.ofMinutes(spacing * i)), 20, perSide, perSide);
        }
    }

    /** {@code sessions} nursings evenly spread from 00:30 local time. */
    public void nursingDay(LocalDate date, ZoneId zone, int sessions) {
        Instant first = date.atStartOfDay(zone).toInstant().plus(Duration.ofMinutes(30));
        long spacing = Duration.ofHours(24).toMinutes() / sessions;
        for (int i = 0; i < sessions; i++) {
            nursing(first.plus(Duration.ofMinutes(spacing * i)), 20);
        }
    }

    private static JsonObject pumpingBody(Instant start, int minutes, double leftMl, double rightMl) {
        return new JsonObject().put("type", "PUMPING").put("startedAt", start.toString())
                .put("endedAt", start.plus(Duration.ofMinutes(minutes)).toString())
                .put("leftMl", leftMl).put("rightMl", rightMl);
    }

    /**
     * Sends the event as the session-service publishes it, its personal fields sealed, after checking it against
     * the producer's schema.
     */
    public void send(JsonObject clear) {
        String type = clear.getString("type");
        JsonObject event = clear.copy();
        if (SEALED.containsKey(type)) {
            event.put("schemaVersion", type.endsWith("profile-updated.v1") ? 3 : 2);
            PersonalFields.seal(event, SEALED.get(type), key,
                    PersonalFields.associatedData(parentId, event.getString("eventId")));
        }
        assertEquals(List.of(), PRODUCER_SCHEMAS.errors(type, event.encode()), "the example is a valid " + type);
        sent.add(event);
        sendRaw(event.encode(), event.getString("eventId"), event.getString("type"));
    }

    /** Sends any payload as this parent's record, as a broken or hostile producer could. */
    public void sendRaw(String body, String id, String type) {
        ProducerRecord<String, String> record = new ProducerRecord<>(TOPIC, parentId, body);
        record.headers().add("ce_specversion", bytes("1.0")).add("ce_id", bytes(id)).add("ce_type", bytes(type))
                .add("ce_source", bytes("/supplyline/session-service")).add("ce_subject", bytes(parentId));
        producer.send(record);
    }

    /** Sends everything again, as an at-least-once relay may. */
    public void redeliverAll() {
        for (JsonObject event : List.copyOf(sent)) {
            sendRaw(event.encode(), event.getString("eventId"), event.getString("type"));
        }
        flush();
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

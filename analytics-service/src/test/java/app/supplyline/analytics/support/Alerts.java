package app.supplyline.analytics.support;

import app.supplyline.local.testing.EventSchemas;
import app.supplyline.local.testing.KafkaTestResource;
import app.supplyline.platform.keys.PersonalFields;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads supplyline.alerts.v1 from its beginning, as the notification-service will. */
public final class Alerts implements AutoCloseable {

    public static final String TOPIC = "supplyline.alerts.v1";
    /** This service's own schema for what it publishes. */
    public static final EventSchemas SCHEMAS = EventSchemas.load(Path.of("src/main/resources/schemas"));

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    public Alerts() {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "alerts-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC));
    }

    /** The consent events, which share the parent's partition with the alerts. */
    public static final String CONSENT_CHANGED = "app.supplyline.analytics.consent-changed.v1";

    /** Polls once more and returns every alert (status change or milestone) seen so far for the parent, in order. */
    public List<ConsumerRecord<String, String>> of(String parentId) {
        return all(parentId).stream().filter(r -> !CONSENT_CHANGED.equals(header(r, "ce_type"))).toList();
    }

    /** Polls once more and returns the parent's consent events seen so far, in order. */
    public List<ConsumerRecord<String, String>> consentsOf(String parentId) {
        return all(parentId).stream().filter(r -> CONSENT_CHANGED.equals(header(r, "ce_type"))).toList();
    }

    private List<ConsumerRecord<String, String>> all(String parentId) {
        consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
        return seen.stream().filter(r -> parentId.equals(r.key())).toList();
    }

    /** The alert as analytics wrote it, its sealed fields (the shared name, the birth date) opened. */
    public static JsonObject body(ConsumerRecord<String, String> record) {
        JsonObject alert = new JsonObject(record.value());
        if (alert.containsKey(PersonalFields.MEMBER)) {
            String parentId = alert.getString("parentId");
            PersonalFields.open(alert, SessionEvents.KEYS_BY_PARENT.get(parentId),
                    PersonalFields.associatedData(parentId, alert.getString("eventId")));
        }
        return alert;
    }

    public static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}

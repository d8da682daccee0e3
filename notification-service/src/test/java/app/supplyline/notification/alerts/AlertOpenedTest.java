package app.supplyline.notification.alerts;

import app.supplyline.local.testing.EventSchemas;
import app.supplyline.local.testing.KafkaTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static app.supplyline.notification.support.Api.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A clinician's notification about a parent is "opened" the first time the inbox API returns it: one
 * {@code alert-opened} event on {@code supplyline.access.v1} (key = parent), valid against its schema, for the
 * parent's access log — none for the parent's own notifications, none for a second look.
 */
@QuarkusTest
class AlertOpenedTest {

    static final EventSchemas SCHEMAS = EventSchemas.load(Path.of("src/main/resources/schemas"));
    static final String TOPIC = "supplyline.access.v1";

    private final String parentId = UUID.randomUUID().toString();
    private final String clinician = "clinician-" + UUID.randomUUID();

    @Test
    void theFirstFetchOfAClinicianOpensTheirAlertOnce() throws Exception {
        JsonObject alert = new JsonObject().put("eventId", UUID.randomUUID().toString()).put("parentId", parentId)
                .put("type", "app.supplyline.analytics.supply-status-changed.v1").put("schemaVersion", 1)
                .put("occurredAt", Instant.now().toString()).put("previousStatus", "STABLE").put("status", "SEEK_HELP")
                .put("reasons", new JsonArray(List.of("SUPPLY_DROP"))).put("episodeId", UUID.randomUUID().toString())
                .put("evaluatedFor", "2026-11-20").put("clinicianIds", new JsonArray(List.of(clinician)))
                .put("metrics", new JsonObject().put("changePct", -25.0).put("regularDays", 6));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("supplyline.alerts.v1", parentId, alert.encode())).get(30, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(parentId, "parent") == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> inbox(clinician, "clinician") == 1);
        String notificationId = as(clinician, "clinician").get("/api/notifications").then().extract().path("items[0].id");
        inbox(clinician, "clinician");

        List<ConsumerRecord<String, String>> opened = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            opened.clear();
            opened.addAll(records(parentId));
            return !opened.isEmpty();
        });
        // a moment more: a second event would have come by now
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> records(parentId).size() == 1);
        JsonObject event = new JsonObject(opened.get(0).value());
        assertEquals(List.of(), SCHEMAS.errors("app.supplyline.notification.alert-opened.v1", opened.get(0).value()));
        assertEquals(clinician, event.getString("clinicianId"));
        assertEquals(notificationId, event.getString("notificationId"));
        assertEquals("CLINICIAN_ALERT", event.getString("kind"));
    }

    private static int inbox(String user, String role) {
        return as(user, role).get("/api/notifications").then().statusCode(200).extract().path("items.size()");
    }

    private static List<ConsumerRecord<String, String>> records(String key) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestResource.broker().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            Instant until = Instant.now().plusSeconds(20);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(until)) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                }
            }
            return found;
        }
    }
}

package app.supplyline.system;

import io.restassured.path.json.JsonPath;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Revocation while the notification-service is stopped (ADR-010): a parent who shares with a clinician has a drop
 * evaluated, and its alert — naming the clinician — waits on the topic while the notification-service is down; the
 * parent then stops sharing. After the restart the parent is told, and the clinician never is: not in the inbox,
 * not on the phone. The parent's access log shows no read, since the clinician opened nothing.
 */
class RevocationWhileStoppedIT extends AgainstTheStack {

    static final ZoneId ZONE = Journeys.MIDDAY;

    @Test
    void anAlertQueuedBeforeTheRevocationNeverReachesTheClinicianAfterTheRestart() {
        String parent = stack.newUser("parent");
        String clinician = stack.newUser("clinician");
        journeys.profile(parent, ZONE);
        String parentId = journeys.subject(parent);
        String parentPhone = journeys.phone(parent);
        String clinicianPhone = journeys.phone(clinician);
        String cohortId = journeys.consent(parent, clinician);

        try (AlertTopic topic = new AlertTopic(stack.components().kafka().bootstrapServers(), parentId)) {
            // the grant is on the topic before the service stops: it knows the parent shares
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.consents(true) == 1);
            String clinicianId = journeys.subject(clinician);
            stack.components().service("notification-service").stop();
            try {
                journeys.supplyDrop(parent, ZONE, "revoked-");
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> topic.seekHelpNaming(clinicianId));
                stack.as(parent).delete(stack.analytics() + "/api/consents/" + cohortId).then().statusCode(204);
                await().atMost(Duration.ofSeconds(30)).until(() -> topic.consents(false) == 1);
            } finally {
                // the other tests share the stack: it gets its notification-service back whatever happened here
                stack.components().service("notification-service").restart(Duration.ofMinutes(2));
            }
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> journeys.inbox(parent, "SEEK_HELP").size() == 1
                        && journeys.pushes(parentPhone, "SEEK_HELP").size() == 1);
        // the revocation came after the alert on the partition, so it is processed too once the parent is told; the
        // clinician's inbox and phone stay empty
        await("nothing reaches the clinician").during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                .until(() -> journeys.inbox(clinician, "CLINICIAN_ALERT").isEmpty()
                        && journeys.pushes(clinicianPhone, "CLINICIAN_ALERT").isEmpty());
        assertEquals(List.of(), stack.as(parent).get(stack.analytics() + "/api/consents/" + cohortId + "/access-log")
                .then().statusCode(200).extract().jsonPath().getList("items"), "the clinician opened nothing");
    }

    /** The parent's records on supplyline.alerts.v1, read from the beginning. */
    static final class AlertTopic implements AutoCloseable {

        private final KafkaConsumer<String, String> consumer;
        private final String parentId;
        private final List<JsonPath> seen = new ArrayList<>();

        AlertTopic(String bootstrap, String parentId) {
            this.parentId = parentId;
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "revocation-it-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer());
            consumer.subscribe(List.of("supplyline.alerts.v1"));
        }

        private List<JsonPath> records() {
            for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                if (parentId.equals(r.key())) {
                    seen.add(JsonPath.from(r.value()));
                }
            }
            return seen;
        }

        long consents(boolean active) {
            return records().stream().filter(e -> "app.supplyline.analytics.consent-changed.v1".equals(e.getString("type"))
                    && e.getBoolean("active") == active).count();
        }

        boolean seekHelpNaming(String clinicianId) {
            return records().stream().anyMatch(e -> "SEEK_HELP".equals(e.getString("status"))
                    && e.getList("clinicianIds").contains(clinicianId));
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}

package app.supplyline.notification.alerts;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The consent changes of a parent already on the partition after the alert being processed. An alert waits in Kafka
 * while this service is stopped or behind; if the parent revoked their consent meanwhile, the revocation is on the
 * same partition (both are keyed by the parent), after the alert. Before a clinician alert is delivered, the records
 * between it and the partition's end are read — only when there are any, which in steady state there are not — so
 * that the alert is checked against the consent as it is now, not as it was when the alert was evaluated.
 */
@ApplicationScoped
public class LookAhead {

    private static final Logger LOG = Logger.getLogger(LookAhead.class);

    private final KafkaClientService kafka;
    /** At most this many records are read ahead for one alert (a backlog beyond it is read to this depth). */
    private final int maxRecords;

    public LookAhead(KafkaClientService kafka,
            @ConfigProperty(name = "supplyline.alerts.look-ahead.max-records", defaultValue = "100000") int maxRecords) {
        this.kafka = kafka;
        this.maxRecords = maxRecords;
    }

    /** The latest consent change of each of the parent's cohorts found after the message, by cohort. */
    Uni<Map<UUID, Alert.ConsentChanged>> laterConsents(Message<String> message, String parentId) {
        var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (metadata.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        TopicPartition partition = new TopicPartition(metadata.get().getTopic(), metadata.get().getPartition());
        long next = metadata.get().getOffset() + 1;
        KafkaConsumer<String, String> consumer = kafka.getConsumer(AlertConsumer.CHANNEL);
        java.util.function.Function<org.apache.kafka.clients.consumer.Consumer<String, String>, Long> endOffset =
                c -> c.endOffsets(List.of(partition)).get(partition);
        return consumer.runOnPollingThread(endOffset)
                .chain(end -> end == null || end <= next ? Uni.createFrom().item(Map.<UUID, Alert.ConsentChanged>of())
                        : Uni.createFrom().item(() -> read(consumer.configuration(), partition, next, end, parentId))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private Map<UUID, Alert.ConsentChanged> read(Map<String, ?> configuration, TopicPartition partition, long from,
            long end, String parentId) {
        Map<String, Object> properties = new HashMap<>(configuration);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-look-ahead-" + UUID.randomUUID());
        Map<UUID, Alert.ConsentChanged> latest = new HashMap<>();
        long last = Math.min(end, from + maxRecords);
        Instant deadline = Instant.now().plusSeconds(30);
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> reader =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(properties, new StringDeserializer(),
                             new StringDeserializer())) {
            reader.assign(List.of(partition));
            reader.seek(partition, from);
            while (reader.position(partition) < last) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("reading ahead on " + partition + " took over 30 s");
                }
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.offset() < last && parentId.equals(r.key()) && r.value() != null
                            && r.value().contains(Alert.CONSENT_CHANGED)) {
                        consent(r.value()).ifPresent(c -> latest.put(c.cohortId(), c));
                    }
                }
            }
        }
        LOG.debugf("Read ahead %d records of %s for parent %s: %d consent changes", last - from, partition, parentId,
                latest.size());
        return latest;
    }

    private static java.util.Optional<Alert.ConsentChanged> consent(String payload) {
        try {
            return Alert.parse(payload) instanceof Alert.ConsentChanged c ? java.util.Optional.of(c)
                    : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty(); // a poison record is the consumer's to dead-letter when it gets there
        }
    }
}

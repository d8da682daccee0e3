package app.supplyline.notification.alerts;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;

/**
 * The consent changes of a parent already on the partition after the alert being processed. An alert waits in Kafka
 * while this service is stopped or behind; if the parent revoked their consent meanwhile, the revocation is on the
 * same partition (both are keyed by the parent), after the alert. Before a clinician alert is delivered, the records
 * between it and the partition's end are known: each partition is read ahead once, incrementally, with a
 * short-lived consumer (assigned, no group), keeping only the consent changes it finds — so a backlog of N records
 * is read once, not once per alert, and in steady state (the alert is the last record) nothing is read at all.
 */
@ApplicationScoped
public class LookAhead {

    private static final Logger LOG = Logger.getLogger(LookAhead.class);

    private final KafkaClientService kafka;
    /** A read that makes no progress for this long fails (and the alert is tried again). */
    private final Duration stall;
    private final Map<TopicPartition, ReadAhead> partitions = new HashMap<>();

    /** What was read ahead on one partition: up to {@code readTo} (exclusive), the consent changes found there. */
    private static final class ReadAhead {
        long readFrom;
        long readTo;
        final List<Found> changes = new ArrayList<>();

        ReadAhead(long from) {
            readFrom = from;
            readTo = from;
        }
    }

    private record Found(long offset, Alert.ConsentChanged change) {
    }

    public LookAhead(KafkaClientService kafka,
            @ConfigProperty(name = "supplyline.alerts.look-ahead.stall", defaultValue = "PT10S") Duration stall) {
        this.kafka = kafka;
        this.stall = stall;
    }

    /** The latest consent change (by version) of each of the parent's cohorts found after the message, by cohort. */
    Uni<Map<UUID, Alert.ConsentChanged>> laterConsents(Message<String> message, String parentId) {
        var metadata = message.getMetadata(IncomingKafkaRecordMetadata.class);
        if (metadata.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        TopicPartition partition = new TopicPartition(metadata.get().getTopic(), metadata.get().getPartition());
        long next = metadata.get().getOffset() + 1;
        KafkaConsumer<String, String> consumer = kafka.getConsumer(AlertConsumer.CHANNEL);
        // the end as of the consumer's last fetch (its position and lag, known locally): no broker round trip per
        // alert; asked of the broker only before the first fetch has told it
        Function<Consumer<String, String>, Long> endOffset = c -> {
            OptionalLong lag = c.currentLag(partition);
            return lag.isPresent() ? c.position(partition) + lag.getAsLong()
                    : c.endOffsets(List.of(partition)).get(partition);
        };
        return consumer.runOnPollingThread(endOffset)
                .chain(end -> end == null || end <= next ? Uni.createFrom().item(Map.<UUID, Alert.ConsentChanged>of())
                        : Uni.createFrom().item(() -> changesAfter(consumer.configuration(), partition, next, end, parentId))
                                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    private synchronized Map<UUID, Alert.ConsentChanged> changesAfter(Map<String, ?> configuration,
            TopicPartition partition, long next, long end, String parentId) {
        ReadAhead ahead = partitions.get(partition);
        if (ahead == null || next < ahead.readFrom) { // first time, or the partition was rewound (a rebalance)
            ahead = new ReadAhead(next);
            partitions.put(partition, ahead);
        }
        ahead.changes.removeIf(f -> f.offset() < next);
        ahead.readFrom = next;
        ahead.readTo = Math.max(ahead.readTo, next);
        if (ahead.readTo < end) {
            read(configuration, partition, ahead, end);
        }
        Map<UUID, Alert.ConsentChanged> latest = new HashMap<>();
        for (Found f : ahead.changes) {
            if (parentId.equals(f.change().parentId())) {
                latest.merge(f.change().cohortId(), f.change(), (a, b) -> b.version() > a.version() ? b : a);
            }
        }
        return latest;
    }

    private void read(Map<String, ?> configuration, TopicPartition partition, ReadAhead ahead, long end) {
        Map<String, Object> properties = new HashMap<>(configuration);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "notification-look-ahead-" + UUID.randomUUID());
        long from = ahead.readTo;
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, String> reader =
                     new org.apache.kafka.clients.consumer.KafkaConsumer<>(properties, new StringDeserializer(),
                             new StringDeserializer())) {
            reader.assign(List.of(partition));
            reader.seek(partition, from);
            long position = from;
            Instant progressed = Instant.now();
            while (position < end) {
                for (ConsumerRecord<String, String> r : reader.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end && r.value() != null && r.value().contains(Alert.CONSENT_CHANGED)) {
                        consent(r.value()).ifPresent(c -> ahead.changes.add(new Found(r.offset(), c)));
                    }
                }
                long now = reader.position(partition);
                if (now > position) {
                    position = now;
                    progressed = Instant.now();
                } else if (Instant.now().isAfter(progressed.plus(stall))) {
                    throw new IllegalStateException("reading ahead on " + partition + " made no progress for " + stall
                            + " at offset " + position);
                }
            }
        }
        ahead.readTo = end;
        LOG.debugf("Read ahead %s records of %s: %s consent changes pending", Long.valueOf(end - from), partition,
                Integer.valueOf(ahead.changes.size()));
    }

    private static Optional<Alert.ConsentChanged> consent(String payload) {
        try {
            return Alert.parse(payload) instanceof Alert.ConsentChanged c ? Optional.of(c) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a poison record is the consumer's to dead-letter when it gets there
        }
    }
}

package app.supplyline.notification;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Skips an event of a type this service does not know: producers may be newer than their consumers, and the contract
 * lets them add types. The record is acknowledged, never dead-lettered (the dead-letter topic is for records that
 * cannot be read), and counted in {@code supplyline.events.skipped{topic,type}}, as analytics-service counts its own.
 */
@ApplicationScoped
public class SkippedEvents {

    public static final String COUNTER = "supplyline.events.skipped";
    private static final Logger LOG = Logger.getLogger(SkippedEvents.class);

    private final MeterRegistry registry;

    public SkippedEvents(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts the event under its topic and type, and acknowledges it. */
    public Uni<Void> skip(Message<?> message, String type) {
        String topic = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(metadata -> metadata.getTopic()).orElse("unknown");
        LOG.debugf("Skipped an event of a type this service does not know: %s (%s)", type, topic);
        // the type comes from the record: a tag that is not a plain name would be a metric label from anywhere
        String tag = type.matches("[A-Za-z0-9._-]{1,120}") ? type : "unreadable";
        registry.counter(COUNTER, "topic", topic, "type", tag).increment();
        return Uni.createFrom().completionStage(message.ack());
    }
}

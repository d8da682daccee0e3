package app.supplyline.analytics.cohort;

import app.supplyline.platform.work.Poison;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A clinician opened a notification about a parent in the inbox (the notification-service's
 * {@code alert-opened.v1} on {@code supplyline.access.v1}): the parent's access log gets it, resource {@code alert},
 * under the cohort that shares the parent with that clinician (the active consent, else the latest). Without any
 * consent between them — an erased parent — nothing is logged. Applied once per event id; an unreadable record goes
 * to the dead-letter topic.
 */
@ApplicationScoped
public class AlertsOpened {

    public static final String CHANNEL = "alert-opened";
    static final String TYPE = "app.supplyline.notification.alert-opened.v1";
    private static final Logger LOG = Logger.getLogger(AlertsOpened.class);

    private final Pool pool;
    private final int maxAttempts;

    public AlertsOpened(Pool pool,
            @ConfigProperty(name = "supplyline.consumer.max-attempts", defaultValue = "3") int maxAttempts) {
        this.pool = pool;
        this.maxAttempts = maxAttempts;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        UUID eventId;
        String parentId;
        String clinicianId;
        Instant openedAt;
        try {
            JsonObject e = new JsonObject(message.getPayload());
            if (!TYPE.equals(e.getString("type"))) {
                LOG.debugf("Skipped an access event of a type analytics does not know: %s", e.getString("type"));
                return Uni.createFrom().completionStage(message.ack());
            }
            eventId = UUID.fromString(e.getString("eventId"));
            parentId = required(e, "parentId");
            clinicianId = required(e, "clinicianId");
            openedAt = Instant.parse(required(e, "occurredAt"));
        } catch (DecodeException | ClassCastException | NullPointerException | IllegalArgumentException
                 | DateTimeException e) {
            LOG.warnf("Refused an access event: %s", e.getMessage());
            return Uni.createFrom().completionStage(message.nack(new IllegalArgumentException(
                    "Not an alert-opened event: " + e.getMessage(), e)));
        }
        return Poison.attempts(() -> pool.preparedQuery("""
                                WITH fresh AS (
                                    INSERT INTO processed_event (event_id, processed_at) VALUES ($1, now())
                                    ON CONFLICT DO NOTHING RETURNING event_id),
                                shared AS (
                                    SELECT s.cohort_id, k.clinician_name FROM consent s JOIN cohort k ON k.id = s.cohort_id
                                     WHERE s.parent_id = $2 AND k.clinician_id = $3
                                     ORDER BY (s.revoked_at IS NULL) DESC, s.granted_at DESC LIMIT 1)
                                INSERT INTO access_log (cohort_id, parent_id, clinician_id, clinician_name, resource, accessed_at)
                                SELECT shared.cohort_id, $2, $3, shared.clinician_name, 'alert', $4 FROM fresh, shared""")
                        .execute(Tuple.of(eventId, parentId, clinicianId, openedAt.atOffset(ZoneOffset.UTC))),
                        maxAttempts, "access event " + eventId)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure(Poison::isCause).recoverWithUni(e -> Uni.createFrom().completionStage(message.nack(e)));
    }

    private static String required(JsonObject e, String field) {
        String value = e.getString(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}

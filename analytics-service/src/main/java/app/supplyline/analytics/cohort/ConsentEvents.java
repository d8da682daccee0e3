package app.supplyline.analytics.cohort;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A consent granted or revoked is an event: {@value #TYPE} on {@code supplyline.alerts.v1}, keyed by the parent, written
 * to the alert outbox in the transaction that changes the consent. On the parent's partition it comes after every
 * alert evaluated while the consent held, so the notification-service can stop what it has not yet delivered.
 */
final class ConsentEvents {

    static final String TYPE = "app.supplyline.analytics.consent-changed.v1";

    private ConsentEvents() {
    }

    /** {@code version}: the consent's change number (1 when first granted), by which a consumer keeps the latest. */
    static Uni<Void> publish(SqlClient c, String parentId, UUID cohortId, String clinicianId, long version,
            boolean active, Instant now) {
        UUID eventId = UUID.randomUUID();
        JsonObject event = new JsonObject().put("eventId", eventId.toString()).put("parentId", parentId)
                .put("type", TYPE).put("schemaVersion", 1).put("occurredAt", now.toString())
                .put("cohortId", cohortId.toString()).put("clinicianId", clinicianId).put("consentVersion", version)
                .put("active", active);
        return c.preparedQuery("""
                        INSERT INTO alert_outbox (event_id, parent_id, type, occurred_at, data)
                        VALUES ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(eventId, parentId, TYPE, now.atOffset(ZoneOffset.UTC), event))
                .replaceWithVoid();
    }
}

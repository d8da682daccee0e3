package app.supplyline.notification.alerts;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What this service knows of each parent's consents, from the analytics-service's ConsentChanged events: a clinician
 * alert goes only to clinicians the parent has not stopped sharing with, and a revocation cancels the pushes about
 * the parent not yet sent to that clinician (the inbox keeps what arrived while the consent held).
 */
@ApplicationScoped
public class Consents {

    private static final Logger LOG = Logger.getLogger(Consents.class);

    /**
     * Applies a change unless a later one of the same consent (a higher version) was applied already: events may come
     * twice, and after a failed publishing pass out of order.
     */
    Uni<Void> apply(SqlConnection c, Alert.ConsentChanged e) {
        return c.preparedQuery("""
                        INSERT INTO consent (parent_id, cohort_id, clinician_id, active, version, changed_at)
                        VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (parent_id, cohort_id) DO UPDATE SET active = EXCLUDED.active,
                            clinician_id = EXCLUDED.clinician_id, version = EXCLUDED.version,
                            changed_at = EXCLUDED.changed_at
                        WHERE consent.version < EXCLUDED.version""")
                .execute(Tuple.tuple(List.of(e.parentId(), e.cohortId(), e.clinicianId(), e.active(), e.version(),
                        e.occurredAt().atOffset(ZoneOffset.UTC))))
                .chain(() -> e.active() ? Uni.createFrom().voidItem() : cancelPushes(c, e.parentId(), e.clinicianId()));
    }

    /** Deletes the pending pushes about the parent to the clinician, unless another consent still shares with them. */
    private Uni<Void> cancelPushes(SqlConnection c, String parentId, String clinicianId) {
        return c.preparedQuery("""
                        DELETE FROM push_delivery d USING notification n
                         WHERE d.notification_id = n.id AND d.state = 'PENDING'
                           AND n.user_id = $2 AND n.data->>'parentId' = $1
                           AND NOT EXISTS (SELECT 1 FROM consent s
                                            WHERE s.parent_id = $1 AND s.clinician_id = $2 AND s.active)""")
                .execute(Tuple.of(parentId, clinicianId))
                .invoke(rows -> LOG.debugf("Consent of %s to %s revoked: %d pending pushes cancelled", parentId,
                        clinicianId, rows.rowCount()))
                .replaceWithVoid();
    }

    /**
     * The clinicians among {@code clinicianIds} the parent has stopped sharing with: every consent known for them —
     * stored, overlaid with the {@code later} changes already on the partition — is revoked. A clinician with no
     * known consent is left as the alert names them (consents from before this service heard of them).
     */
    Uni<Set<String>> revoked(SqlConnection c, String parentId, List<String> clinicianIds,
            Map<UUID, Alert.ConsentChanged> later) {
        if (clinicianIds.isEmpty()) {
            return Uni.createFrom().item(Set.of());
        }
        return c.preparedQuery("SELECT cohort_id, clinician_id, version, active FROM consent WHERE parent_id = $1")
                .execute(Tuple.of(parentId))
                .map(rows -> {
                    Map<UUID, Alert.ConsentChanged> known = new HashMap<>();
                    rows.forEach(r -> known.put(r.getUUID(0), new Alert.ConsentChanged(null, parentId, r.getUUID(0),
                            r.getString(1), r.getLong(2), r.getBoolean(3), null)));
                    later.values().forEach(change -> known.merge(change.cohortId(), change,
                            (stored, newer) -> newer.version() > stored.version() ? newer : stored));
                    Set<String> revoked = new HashSet<>();
                    for (String clinician : clinicianIds) {
                        List<Alert.ConsentChanged> theirs = known.values().stream()
                                .filter(k -> clinician.equals(k.clinicianId())).toList();
                        if (!theirs.isEmpty() && theirs.stream().noneMatch(Alert.ConsentChanged::active)) {
                            revoked.add(clinician);
                        }
                    }
                    return revoked;
                });
    }
}

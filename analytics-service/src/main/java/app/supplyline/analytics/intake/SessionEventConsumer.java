package app.supplyline.analytics.intake;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * Applies the session-service's events ({@code supplyline.sessions.v1}, group {@code analytics}) to the analytics
 * projections, idempotently: the event id is recorded in the same transaction as its effect, so a redelivered event
 * changes nothing, and the offset is committed only after that transaction. An event that cannot be read is sent to
 * the dead-letter topic with the reason and the partition keeps flowing.
 */
@ApplicationScoped
public class SessionEventConsumer {

    public static final String CHANNEL = "session-events";
    private static final Logger LOG = Logger.getLogger(SessionEventConsumer.class);

    private final Pool pool;

    public SessionEventConsumer(Pool pool) {
        this.pool = pool;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        JsonObject event;
        UUID eventId;
        try {
            event = new JsonObject(message.getPayload());
            eventId = UUID.fromString(event.getString("eventId"));
        } catch (DecodeException | IllegalArgumentException | NullPointerException | ClassCastException e) {
            return Uni.createFrom().completionStage(message.nack(
                    new IllegalArgumentException("Not a session event: " + e.getMessage(), e)));
        }
        return pool.withTransaction(c -> c.preparedQuery(
                                "INSERT INTO processed_event (event_id, processed_at) VALUES ($1, now()) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(eventId))
                        .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().voidItem() : apply(c, event)))
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("Session event %s refused: %s", eventId, e.getMessage());
                    return Uni.createFrom().completionStage(message.nack(e));
                });
    }

    private Uni<Void> apply(SqlConnection c, JsonObject e) {
        String parentId = e.getString("parentId");
        String type = e.getString("type");
        return switch (type) {
            case "app.supplyline.session.pumping-logged.v1", "app.supplyline.session.nursing-logged.v1" ->
                    upsertRemoval(c, parentId, e.getString("sessionId"), 1, e.getJsonObject("session"));
            case "app.supplyline.session.session-corrected.v1" ->
                    upsertRemoval(c, parentId, e.getString("sessionId"), e.getLong("sessionVersion"), e.getJsonObject("session"));
            case "app.supplyline.session.session-deleted.v1" -> c.preparedQuery("""
                            UPDATE removal SET deleted = true, version = $3
                             WHERE session_id = $1 AND parent_id = $2 AND version < $3""")
                    .execute(Tuple.of(UUID.fromString(e.getString("sessionId")), parentId, e.getLong("sessionVersion")))
                    .replaceWithVoid();
            case "app.supplyline.session.profile-updated.v1" -> {
                JsonObject p = e.getJsonObject("profile");
                yield c.preparedQuery("""
                                INSERT INTO parent_profile (parent_id, timezone, baby_birth_date, daily_goal_ml)
                                VALUES ($1, $2, $3, $4)
                                ON CONFLICT (parent_id) DO UPDATE SET timezone = EXCLUDED.timezone,
                                    baby_birth_date = EXCLUDED.baby_birth_date, daily_goal_ml = EXCLUDED.daily_goal_ml""")
                        .execute(Tuple.tuple(Arrays.asList(parentId, p.getString("timezone"),
                                p.getString("babyBirthDate") == null ? null : java.time.LocalDate.parse(p.getString("babyBirthDate")),
                                p.getInteger("dailyGoalMl"))))
                        .replaceWithVoid();
            }
            // check-ins feed the insights, which come later; recorded as processed all the same
            case "app.supplyline.session.check-in-logged.v1" -> Uni.createFrom().voidItem();
            default -> Uni.createFrom().failure(new IllegalArgumentException("Unknown event type " + type));
        };
    }

    /** Writes the session's content unless a newer version is already there (versions only move forward). */
    private Uni<Void> upsertRemoval(SqlConnection c, String parentId, String sessionId, long version, JsonObject s) {
        boolean pumping = "PUMPING".equals(s.getString("type"));
        return c.preparedQuery("""
                        INSERT INTO removal (session_id, parent_id, pumping, started_at, ended_at, left_ml, right_ml,
                                             version, deleted)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, false)
                        ON CONFLICT (session_id) DO UPDATE SET pumping = EXCLUDED.pumping,
                            started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at, left_ml = EXCLUDED.left_ml,
                            right_ml = EXCLUDED.right_ml, version = EXCLUDED.version
                        WHERE removal.version < EXCLUDED.version AND removal.parent_id = EXCLUDED.parent_id""")
                .execute(Tuple.tuple(Arrays.asList(UUID.fromString(sessionId), parentId, pumping,
                        instant(s.getString("startedAt")), instant(s.getString("endedAt")),
                        volume(s, "leftMl"), volume(s, "rightMl"), version)))
                .replaceWithVoid();
    }

    private static java.math.BigDecimal volume(JsonObject s, String field) {
        Number n = s.getNumber(field);
        return n == null ? java.math.BigDecimal.ZERO : new java.math.BigDecimal(n.toString());
    }

    private static OffsetDateTime instant(String value) {
        return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
    }
}

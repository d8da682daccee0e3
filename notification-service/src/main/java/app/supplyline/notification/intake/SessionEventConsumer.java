package app.supplyline.notification.intake;

import app.supplyline.notification.SkippedEvents;
import app.supplyline.notification.reminder.ReminderClock;
import app.supplyline.platform.work.Poison;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

/**
 * Follows the session-service's events ({@code supplyline.sessions.v1}, group {@code notification}) for what
 * reminders need: when each removal ended (corrections and deletions included, versions only forward) and the
 * parent's timezone; then the parent's reminder is rescheduled in the same transaction, so a removal logged before
 * the reminder went out cancels it. The event id is recorded in that transaction; unreadable records go to the
 * dead-letter topic with the reason. An event of a type this service does not know is acknowledged and counted
 * ({@link SkippedEvents}), never dead-lettered: the session-service may be newer than this consumer.
 */
@ApplicationScoped
public class SessionEventConsumer {

    public static final String CHANNEL = "session-events";
    private static final String PREFIX = "app.supplyline.session.";
    /** The types {@link #apply} handles; any other is skipped. */
    private static final Set<String> KNOWN = Set.of(PREFIX + "pumping-logged.v1", PREFIX + "nursing-logged.v1",
            PREFIX + "session-corrected.v1", PREFIX + "session-deleted.v1", PREFIX + "profile-updated.v1",
            PREFIX + "check-in-logged.v1", PREFIX + "parent-erased.v1");
    private static final Logger LOG = Logger.getLogger(SessionEventConsumer.class);

    private final Pool pool;
    private final ReminderClock reminders;
    private final SkippedEvents skipped;

    /** Attempts at an event the database refuses for its content before it goes to the dead-letter topic. */
    private final int maxAttempts;

    public SessionEventConsumer(Pool pool, ReminderClock reminders, SkippedEvents skipped,
            @ConfigProperty(name = "supplyline.consumer.max-attempts", defaultValue = "3") int maxAttempts) {
        this.maxAttempts = maxAttempts;
        this.pool = pool;
        this.reminders = reminders;
        this.skipped = skipped;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(Message<String> message) {
        JsonObject event;
        UUID eventId;
        String parentId;
        try {
            event = new JsonObject(message.getPayload());
            String type = event.getString("type");
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("type is required");
            }
            if (!KNOWN.contains(type)) {
                return skipped.skip(message, type);
            }
            eventId = UUID.fromString(event.getString("eventId"));
            parentId = event.getString("parentId");
            if (parentId == null || parentId.isBlank() || event.getLong("version") == null) {
                throw new IllegalArgumentException("parentId and version are required");
            }
        } catch (DecodeException | IllegalArgumentException | NullPointerException | ClassCastException e) {
            return Uni.createFrom().completionStage(message.nack(new IllegalArgumentException("Not a session event: " + e.getMessage(), e)));
        }
        return Poison.attempts(() -> pool.withTransaction(c -> c.preparedQuery(
                                "INSERT INTO processed_event (event_id, processed_at) VALUES ($1, now()) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(eventId))
                        .chain(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false) : apply(c, parentId, event))),
                        maxAttempts, "session event " + eventId)
                .chain(() -> Uni.createFrom().completionStage(message.ack()))
                // a record that cannot be read, or that the database keeps refusing, goes to the dead-letter topic with
                // the reason (its transaction rolled back); an outage is retried above for as long as it lasts
                .onFailure(Poison::isCause).recoverWithUni(e -> {
                    LOG.errorf("Session event %s refused; sent to the dead-letter topic: %s", eventId, e.getMessage());
                    return Uni.createFrom().completionStage(message.nack(e));
                });
    }

    /** True when the event changed what reminders depend on. */
    private Uni<Boolean> apply(SqlConnection c, String parentId, JsonObject e) {
        try {
            String type = e.getString("type");
            Uni<?> change = switch (type) {
                case PREFIX + "pumping-logged.v1", PREFIX + "nursing-logged.v1" ->
                        removal(c, parentId, e.getString("sessionId"), 1, e.getJsonObject("session"), false);
                case PREFIX + "session-corrected.v1" ->
                        removal(c, parentId, e.getString("sessionId"), e.getLong("sessionVersion"), e.getJsonObject("session"), false);
                case PREFIX + "session-deleted.v1" ->
                        removal(c, parentId, e.getString("sessionId"), e.getLong("sessionVersion"), null, true);
                case PREFIX + "profile-updated.v1" -> {
                    String zone = e.getJsonObject("profile").getString("timezone");
                    ZoneId.of(zone);
                    yield c.preparedQuery("""
                                    INSERT INTO parent_clock (parent_id, timezone, profile_version) VALUES ($1, $2, $3)
                                    ON CONFLICT (parent_id) DO UPDATE SET timezone = EXCLUDED.timezone,
                                        profile_version = EXCLUDED.profile_version
                                    WHERE parent_clock.profile_version < EXCLUDED.profile_version""")
                            .execute(Tuple.of(parentId, zone, e.getLong("version")));
                }
                case PREFIX + "check-in-logged.v1" -> null;
                case PREFIX + "parent-erased.v1" -> {
                    yield c.preparedQuery(FORGET).execute(Tuple.of(parentId)).replaceWith(false);
                }
                // KNOWN lets only the types above through
                default -> throw new IllegalStateException("unhandled event type " + type);
            };
            if (change == null) {
                return Uni.createFrom().item(false);
            }
            if (type.equals(PREFIX + "parent-erased.v1")) {
                return change.replaceWith(false); // nothing left to remind
            }
            return change.chain(() -> reminders.recompute(c, parentId)).replaceWith(true);
        } catch (NullPointerException | ClassCastException | DateTimeException | IllegalArgumentException ex) {
            return Uni.createFrom().failure(new IllegalArgumentException("Not a session event: " + ex.getMessage(), ex));
        }
    }

    /**
     * Everything this service holds about an erased parent ($1, ADR-010): their inbox and the clinicians' notifications
     * about them (with their pending pushes), their devices, preferences, reminder clock, removals and consents; the
     * erasure is kept by id, so that a later alert about them is skipped and their token writes nothing again.
     */
    static final String FORGET = """
            WITH n AS (SELECT id FROM notification WHERE user_id = $1 OR data ->> 'parentId' = $1),
            d AS (DELETE FROM push_delivery WHERE notification_id IN (SELECT id FROM n)
                     OR subscription_id IN (SELECT id FROM push_subscription WHERE user_id = $1)),
            x AS (DELETE FROM notification WHERE id IN (SELECT id FROM n)),
            a AS (DELETE FROM access_outbox WHERE parent_id = $1),
            s AS (DELETE FROM push_subscription WHERE user_id = $1),
            p AS (DELETE FROM preferences WHERE user_id = $1),
            k AS (DELETE FROM parent_clock WHERE parent_id = $1),
            r AS (DELETE FROM removal WHERE parent_id = $1),
            c AS (DELETE FROM consent WHERE parent_id = $1)
            INSERT INTO erased_parent (parent_id, erased_at) VALUES ($1, now()) ON CONFLICT DO NOTHING""";

    private static Uni<?> removal(SqlConnection c, String parentId, String sessionId, long version, JsonObject session,
            boolean deleted) {
        OffsetDateTime ended = deleted ? OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                : OffsetDateTime.parse(session.getString("endedAt")).withOffsetSameInstant(ZoneOffset.UTC);
        return c.preparedQuery("""
                        INSERT INTO removal (session_id, parent_id, ended_at, version, deleted) VALUES ($1, $2, $3, $4, $5)
                        ON CONFLICT (session_id) DO UPDATE SET
                            ended_at = CASE WHEN EXCLUDED.deleted THEN removal.ended_at ELSE EXCLUDED.ended_at END,
                            version = EXCLUDED.version, deleted = EXCLUDED.deleted
                        WHERE removal.version < EXCLUDED.version AND removal.parent_id = EXCLUDED.parent_id""")
                .execute(Tuple.of(UUID.fromString(sessionId), parentId, ended, version, deleted));
    }
}

package app.supplyline.notification.inbox;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The inbox: every notification sent to a user. */
@ApplicationScoped
public class InboxStore {

    private final Pool pool;

    public InboxStore(Pool pool) {
        this.pool = pool;
    }

    public record Notification(UUID id, String userId, Kind kind, String title, String body, JsonObject data,
            Instant createdAt, Instant readAt) {
    }

    /** Whether the user got a notification of this kind since {@code since}. */
    public Uni<Boolean> sentSince(SqlClient c, String userId, Kind kind, Instant since) {
        return c.preparedQuery("SELECT 1 FROM notification WHERE user_id = $1 AND kind = $2 AND created_at > $3 LIMIT 1")
                .execute(Tuple.of(userId, kind.name(), utc(since)))
                .map(rows -> rows.size() > 0);
    }

    /** One page of the user's inbox, newest first, after the position {@code (beforeAt, beforeId)}. */
    public Uni<List<Notification>> page(String userId, boolean unreadOnly, Instant beforeAt, UUID beforeId, int limit) {
        return pool.preparedQuery("""
                        SELECT id, user_id, kind, title, body, data, created_at, read_at FROM notification
                         WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)
                           AND ($3::timestamptz IS NULL OR (created_at, id) < ($3, $4))
                         ORDER BY created_at DESC, id DESC LIMIT $5""")
                .execute(Tuple.tuple(Arrays.asList(userId, unreadOnly, beforeAt == null ? null : utc(beforeAt), beforeId,
                        limit)))
                .map(rows -> {
                    List<Notification> page = new ArrayList<>();
                    rows.forEach(r -> page.add(notification(r)));
                    return page;
                });
    }

    /** Marks the user's notification read (once); false when the user has no such notification. */
    /**
     * Marks the notifications about a parent among {@code ids} opened by {@code userId} (a clinician: their own
     * notifications about a parent, fetched now through the inbox API), the first time only, and writes an
     * {@code alert-opened} event for each in the same statement; returns how many were opened now.
     */
    public Uni<Integer> opened(String userId, List<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.preparedQuery("""
                        WITH o AS (
                            UPDATE notification SET opened_at = $3
                             WHERE id = ANY($2) AND user_id = $1 AND opened_at IS NULL
                               AND data ->> 'parentId' IS NOT NULL AND data ->> 'parentId' <> $1
                            RETURNING id, kind, data ->> 'parentId' AS parent_id),
                        e AS (SELECT gen_random_uuid() AS event_id, o.* FROM o)
                        INSERT INTO access_outbox (event_id, parent_id, type, occurred_at, data)
                        SELECT e.event_id, e.parent_id, $4, $3, jsonb_build_object('eventId', e.event_id,
                               'parentId', e.parent_id, 'type', $4, 'schemaVersion', 1, 'occurredAt', $5::text,
                               'clinicianId', $1, 'notificationId', e.id, 'kind', e.kind)
                          FROM e""")
                .execute(Tuple.of(userId, ids.toArray(new UUID[0]), utc(now), AccessOutboxRelay.TYPE, now.toString()))
                .map(rows -> rows.rowCount());
    }

    public Uni<Boolean> markRead(String userId, UUID id, Instant now) {
        return pool.preparedQuery("""
                        UPDATE notification SET read_at = coalesce(read_at, $3) WHERE id = $1 AND user_id = $2""")
                .execute(Tuple.of(id, userId, utc(now)))
                .map(rows -> rows.rowCount() == 1);
    }

    private static Notification notification(Row r) {
        OffsetDateTime read = r.getOffsetDateTime(7);
        return new Notification(r.getUUID(0), r.getString(1), Kind.valueOf(r.getString(2)), r.getString(3),
                r.getString(4), r.getJsonObject(5), r.getOffsetDateTime(6).toInstant(),
                read == null ? null : read.toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}

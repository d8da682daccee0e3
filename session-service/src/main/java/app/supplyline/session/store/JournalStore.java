package app.supplyline.session.store;

import app.supplyline.session.journal.JournalEvent;
import app.supplyline.session.journal.SessionContent;
import app.supplyline.session.journal.SessionDecider.Session;
import app.supplyline.session.journal.SessionType;
import app.supplyline.session.journal.Side;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The parent's journal in PostgreSQL: appends events with their outbox rows and keeps the session read model, all
 * on the connection of one transaction, so that an event exists exactly when its effects and its publication do.
 */
@ApplicationScoped
public class JournalStore {

    private static final String SESSION_COLUMNS =
            "session_id, type, started_at, ended_at, left_ml, right_ml, hands_on, pump, side, notes, version, deleted";

    private final Pool pool;
    private final ObjectMapper json;

    public JournalStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        // events leave out absent fields (a nursing session has no leftMl), as their JSON Schemas say
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** Runs {@code work} in one database transaction; it commits when the Uni succeeds and rolls back otherwise. */
    public <T> Uni<T> inTransaction(Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /**
     * Locks the parent's stream for this transaction and returns its version (0 for a new parent), in one round
     * trip: the no-op update of an existing row takes its row lock as {@code SELECT … FOR UPDATE} would.
     */
    public Uni<Long> lockStream(SqlConnection c, String parentId) {
        return c.preparedQuery("""
                        INSERT INTO journal_stream (parent_id, version) VALUES ($1, 0)
                        ON CONFLICT (parent_id) DO UPDATE SET version = journal_stream.version
                        RETURNING version""")
                .execute(Tuple.of(parentId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /**
     * Appends {@code events} after {@code streamVersion}, each with an outbox row, and moves the stream on.
     * Returns the new stream version.
     */
    public Uni<Long> append(SqlConnection c, String parentId, long streamVersion, List<? extends JournalEvent> events,
            Instant occurredAt, Instant recordedAt) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(streamVersion);
        }
        List<Tuple> eventRows = new ArrayList<>();
        List<Tuple> outboxRows = new ArrayList<>();
        long version = streamVersion;
        for (JournalEvent event : events) {
            version++;
            UUID eventId = UUID.randomUUID();
            eventRows.add(Tuple.tuple(List.of(eventId, parentId, version, event.type(), event.schemaVersion(),
                    utc(occurredAt), utc(recordedAt), new JsonObject(toJson(event)))));
            outboxRows.add(Tuple.of(eventId, parentId, utc(recordedAt)));
        }
        long newVersion = version;
        return c.preparedQuery("""
                        INSERT INTO journal_event (event_id, parent_id, version, type, schema_version, occurred_at,
                                                   recorded_at, data)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)""").executeBatch(eventRows)
                .chain(() -> c.preparedQuery("""
                        INSERT INTO outbox (event_id, shard, created_at)
                        VALUES ($1, hashtext($2) & 15, $3)""").executeBatch(outboxRows))
                .chain(() -> c.preparedQuery("UPDATE journal_stream SET version = $2 WHERE parent_id = $1")
                        .execute(Tuple.of(parentId, newVersion)))
                .replaceWith(newVersion);
    }

    /** The parent's session with this id, deleted or not. */
    public Uni<Optional<Session>> findSession(SqlConnection c, String parentId, UUID sessionId) {
        return c.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM session WHERE session_id = $1 AND parent_id = $2")
                .execute(Tuple.of(sessionId, parentId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(session(rows.iterator().next())));
    }

    /** The parent's live sessions that share time with [from, to) (at most 20: one session's neighbours). */
    public Uni<List<Session>> overlapping(SqlConnection c, String parentId, Instant from, Instant to) {
        return overlapping(c, parentId, from, to, 20);
    }

    /** The parent's live sessions that share time with [from, to), at most {@code limit}. */
    public Uni<List<Session>> overlapping(SqlConnection c, String parentId, Instant from, Instant to, int limit) {
        return c.preparedQuery("SELECT " + SESSION_COLUMNS + """
                         FROM session
                        WHERE parent_id = $1 AND NOT deleted AND started_at < $3 AND ended_at > $2
                        ORDER BY started_at LIMIT $4""")
                .execute(Tuple.of(parentId, utc(from), utc(to), limit))
                .map(JournalStore::sessions);
    }

    /** Writes the session as it now stands into the read model. */
    public Uni<Void> saveSession(SqlConnection c, String parentId, Session s, Instant now) {
        return saveSessions(c, parentId, List.of(s), now);
    }

    /** Writes several sessions into the read model in one pipelined batch. */
    public Uni<Void> saveSessions(SqlConnection c, String parentId, List<Session> sessions, Instant now) {
        if (sessions.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(sessions.size());
        for (Session s : sessions) {
            SessionContent v = s.content();
            rows.add(Tuple.tuple(java.util.Arrays.asList(s.sessionId(), parentId, v.type().name(),
                    utc(v.startedAt()), utc(v.endedAt()), v.leftMl(), v.rightMl(), v.handsOn(), v.pump(),
                    v.side() == null ? null : v.side().name(), v.notes(), s.version(), s.deleted(), utc(now))));
        }
        return c.preparedQuery("""
                        INSERT INTO session (session_id, parent_id, type, started_at, ended_at, left_ml, right_ml,
                                             hands_on, pump, side, notes, version, deleted, updated_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
                        ON CONFLICT (session_id) DO UPDATE SET
                            type = EXCLUDED.type, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
                            left_ml = EXCLUDED.left_ml, right_ml = EXCLUDED.right_ml, hands_on = EXCLUDED.hands_on,
                            pump = EXCLUDED.pump, side = EXCLUDED.side, notes = EXCLUDED.notes,
                            version = EXCLUDED.version, deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at
                        WHERE session.parent_id = EXCLUDED.parent_id""")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** A live session of the parent, outside any transaction (reads). */
    public Uni<Optional<Session>> findLiveSession(String parentId, UUID sessionId) {
        return pool.withConnection(c -> findSession(c, parentId, sessionId))
                .map(found -> found.filter(s -> !s.deleted()));
    }

    /**
     * One page of the parent's live sessions, newest first: those that started in [from, to) and, after a cursor,
     * strictly before (startedAt, id) of the cursor's session.
     */
    public Uni<List<Session>> listSessions(String parentId, Instant from, Instant to, Instant afterStartedAt,
            UUID afterId, int limit) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + """
                         FROM session
                        WHERE parent_id = $1 AND NOT deleted AND started_at >= $2 AND started_at < $3
                          AND ($4::timestamptz IS NULL OR (started_at, session_id) < ($4, $5))
                        ORDER BY started_at DESC, session_id DESC
                        LIMIT $6""")
                .execute(Tuple.tuple(java.util.Arrays.asList(parentId, utc(from), utc(to),
                        afterStartedAt == null ? null : utc(afterStartedAt), afterId, limit)))
                .map(JournalStore::sessions);
    }

    /** The stored answer to an earlier request with this Idempotency-Key, if any. */
    public Uni<Optional<IdempotentAnswer>> findAnswer(SqlConnection c, String parentId, String key) {
        return findAnswers(c, parentId, List.of(key)).map(found -> Optional.ofNullable(found.get(key)));
    }

    /** The stored answers for these keys, by key. */
    public Uni<java.util.Map<String, IdempotentAnswer>> findAnswers(SqlConnection c, String parentId, List<String> keys) {
        if (keys.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        return c.preparedQuery("SELECT key, request_hash, status, location, body FROM idempotency_key "
                        + "WHERE parent_id = $1 AND key = ANY($2)")
                .execute(Tuple.of(parentId, keys.toArray(new String[0])))
                .map(rows -> {
                    java.util.Map<String, IdempotentAnswer> found = new java.util.HashMap<>();
                    rows.forEach(r -> found.put(r.getString("key"), answer(r)));
                    return found;
                });
    }

    public Uni<Void> saveAnswer(SqlConnection c, String parentId, String key, IdempotentAnswer answer, Instant now) {
        return saveAnswers(c, parentId, java.util.Map.of(key, answer), now);
    }

    /** Stores several answers in one pipelined batch. */
    public Uni<Void> saveAnswers(SqlConnection c, String parentId, java.util.Map<String, IdempotentAnswer> answers,
            Instant now) {
        if (answers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Tuple> rows = new ArrayList<>(answers.size());
        answers.forEach((key, answer) -> rows.add(Tuple.tuple(java.util.Arrays.asList(parentId, key,
                answer.requestHash(), answer.status(), answer.location(), new JsonObject(answer.body()), utc(now)))));
        return c.preparedQuery("""
                        INSERT INTO idempotency_key (parent_id, key, request_hash, status, location, body, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7)""")
                .executeBatch(rows)
                .replaceWithVoid();
    }

    /** The answer given to a create request, kept for its Idempotency-Key. */
    public record IdempotentAnswer(String requestHash, int status, String location, String body) {
    }

    private static IdempotentAnswer answer(Row r) {
        return new IdempotentAnswer(r.getString("request_hash"), r.getInteger("status"), r.getString("location"),
                r.getJsonObject("body").encode());
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize " + value.getClass().getSimpleName(), e);
        }
    }

    private static List<Session> sessions(RowSet<Row> rows) {
        List<Session> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(session(r)));
        return out;
    }

    private static Session session(Row r) {
        String side = r.getString("side");
        SessionContent content = new SessionContent(SessionType.valueOf(r.getString("type")),
                r.getOffsetDateTime("started_at").toInstant(), r.getOffsetDateTime("ended_at").toInstant(),
                decimal(r, "left_ml"), decimal(r, "right_ml"), r.getBoolean("hands_on"), r.getString("pump"),
                side == null ? null : Side.valueOf(side), r.getString("notes"));
        return new Session(r.getUUID("session_id"), r.getLong("version"), content, r.getBoolean("deleted"));
    }

    private static BigDecimal decimal(Row r, String column) {
        Object value = r.getValue(column);
        return value == null ? null : r.getBigDecimal(column).setScale(1);
    }

    /** PostgreSQL keeps microseconds; every instant is truncated to them so what we answer is what we store. */
    public static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : micros(instant).atOffset(ZoneOffset.UTC);
    }
}

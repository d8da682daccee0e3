package app.supplyline.session.store;

import app.supplyline.platform.keys.PersonalFields;
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
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;

import javax.crypto.SecretKey;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The parent's journal in PostgreSQL: appends events with their outbox rows and keeps the session read model and
 * idempotency answers, all in one statement, so that an event exists exactly when its effects and its publication
 * do. Appends of one parent are serialized by the stream row: either checked by the write itself (a command
 * {@link #handle}d at the version its snapshot saw) or held for a transaction ({@link #locked}).
 */
@ApplicationScoped
public class JournalStore {

    private static final String SESSION_COLUMNS =
            "session_id, type, started_at, ended_at, left_ml, right_ml, hands_on, pump, flange_size_mm, side, notes, "
                    + "version, deleted";

    private final Pool pool;
    private final ObjectMapper json;
    private final ParentKeys keys;

    public JournalStore(Pool pool, ObjectMapper json, ParentKeys keys) {
        this.pool = pool;
        this.keys = keys;
        // events leave out absent fields (a nursing session has no leftMl), as their JSON Schemas say
        this.json = json.copy().setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    /** What a command must read before deciding: answers to these idempotency keys, sessions, the session itself. */
    public record Read(List<String> keys, Span span, UUID sessionId) {
    }

    /** What a decision writes, and what it answers. */
    public record Decision<T>(Changes changes, T answer) {
    }

    /**
     * Handles one command of the parent's journal: reads a {@link Snapshot}, lets {@code decide} turn it into a
     * decision and writes that in one statement which holds only if the stream is still at the snapshot's version —
     * two round trips and no transaction in the usual case of one writer per parent. When another write of the
     * parent came first, nothing was written: the command is read and decided again holding the stream's lock,
     * which cannot be overtaken. {@code decide} is pure and may run twice; what it throws is the command's answer.
     */
    public <T> Uni<T> handle(String parentId, Read read, Function<Snapshot, Decision<T>> decide, Instant now) {
        return decideAndWrite(pool, parentId, read, decide, now)
                .chain(written -> written.isPresent() ? Uni.createFrom().item(written.get())
                        : locked(parentId, (c, version) -> decideAndWrite(c, parentId, read, decide, now)
                                .map(again -> again.orElseThrow(() -> new IllegalStateException(
                                        "journal of " + parentId + " moved on while locked")))));
    }

    private <T> Uni<Optional<T>> decideAndWrite(SqlClient c, String parentId, Read read,
            Function<Snapshot, Decision<T>> decide, Instant now) {
        return snapshot(c, parentId, read).chain(snapshot -> {
            Decision<T> decision = decide.apply(snapshot);
            return write(c, parentId, snapshot.version(), decision.changes(), now)
                    .map(written -> written.map(version -> decision.answer()));
        });
    }

    /**
     * Runs {@code work} in one transaction holding the parent's stream lock, given the stream's version (0 for a new
     * parent): for writes that also change other tables (check-ins, the profile, an erasure). The no-op update of an
     * existing row takes its row lock as {@code SELECT … FOR UPDATE} would, in the same round trip.
     */
    public <T> Uni<T> locked(String parentId, BiFunction<SqlConnection, Long, Uni<T>> work) {
        return pool.withTransaction(c -> c.preparedQuery("""
                        INSERT INTO journal_stream (parent_id, version) VALUES ($1, 0)
                        ON CONFLICT (parent_id) DO UPDATE SET version = journal_stream.version
                        RETURNING version""")
                .execute(Tuple.of(parentId))
                .chain(rows -> work.apply(c, rows.iterator().next().getLong(0))));
    }

    /**
     * Appends {@code events} after {@code streamVersion}, each with an outbox row, and moves the stream on; the
     * caller holds the stream's lock ({@link #locked}). Returns the new stream version.
     */
    public Uni<Long> append(SqlClient c, String parentId, long streamVersion, List<? extends JournalEvent> events,
            Instant now) {
        return write(c, parentId, streamVersion, new Changes(events, List.of(), Map.of()), now)
                .map(written -> written.orElseThrow(() ->
                        new IllegalStateException("stream " + parentId + " moved on while locked")));
    }

    /** What one decision writes: its events (each with an outbox row), the sessions as they now stand, answers. */
    public record Changes(List<? extends JournalEvent> events, List<Session> sessions,
            Map<String, IdempotentAnswer> answers) {
    }

    /**
     * Writes {@code changes} in one statement if the parent's stream is still at {@code expectedVersion}: the
     * stream row, the events, their outbox rows in stream order, the read model and the idempotency answers, all
     * or nothing. Returns the new stream version, or empty when another write moved the stream on first (then
     * nothing was written). The stream row is written first and everything else depends on it, so a concurrent
     * writer waits on that one row lock, as with {@link #locked}; outside a transaction the statement commits
     * on its own.
     */
    Uni<Optional<Long>> write(SqlClient c, String parentId, long expectedVersion, Changes changes,
            Instant now) {
        if (changes.events().isEmpty()) {
            return Uni.createFrom().item(Optional.of(expectedVersion));
        }
        return keys.of(c, parentId).chain(key -> write(c, parentId, expectedVersion, changes, now, key));
    }

    private Uni<Optional<Long>> write(SqlClient c, String parentId, long expectedVersion, Changes changes,
            Instant now, SecretKey key) {
        int n = changes.events().size();
        UUID[] eventIds = new UUID[n];
        Long[] versions = new Long[n];
        String[] types = new String[n];
        Integer[] schemaVersions = new Integer[n];
        String[] data = new String[n];
        for (int i = 0; i < n; i++) {
            JournalEvent event = changes.events().get(i);
            eventIds[i] = UUID.randomUUID();
            versions[i] = expectedVersion + i + 1;
            types[i] = event.type();
            schemaVersions[i] = event.schemaVersion();
            data[i] = EventSealing.seal(event.type(), new JsonObject(toJson(event)), key,
                    PersonalFields.associatedData(parentId, eventIds[i].toString())).encode();
        }
        List<Session> sessions = changes.sessions();
        int m = sessions.size();
        UUID[] sessionIds = new UUID[m];
        String[] sessionTypes = new String[m];
        OffsetDateTime[] starts = new OffsetDateTime[m];
        OffsetDateTime[] ends = new OffsetDateTime[m];
        String[] lefts = new String[m];
        String[] rights = new String[m];
        Boolean[] handsOn = new Boolean[m];
        String[] pumps = new String[m];
        String[] flanges = new String[m];
        String[] sides = new String[m];
        String[] notes = new String[m];
        Long[] sessionVersions = new Long[m];
        Boolean[] deleted = new Boolean[m];
        for (int i = 0; i < m; i++) {
            Session s = sessions.get(i);
            SessionContent v = s.content();
            sessionIds[i] = s.sessionId();
            sessionTypes[i] = v.type().name();
            starts[i] = utc(v.startedAt());
            ends[i] = utc(v.endedAt());
            lefts[i] = v.leftMl() == null ? null : v.leftMl().toPlainString();
            rights[i] = v.rightMl() == null ? null : v.rightMl().toPlainString();
            handsOn[i] = v.handsOn();
            // a deleted session keeps no free text: its notes (never in events) and pump go for good (ADR-010)
            pumps[i] = s.deleted() ? null : v.pump();
            flanges[i] = v.flangeSizeMm() == null ? null : v.flangeSizeMm().toPlainString();
            sides[i] = v.side() == null ? null : v.side().name();
            notes[i] = s.deleted() ? null : v.notes();
            sessionVersions[i] = s.version();
            deleted[i] = s.deleted();
        }
        UUID[] deletedIds = sessions.stream().filter(Session::deleted).map(Session::sessionId).toArray(UUID[]::new);
        List<String> keys = new ArrayList<>(changes.answers().keySet());
        String[] requestHashes = new String[keys.size()];
        UUID[] answered = new UUID[keys.size()];
        String[] bodies = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            IdempotentAnswer answer = changes.answers().get(keys.get(i));
            requestHashes[i] = answer.requestHash();
            answered[i] = answer.sessionId();
            bodies[i] = answer.body();
        }
        Tuple parameters = Tuple.tuple(Arrays.asList(parentId, expectedVersion, expectedVersion + n,
                utc(now), eventIds, versions, types, schemaVersions, data, sessionIds, sessionTypes, starts, ends,
                lefts, rights, handsOn, pumps, sides, notes, sessionVersions, deleted,
                keys.toArray(new String[0]), requestHashes, answered, bodies, flanges, deletedIds));
        return c.preparedQuery(WRITE).execute(parameters)
                .map(rows -> rows.size() == 0 ? Optional.<Long>empty()
                        : Optional.of(rows.iterator().next().getLong(0)));
    }

    /**
     * Vert.x caches a prepared statement only up to 2,048 characters of SQL (its preparedStatementCacheSqlLimit);
     * a longer one is parsed and planned by PostgreSQL on every execution. Hence one-space SQL and short aliases.
     */
    static final int STATEMENT_CACHE_SQL_LIMIT = 2048;

    static final String WRITE = oneLine("""
            WITH stream AS (
                INSERT INTO journal_stream (parent_id, version) VALUES ($1, $3)
                ON CONFLICT (parent_id) DO UPDATE SET version = EXCLUDED.version
                WHERE journal_stream.version = $2
                RETURNING version),
            event AS (
                INSERT INTO journal_event (event_id, parent_id, version, type, schema_version, occurred_at,
                                           recorded_at, data)
                SELECT e.id, $1, e.v, e.t, e.s, $4, $4, e.d::jsonb
                  FROM stream, unnest($5::uuid[], $6::bigint[], $7::text[], $8::int[], $9::text[]) e (id, v, t, s, d)
                RETURNING event_id, version),
            o AS (
                INSERT INTO outbox (event_id, shard, created_at)
                SELECT event_id, hashtext($1) & 15, $4 FROM event ORDER BY version),
            s AS (
                INSERT INTO session (session_id, parent_id, type, started_at, ended_at, left_ml, right_ml, hands_on,
                                     pump, side, notes, version, deleted, updated_at, flange_size_mm)
                SELECT x.id, $1, x.t, x.s, x.e, x.l::numeric, x.r::numeric, x.h, x.p, x.sd, x.n, x.v, x.d, $4,
                       x.f::numeric
                  FROM stream, unnest($10::uuid[], $11::text[], $12::timestamptz[], $13::timestamptz[], $14::text[],
                                      $15::text[], $16::boolean[], $17::text[], $18::text[], $19::text[],
                                      $20::bigint[], $21::boolean[], $26::text[]) x (id, t, s, e, l, r, h, p, sd, n, v, d, f)
                ON CONFLICT (session_id) DO UPDATE SET
                    type = EXCLUDED.type, started_at = EXCLUDED.started_at, ended_at = EXCLUDED.ended_at,
                    left_ml = EXCLUDED.left_ml, right_ml = EXCLUDED.right_ml, hands_on = EXCLUDED.hands_on,
                    pump = EXCLUDED.pump, side = EXCLUDED.side, notes = EXCLUDED.notes,
                    flange_size_mm = EXCLUDED.flange_size_mm,
                    version = EXCLUDED.version, deleted = EXCLUDED.deleted, updated_at = EXCLUDED.updated_at
                WHERE session.parent_id = EXCLUDED.parent_id),
            a AS (
                INSERT INTO idempotency_key (parent_id, key, request_hash, session_id, body, created_at)
                SELECT $1, a.k, a.h, a.i, a.b::jsonb, $4
                  FROM stream, unnest($22::text[], $23::text[], $24::uuid[], $25::text[]) a (k, h, i, b)),
            x AS (
                UPDATE idempotency_key i SET body = i.body - 'notes' - 'pump' FROM stream
                 WHERE i.parent_id = $1 AND i.session_id = ANY($27::uuid[]))
            SELECT version FROM stream""");

    /** The SQL on one line with single spaces (it holds no string literals). */
    static String oneLine(String sql) {
        return sql.strip().replaceAll("\\s+", " ");
    }

    /**
     * What deciding on the parent's sessions needs, read in one statement (one snapshot): the stream's version,
     * the answers already given to the read's idempotency keys, at most {@link #MAX_NEIGHBOURS} live sessions sharing
     * time with its span, and the session it names (deleted or not). A write made with {@link #write} at this
     * version is one the decision saw all of.
     */
    public record Snapshot(long version, Map<String, IdempotentAnswer> answers, List<Session> neighbours,
            Optional<Session> current) {
    }

    /** At most this many existing sessions are loaded to check overlaps (a batch of 500 spans ~2 months). */
    public static final int MAX_NEIGHBOURS = 20_000;

    private static final String SNAPSHOT_SESSION = "s.session_id, s.type, s.started_at, s.ended_at, s.left_ml, "
            + "s.right_ml, s.hands_on, s.pump, s.flange_size_mm, s.side, s.notes, s.version, s.deleted ";

    static final String SNAPSHOT = oneLine("""
            WITH stream AS (
                SELECT coalesce((SELECT version FROM journal_stream WHERE parent_id = $1), 0) AS version)
            SELECT stream.version AS stream_version, k.key, k.request_hash, k.session_id AS answered, k.body,
                   NULL::uuid AS session_id, NULL::text AS type, NULL::timestamptz AS started_at,
                   NULL::timestamptz AS ended_at, NULL::numeric AS left_ml, NULL::numeric AS right_ml,
                   NULL::boolean AS hands_on, NULL::text AS pump, NULL::numeric AS flange_size_mm,
                   NULL::text AS side, NULL::text AS notes, NULL::bigint AS version, NULL::boolean AS deleted
              FROM stream LEFT JOIN idempotency_key k ON k.parent_id = $1 AND k.key = ANY ($2)
            UNION ALL
            (SELECT stream.version, NULL, NULL, NULL, NULL, """ + SNAPSHOT_SESSION + """
               FROM stream, session s
              WHERE s.parent_id = $1 AND NOT s.deleted AND s.started_at < $4 AND s.ended_at > $3
                AND s.started_at >= $6
              ORDER BY s.started_at LIMIT $5)
            UNION ALL
            SELECT stream.version, NULL, NULL, NULL, NULL, """ + SNAPSHOT_SESSION + """
              FROM stream, session s WHERE s.parent_id = $1 AND s.session_id = $7""");

    Uni<Snapshot> snapshot(SqlClient c, String parentId, Read read) {
        Span span = read.span();
        return c.preparedQuery(SNAPSHOT)
                .execute(Tuple.tuple(Arrays.asList(parentId, read.keys().toArray(new String[0]), utc(span.from()),
                        utc(span.to()), MAX_NEIGHBOURS, utc(span.earliestStart()), read.sessionId())))
                .map(rows -> {
                    long version = 0;
                    Map<String, IdempotentAnswer> answers = new HashMap<>();
                    List<Session> neighbours = new ArrayList<>();
                    Session current = null;
                    for (Row r : rows) {
                        version = r.getLong("stream_version");
                        if (r.getString("key") != null) {
                            answers.put(r.getString("key"), new IdempotentAnswer(r.getString("request_hash"),
                                    r.getUUID("answered"), r.getJsonObject("body").encode()));
                        } else if (r.getUUID("session_id") != null) {
                            Session session = session(r);
                            if (session.sessionId().equals(read.sessionId())) {
                                current = session;
                            } else {
                                neighbours.add(session);
                            }
                        }
                    }
                    return new Snapshot(version, answers, neighbours, Optional.ofNullable(current));
                });
    }

    /**
     * A time span [from, to) whose overlapping sessions are wanted, and the earliest start such a session can have
     * (from minus the longest a session may last): the index on (parent, start) is then read for that window only,
     * not for all of the parent's earlier sessions.
     */
    public record Span(Instant from, Instant to, Instant earliestStart) {

        public static Span of(Instant from, Instant to, Duration longestSession) {
            return new Span(from, to, from.minus(longestSession));
        }
    }

    /** A live session of the parent, outside any transaction (reads). */
    public Uni<Optional<Session>> findLiveSession(String parentId, UUID sessionId) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS
                        + " FROM session WHERE session_id = $1 AND parent_id = $2 AND NOT deleted")
                .execute(Tuple.of(sessionId, parentId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(session(rows.iterator().next())));
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
                .execute(Tuple.tuple(Arrays.asList(parentId, utc(from), utc(to),
                        afterStartedAt == null ? null : utc(afterStartedAt), afterId, limit)))
                .map(JournalStore::sessions);
    }

    /** What a create request created, kept for its Idempotency-Key: the request's hash, the session, the answer. */
    public record IdempotentAnswer(String requestHash, UUID sessionId, String body) {
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
                decimal(r, "flange_size_mm"), side == null ? null : Side.valueOf(side), r.getString("notes"));
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

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : micros(instant).atOffset(ZoneOffset.UTC);
    }
}

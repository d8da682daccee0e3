package app.supplyline.analytics.intake;

import app.supplyline.analytics.status.StatusEvaluator;
import app.supplyline.platform.keys.DataKeys;
import app.supplyline.platform.work.Poison;
import io.vertx.core.json.JsonObject;
import javax.crypto.SecretKey;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Applies the session-service's events ({@code supplyline.sessions.v1}, group {@code analytics}) to the analytics
 * projections, a poll batch per transaction. Idempotent twice over: the event ids are recorded in the transaction of
 * their effect (a redelivered event changes nothing), and every row keeps the stream version it came from, so
 * events applied in any order — a replay racing live events — give the same rows. The offsets are committed only
 * after that transaction. A record that is not a readable session event goes to the dead-letter topic with the
 * reason and the rest of the batch flows; so does, after {@code supplyline.consumer.max-attempts}, one whose data
 * the database refuses (a poison record, see {@link Poison}). A database outage is retried with back-off for as long
 * as it lasts, holding the partition: it is never a poison record.
 * The parents whose data changed are marked for the {@link StatusEvaluator} in the same transaction.
 */
@ApplicationScoped
public class SessionEventConsumer {

    public static final String CHANNEL = "session-events";
    private static final Logger LOG = Logger.getLogger(SessionEventConsumer.class);

    private final Pool pool;
    private final DataKeys keys;
    private final StatusEvaluator evaluator;
    private final ReplayProgress replay;
    private final MeterRegistry registry;
    /** How long a parent's data must be quiet before their status is evaluated (an offline sync is many events). */
    private final Duration settle;

    /** Attempts at a record the database refuses for its content before it goes to the dead-letter topic. */
    private final int maxAttempts;

    public SessionEventConsumer(Pool pool, DataKeys keys, StatusEvaluator evaluator, ReplayProgress replay, MeterRegistry registry,
            @ConfigProperty(name = "supplyline.status.settle", defaultValue = "PT0.5S") Duration settle,
            @ConfigProperty(name = "supplyline.consumer.max-attempts", defaultValue = "3") int maxAttempts) {
        this.settle = settle;
        this.maxAttempts = maxAttempts;
        this.pool = pool;
        this.keys = keys;
        this.evaluator = evaluator;
        this.replay = replay;
        this.registry = registry;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, String> batch) {
        List<Decoded> decoded = new ArrayList<>();
        Set<String> parents = new LinkedHashSet<>();
        for (KafkaRecord<String, String> record : batch) {
            try {
                JsonObject json = SessionEvent.json(record.getPayload());
                decoded.add(new Decoded(record, json, null));
                if (json.getValue("parentId") instanceof String parentId) {
                    parents.add(parentId);
                }
            } catch (IllegalArgumentException e) {
                decoded.add(new Decoded(record, null, e));
            }
        }
        return keys.of(parents).chain(found -> consume(batch, decoded, found));
    }

    /** A record read as JSON, or why it is not JSON. */
    private record Decoded(KafkaRecord<String, String> record, JsonObject json, IllegalArgumentException notJson) {
    }

    private Uni<Void> consume(KafkaRecordBatch<String, String> batch, List<Decoded> decoded,
            Map<String, SecretKey> found) {
        List<Parsed> parsed = new ArrayList<>();
        List<Uni<Void>> deadLetters = new ArrayList<>();
        for (Decoded d : decoded) {
            KafkaRecord<String, String> record = d.record();
            try {
                if (d.notJson() != null) {
                    throw d.notJson();
                }
                SessionEvent event = SessionEvent.parse(d.json(), found);
                if (event instanceof SessionEvent.Unknown unknown) {
                    skipped(record.getTopic(), unknown.type());
                } else if (event instanceof SessionEvent.NoKey noKey) {
                    LOG.debugf("Skipped an event of parent %s, who has no data key (erased)", noKey.parentId());
                    registry.counter("supplyline.events.skipped", "topic", record.getTopic(), "type", noKey.type(),
                            "reason", "erased").increment();
                } else {
                    parsed.add(new Parsed(record, event));
                }
            } catch (IllegalArgumentException e) {
                LOG.warnf("Record %s-%d@%d is not a session event: %s", record.getTopic(), record.getPartition(),
                        ReplayProgress.offset(record), e.getMessage());
                deadLetters.add(Uni.createFrom().completionStage(record.nack(e)));
            }
        }
        List<SessionEvent> events = parsed.stream().map(Parsed::event).toList();
        // the batch in one transaction; if the database refuses it for what a record holds (not for an outage), each
        // event is applied on its own and only the one(s) refused go to the dead-letter topic
        Uni<Void> apply = events.isEmpty() ? Uni.createFrom().voidItem()
                : Poison.attempts(() -> pool.withTransaction(c -> apply(c, events)), maxAttempts,
                                events.size() + " session events")
                        .onFailure(Poison::isCause).recoverWithUni(e -> oneByOne(parsed));
        return (deadLetters.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(deadLetters).andFailFast().replaceWithVoid())
                .chain(() -> apply)
                .chain(() -> Uni.createFrom().completionStage(batch.ack()))
                .invoke(() -> {
                    replay.applied(batch);
                    if (!events.isEmpty()) {
                        evaluator.nudgeAfter(settle);
                    }
                });
    }

    private void skipped(String topic, String type) {
        LOG.debugf("Skipped an event of a type analytics does not know: %s", type);
        String tag = type.matches("[A-Za-z0-9._-]{1,120}") ? type : "unreadable";
        registry.counter("supplyline.events.skipped", "topic", topic, "type", tag, "reason", "unknown").increment();
    }

    private record Parsed(KafkaRecord<String, String> record, SessionEvent event) {
    }

    private Uni<Void> oneByOne(List<Parsed> parsed) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Parsed p : parsed) {
            chain = chain.chain(() -> Poison.attempts(() -> pool.withTransaction(c -> apply(c, List.of(p.event()))),
                            maxAttempts, "session event " + p.event().eventId())
                    .onFailure(Poison::isCause).recoverWithUni(e -> {
                        LOG.errorf("Session event %s (%s-%d@%d) refused after %d attempts; sent to the dead-letter topic: %s",
                                p.event().eventId(), p.record().getTopic(), p.record().getPartition(),
                                ReplayProgress.offset(p.record()), maxAttempts, e.getMessage());
                        return Uni.createFrom().completionStage(p.record().nack(e));
                    }));
        }
        return chain;
    }

    private Uni<Void> apply(SqlConnection c, List<SessionEvent> batch) {
        Map<UUID, SessionEvent> byId = new LinkedHashMap<>();
        batch.forEach(e -> byId.putIfAbsent(e.eventId(), e));
        // an event of an erased parent arriving after their ParentErased (a late copy) is not applied
        return c.preparedQuery("""
                        INSERT INTO processed_event (event_id, processed_at)
                        SELECT e.id, now() FROM unnest($1::uuid[], $2::text[]) e (id, parent)
                         WHERE NOT EXISTS (SELECT 1 FROM erased_parent x WHERE x.parent_id = e.parent)
                        ON CONFLICT DO NOTHING RETURNING event_id""")
                .execute(Tuple.of(byId.keySet().toArray(new UUID[0]),
                        byId.values().stream().map(SessionEvent::parentId).toArray(String[]::new)))
                .chain(rows -> {
                    List<SessionEvent> fresh = new ArrayList<>();
                    rows.forEach(r -> fresh.add(byId.get(r.getUUID(0))));
                    return fresh.isEmpty() ? Uni.createFrom().voidItem() : project(c, fresh);
                });
    }

    /** Writes the newest version of each row the events touch; older versions than what is stored change nothing. */
    private Uni<Void> project(SqlConnection c, List<SessionEvent> events) {
        Map<UUID, SessionEvent.RemovalChange> removals = newest(events, SessionEvent.RemovalChange.class,
                SessionEvent.RemovalChange::sessionId, SessionEvent.RemovalChange::sessionVersion);
        Map<String, SessionEvent.ProfileChange> profiles = newest(events, SessionEvent.ProfileChange.class,
                SessionEvent.ProfileChange::parentId, SessionEvent.ProfileChange::version);
        Map<String, SessionEvent.CheckInChange> checkIns = newest(events, SessionEvent.CheckInChange.class,
                e -> e.parentId() + "/" + e.date(), SessionEvent.CheckInChange::version);
        Set<String> due = new LinkedHashSet<>();
        removals.values().forEach(r -> due.add(r.parentId()));
        profiles.values().forEach(p -> due.add(p.parentId()));

        List<Uni<?>> writes = new ArrayList<>();
        if (!removals.isEmpty()) {
            writes.add(upsertRemovals(c, removals.values()));
        }
        if (!profiles.isEmpty()) {
            writes.add(upsertProfiles(c, profiles.values()));
        }
        if (!checkIns.isEmpty()) {
            writes.add(upsertCheckIns(c, checkIns.values()));
        }
        if (!due.isEmpty()) {
            writes.add(c.preparedQuery("""
                            INSERT INTO status_due (parent_id, due_at)
                            SELECT unnest($1::text[]), now() + make_interval(secs => $2)
                            ON CONFLICT (parent_id) DO UPDATE SET due_at = greatest(status_due.due_at, EXCLUDED.due_at)""")
                    .execute(Tuple.of(due.toArray(new String[0]), settle.toMillis() / 1000.0)));
        }
        List<String> erased = events.stream().filter(SessionEvent.Erased.class::isInstance)
                .map(SessionEvent::parentId).distinct().toList();
        if (!erased.isEmpty()) {
            writes.add(c.query("SELECT set_config('supplyline.erasing', 'on', true)").execute());
            writes.add(c.preparedQuery(FORGET).execute(Tuple.of(erased.toArray(new String[0]))));
        }
        // one connection runs its statements in order; chaining keeps that explicit
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Uni<?> write : writes) {
            chain = chain.chain(() -> write).replaceWithVoid();
        }
        return chain;
    }

    /**
     * Everything analytics holds about erased parents ($1), after the batch's other changes: projections, status,
     * pending alerts, consents (cohort membership) and the access log about them; the erasure is kept by id, so that
     * their token cannot consent again. Processed event ids stay (ids only).
     */
    static final String FORGET = """
            WITH p AS (SELECT unnest($1::text[]) AS id),
            r AS (DELETE FROM removal WHERE parent_id IN (SELECT id FROM p)),
            pp AS (DELETE FROM parent_profile WHERE parent_id IN (SELECT id FROM p)),
            ci AS (DELETE FROM check_in WHERE parent_id IN (SELECT id FROM p)),
            sd AS (DELETE FROM status_due WHERE parent_id IN (SELECT id FROM p)),
            ss AS (DELETE FROM supply_status WHERE parent_id IN (SELECT id FROM p)),
            ao AS (DELETE FROM alert_outbox WHERE parent_id IN (SELECT id FROM p)),
            co AS (DELETE FROM consent WHERE parent_id IN (SELECT id FROM p)),
            al AS (DELETE FROM access_log WHERE parent_id IN (SELECT id FROM p))
            INSERT INTO erased_parent (parent_id, erased_at) SELECT id, now() FROM p ON CONFLICT DO NOTHING""";

    private static <K, T extends SessionEvent> Map<K, T> newest(List<SessionEvent> events, Class<T> type,
            Function<T, K> key, Function<T, Long> version) {
        Map<K, T> newest = new LinkedHashMap<>();
        for (SessionEvent e : events) {
            if (type.isInstance(e)) {
                T t = type.cast(e);
                newest.merge(key.apply(t), t, (a, b) -> version.apply(b) > version.apply(a) ? b : a);
            }
        }
        return newest;
    }

    private Uni<?> upsertRemovals(SqlConnection c, Collection<SessionEvent.RemovalChange> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] parents = new String[n];
        Boolean[] pumping = new Boolean[n];
        OffsetDateTime[] starts = new OffsetDateTime[n];
        OffsetDateTime[] ends = new OffsetDateTime[n];
        Double[] left = new Double[n];
        Double[] right = new Double[n];
        Long[] versions = new Long[n];
        Boolean[] deleted = new Boolean[n];
        Boolean[] handsOn = new Boolean[n];
        String[] pumps = new String[n];
        Double[] flanges = new Double[n];
        int i = 0;
        for (SessionEvent.RemovalChange r : rows) {
            handsOn[i] = r.handsOn();
            pumps[i] = r.pump();
            flanges[i] = r.flangeSizeMm();
            ids[i] = r.sessionId();
            parents[i] = r.parentId();
            pumping[i] = r.pumping();
            starts[i] = r.startedAt().atOffset(ZoneOffset.UTC);
            ends[i] = r.endedAt().atOffset(ZoneOffset.UTC);
            left[i] = r.leftMl();
            right[i] = r.rightMl();
            versions[i] = r.sessionVersion();
            deleted[i] = r.deleted();
            i++;
        }
        // a deletion replayed before its session leaves a tombstone, so the session cannot come back afterwards
        return c.preparedQuery("""
                        INSERT INTO removal (session_id, parent_id, pumping, started_at, ended_at, left_ml, right_ml,
                                             version, deleted, hands_on, pump, flange_size_mm)
                        SELECT * FROM unnest($1::uuid[], $2::text[], $3::boolean[], $4::timestamptz[],
                                             $5::timestamptz[], $6::float8[], $7::float8[], $8::bigint[], $9::boolean[],
                                             $10::boolean[], $11::text[], $12::float8[])
                        ON CONFLICT (session_id) DO UPDATE SET pumping = EXCLUDED.pumping,
                            started_at = CASE WHEN EXCLUDED.deleted THEN removal.started_at ELSE EXCLUDED.started_at END,
                            ended_at = CASE WHEN EXCLUDED.deleted THEN removal.ended_at ELSE EXCLUDED.ended_at END,
                            left_ml = CASE WHEN EXCLUDED.deleted THEN removal.left_ml ELSE EXCLUDED.left_ml END,
                            right_ml = CASE WHEN EXCLUDED.deleted THEN removal.right_ml ELSE EXCLUDED.right_ml END,
                            version = EXCLUDED.version, deleted = EXCLUDED.deleted,
                            hands_on = EXCLUDED.hands_on, pump = EXCLUDED.pump, flange_size_mm = EXCLUDED.flange_size_mm
                        WHERE removal.version < EXCLUDED.version AND removal.parent_id = EXCLUDED.parent_id""")
                .execute(Tuple.tuple(List.of(ids, parents, pumping, starts, ends, left, right, versions, deleted,
                        handsOn, pumps, flanges)));
    }

    private Uni<?> upsertProfiles(SqlConnection c, Collection<SessionEvent.ProfileChange> rows) {
        int n = rows.size();
        String[] parents = new String[n];
        String[] zones = new String[n];
        LocalDate[] births = new LocalDate[n];
        Integer[] goals = new Integer[n];
        Long[] versions = new Long[n];
        String[] modes = new String[n];
        Boolean[] reducing = new Boolean[n];
        int i = 0;
        for (SessionEvent.ProfileChange p : rows) {
            parents[i] = p.parentId();
            zones[i] = p.timezone();
            births[i] = p.babyBirthDate();
            goals[i] = p.dailyGoalMl();
            versions[i] = p.version();
            modes[i] = p.feedingMode();
            reducing[i] = p.reducingOnPurpose();
            i++;
        }
        return c.preparedQuery("""
                        INSERT INTO parent_profile (parent_id, timezone, baby_birth_date, daily_goal_ml, version,
                                                    feeding_mode, reducing_on_purpose)
                        SELECT * FROM unnest($1::text[], $2::text[], $3::date[], $4::int[], $5::bigint[], $6::text[],
                                             $7::boolean[])
                        ON CONFLICT (parent_id) DO UPDATE SET timezone = EXCLUDED.timezone,
                            baby_birth_date = EXCLUDED.baby_birth_date, daily_goal_ml = EXCLUDED.daily_goal_ml,
                            version = EXCLUDED.version, feeding_mode = EXCLUDED.feeding_mode,
                            reducing_on_purpose = EXCLUDED.reducing_on_purpose
                        WHERE parent_profile.version < EXCLUDED.version""")
                .execute(Tuple.tuple(List.of(parents, zones, births, goals, versions, modes, reducing)));
    }

    private Uni<?> upsertCheckIns(SqlConnection c, Collection<SessionEvent.CheckInChange> rows) {
        int n = rows.size();
        String[] parents = new String[n];
        LocalDate[] dates = new LocalDate[n];
        Double[] sleep = new Double[n];
        Integer[] water = new Integer[n];
        Integer[] stress = new Integer[n];
        Long[] versions = new Long[n];
        int i = 0;
        for (SessionEvent.CheckInChange e : rows) {
            parents[i] = e.parentId();
            dates[i] = e.date();
            sleep[i] = e.sleepHours();
            water[i] = e.waterMl();
            stress[i] = e.stress();
            versions[i] = e.version();
            i++;
        }
        return c.preparedQuery("""
                        INSERT INTO check_in (parent_id, local_date, sleep_hours, water_ml, stress, version)
                        SELECT * FROM unnest($1::text[], $2::date[], $3::float8[], $4::int[], $5::int[], $6::bigint[])
                        ON CONFLICT (parent_id, local_date) DO UPDATE SET sleep_hours = EXCLUDED.sleep_hours,
                            water_ml = EXCLUDED.water_ml, stress = EXCLUDED.stress, version = EXCLUDED.version
                        WHERE check_in.version < EXCLUDED.version""")
                .execute(Tuple.tuple(List.of(parents, dates, sleep, water, stress, versions)));
    }
}

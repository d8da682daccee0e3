package app.supplyline.analytics.status;

import app.supplyline.analytics.config.TrendConfig;
import app.supplyline.analytics.store.ExplanationJson;
import app.supplyline.analytics.store.ProjectionStore;
import app.supplyline.analytics.trend.DailySupply;
import app.supplyline.analytics.trend.LevelKind;
import app.supplyline.analytics.trend.Milestones;
import app.supplyline.analytics.trend.ParentProfile;
import app.supplyline.analytics.trend.Removal;
import app.supplyline.analytics.trend.StatusReason;
import app.supplyline.analytics.trend.StatusState;
import app.supplyline.analytics.trend.SupplyAssessment;
import app.supplyline.analytics.trend.SupplyStatus;
import app.supplyline.analytics.trend.Transition;
import app.supplyline.analytics.trend.TrendMetrics;
import app.supplyline.analytics.trend.TrendThresholds;
import app.supplyline.platform.keys.DataKeys;
import app.supplyline.platform.keys.PersonalFields;
import app.supplyline.platform.work.BackgroundTransactions;
import app.supplyline.platform.work.SerialPasses;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Evaluates the status of the parents marked in {@code status_due} (by the consumer after their data changed, or by
 * the {@link StatusSweep} when their local day completed) and, when a status changes, writes a
 * {@code SupplyStatusChanged} to the alert outbox in the same transaction. The marks are taken with SKIP LOCKED
 * and each parent's status row is locked while it is evaluated, so several instances share the work and never
 * both announce the same change; a status that did not change announces nothing, so redelivered events and repeated
 * sweeps are harmless. Nothing is evaluated while a projection rebuild replays the topic.
 */
@ApplicationScoped
public class StatusEvaluator {

    /**
     * Takes the oldest due marks: locked once in a MATERIALIZED CTE, then deleted by {@code = ANY(ARRAY(…))}, an index
     * look-up of exactly those parents, so neither a generic plan nor stale statistics can make a pass read the whole
     * table (ClaimPlanTest).
     */
    static final String CLAIM = """
            WITH due AS MATERIALIZED (
                SELECT parent_id FROM status_due WHERE due_at <= now() ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED)
            DELETE FROM status_due WHERE parent_id = ANY (ARRAY(SELECT parent_id FROM due))
            RETURNING parent_id""";
    public static final String ALERT_TYPE = "app.supplyline.analytics.supply-status-changed.v1";
    public static final String MILESTONE_TYPE = "app.supplyline.analytics.milestone-missed.v1";
    static final int BATCH = 200;
    private static final Logger LOG = Logger.getLogger(StatusEvaluator.class);

    private final BackgroundTransactions transactions;
    private final ProjectionStore projections;
    private final TrendConfig config;
    private final Clock clock;
    private final Vertx vertx;
    private final AlertOutboxRelay relay;
    private final DataKeys keys;
    private final Duration pollInterval;
    private final SerialPasses passes;
    private long timer = -1;

    public StatusEvaluator(BackgroundTransactions transactions, ProjectionStore projections, TrendConfig config, Clock clock, Vertx vertx,
            AlertOutboxRelay relay, DataKeys keys,
            @ConfigProperty(name = "supplyline.status.poll-interval", defaultValue = "PT1S") Duration pollInterval) {
        this.transactions = transactions;
        this.projections = projections;
        this.config = config;
        this.clock = clock;
        this.vertx = vertx;
        this.relay = relay;
        this.keys = keys;
        this.pollInterval = pollInterval;
        this.passes = new SerialPasses(() -> evaluateDue().invoke(pass -> {
            if (pass.alerts() > 0) {
                relay.nudge();
            }
        }).map(Pass::evaluated), BATCH, evaluated -> { },
                failure -> LOG.warnf("Status evaluation failed (will retry): %s", failure.getMessage()));
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(pollInterval.toMillis(), id -> nudge());
    }

    void stop(@Observes ShutdownEvent event) {
        vertx.cancelTimer(timer);
    }

    /** Asks for an evaluation pass once marks made now have settled (see {@code supplyline.status.settle}). */
    public void nudgeAfter(Duration delay) {
        vertx.setTimer(Math.max(1, delay.toMillis() + 20), id -> nudge());
    }

    /** Asks for an evaluation pass now; passes never overlap within one instance. */
    public void nudge() {
        passes.nudge();
    }

    record Pass(int evaluated, int alerts) {
    }

    /** One pass over up to {@link #BATCH} due parents, in one transaction. */
    Uni<Pass> evaluateDue() {
        return transactions.run(c -> c.query("SELECT 1 FROM rebuild WHERE finished_at IS NULL").execute()
                .chain(rebuilding -> rebuilding.size() > 0 ? Uni.createFrom().item(new Pass(0, 0))
                        : c.preparedQuery(CLAIM)
                                .execute(Tuple.of(BATCH))
                                .chain(rows -> {
                                    List<String> parents = new ArrayList<>();
                                    rows.forEach(r -> parents.add(r.getString(0)));
                                    return parents.isEmpty() ? Uni.createFrom().item(new Pass(0, 0))
                                            : evaluate(c, parents);
                                })));
    }

    private record Stored(StatusState state, UUID episodeId) {
    }

    private Uni<Pass> evaluate(SqlConnection c, List<String> parents) {
        Instant now = clock.instant();
        TrendThresholds thresholds = config.thresholds();
        String[] ids = parents.toArray(new String[0]);
        Map<String, Stored> stored = new HashMap<>();
        return c.preparedQuery("""
                        INSERT INTO supply_status (parent_id, status, reasons, removals_per_day, regular_days,
                                                   evaluated_for, evaluated_at, changed_at)
                        SELECT unnest($1::text[]), 'INSUFFICIENT_DATA', '{}', 0, 0, '-infinity', $2, $2
                        ON CONFLICT DO NOTHING""")
                .execute(Tuple.of(ids, now.atOffset(ZoneOffset.UTC)))
                .chain(() -> c.preparedQuery("""
                                SELECT parent_id, status, reasons, episode_id, reference_level, reference_kind,
                                       phase_since, milestone_announced_at IS NOT NULL,
                                       explanation ->> 'transition'
                                  FROM supply_status WHERE parent_id = ANY($1) ORDER BY parent_id FOR UPDATE""")
                        .execute(Tuple.of((Object) ids)))
                .invoke(rows -> rows.forEach(r -> stored.put(r.getString(0), stored(r))))
                .chain(() -> projections.profiles(c, parents))
                .chain(profiles -> projections.removals(c, parents, SupplyAssessment.horizon(now, thresholds))
                        .chain(removals -> projections.spans(c, parents)
                                .chain(spans -> {
                                    List<Tuple> updates = new ArrayList<>();
                                    List<Change> changes = new ArrayList<>();
                                    for (String parent : parents) {
                                        Stored before = stored.get(parent);
                                        ParentProfile profile = profiles.getOrDefault(parent, ParentProfile.UNKNOWN);
                                        ProjectionStore.Span span = spans.get(parent);
                                        SupplyAssessment a = SupplyAssessment.of(
                                                removals.getOrDefault(parent, List.<Removal>of()), profile,
                                                span == null ? null : span.firstDay(profile.zone()),
                                                before.state(), now, thresholds);
                                        UUID episode = episode(before, a);
                                        // a transition is news even inside one status (LOWER_LEVEL to NEW_NORMAL)
                                        boolean changed = a.status().status() != before.state().status()
                                                || a.status().transition() != null;
                                        if (changed || a.milestoneMissed()) {
                                            changes.add(new Change(parent, before, a, episode, changed, profile));
                                        }
                                        updates.add(update(parent, a, episode, changed, span, now));
                                    }
                                    return c.preparedQuery("""
                                                    UPDATE supply_status SET status = $2, reasons = $3, episode_id = $4,
                                                        current_avg_ml = $5, baseline_avg_ml = $6, change_pct = $7,
                                                        removals_per_day = $8, regular_days = $9, last_removal_at = $10,
                                                        evaluated_for = $11, evaluated_at = $12,
                                                        changed_at = CASE WHEN $13 THEN $12 ELSE changed_at END,
                                                        reference_level = $14, reference_kind = $15,
                                                        phase_since = $16,
                                                        milestone_announced_at = CASE WHEN $17
                                                            THEN coalesce(milestone_announced_at, $12)
                                                            ELSE milestone_announced_at END,
                                                        explanation = $18, coming_to_volume = $19
                                                     WHERE parent_id = $1""")
                                            .executeBatch(updates)
                                            .chain(() -> changes.isEmpty() ? Uni.createFrom().voidItem()
                                                    : announce(c, changes, now))
                                            .replaceWith(new Pass(parents.size(), changes.size()));
                                })));
    }

    private static Stored stored(Row r) {
        String kind = r.getString(5);
        BigDecimal reference = r.getBigDecimal(4);
        String cause = r.getString(8);
        return new Stored(new StatusState(SupplyStatus.valueOf(r.getString(1)),
                Arrays.stream(r.getArrayOfStrings(2)).map(StatusReason::valueOf).toList(),
                cause == null ? null : Transition.valueOf(cause), reference == null ? null : reference.doubleValue(), kind == null ? null : LevelKind.valueOf(kind),
                r.getLocalDate(6), r.getBoolean(7)), r.getUUID(3));
    }

    /**
     * A new episode each time a parent enters SEEK_HELP, kept while it lasts and through the lower level after it;
     * the change that ends either names it.
     */
    private static UUID episode(Stored before, SupplyAssessment a) {
        if (a.status().transition() == Transition.EPISODE_STARTED) {
            return UUID.randomUUID();
        }
        return a.next().followsReference() ? before.episodeId() : null;
    }

    private static Tuple update(String parent, SupplyAssessment a, UUID episode, boolean changed,
            ProjectionStore.Span span, Instant now) {
        TrendMetrics m = a.metrics();
        StatusState next = a.next();
        return Tuple.tuple(Arrays.asList(parent, next.status().name(),
                next.reasons().stream().map(Enum::name).toArray(String[]::new), episode,
                m.currentAvgMl(), m.baselineAvgMl(), m.changePct(), m.removalsPerDay(), m.regularDays(),
                span == null ? null : span.last().atOffset(ZoneOffset.UTC), a.asOf(), now.atOffset(ZoneOffset.UTC),
                changed, next.referenceLevel(), next.referenceKind() == null ? null : next.referenceKind().name(),
                next.phaseSince(), a.milestoneMissed(), ExplanationJson.of(a.explanation()),
                comingToVolume(a.comingToVolume())));
    }

    /** Coming to volume in one word, for the cohort list (see V5). */
    static String comingToVolume(Milestones.ComingToVolume c) {
        if (c == null) {
            return null;
        }
        if (c.notMeasured() != null) {
            return "NOT_MEASURED";
        }
        if (c.reached()) {
            return Boolean.TRUE.equals(c.reachedByDay14()) ? "REACHED" : "REACHED_LATE";
        }
        return Boolean.FALSE.equals(c.reachedByDay14()) ? "MISSED" : "PENDING";
    }

    private record Change(String parentId, Stored before, SupplyAssessment after, UUID episodeId,
            boolean statusChanged, ParentProfile profile) {
    }

    /**
     * Writes one SupplyStatusChanged per change of status and one MilestoneMissed per missed milestone, naming the
     * clinicians who have the parent's consent now and the name the parent shared with them.
     */
    private Uni<Void> announce(SqlConnection c, List<Change> changes, Instant now) {
        String[] parents = changes.stream().map(Change::parentId).toArray(String[]::new);
        return keys.of(Arrays.asList(parents)).chain(found -> c.preparedQuery("""
                        SELECT s.parent_id, array_agg(DISTINCT k.clinician_id ORDER BY k.clinician_id),
                               (array_agg(s.display_name ORDER BY s.granted_at DESC))[1]
                          FROM consent s JOIN cohort k ON k.id = s.cohort_id
                         WHERE s.parent_id = ANY($1) AND s.revoked_at IS NULL GROUP BY s.parent_id""")
                .execute(Tuple.of((Object) parents))
                .chain(rows -> {
                    Map<String, Sharing> sharing = new HashMap<>();
                    for (Row r : rows) {
                        sharing.put(r.getString(0), new Sharing(Arrays.asList(r.getArrayOfStrings(1)), r.getString(2)));
                    }
                    List<Tuple> alerts = new ArrayList<>();
                    for (Change change : changes) {
                        Sharing with = sharing.getOrDefault(change.parentId(), Sharing.NOBODY);
                        SecretKey key = found.get(change.parentId());
                        if (key == null) {
                            continue; // erased meanwhile: nothing is announced about them
                        }
                        if (change.statusChanged()) {
                            UUID eventId = UUID.randomUUID();
                            alerts.add(Tuple.of(eventId, change.parentId(), ALERT_TYPE, now.atOffset(ZoneOffset.UTC),
                                    sealed(alert(eventId, change, with, now), key)));
                            // health data: DEBUG only (docs/threat-model.md)
                            LOG.debugf("Parent %s: %s -> %s %s %s", change.parentId(), change.before().state().status(),
                                    change.after().status().status(), change.after().status().reasons(),
                                    change.after().status().transition());
                        }
                        if (change.after().milestoneMissed()) {
                            UUID eventId = UUID.randomUUID();
                            alerts.add(Tuple.of(eventId, change.parentId(), MILESTONE_TYPE,
                                    now.atOffset(ZoneOffset.UTC), sealed(milestone(eventId, change, with, now), key)));
                            LOG.debugf("Parent %s: coming to volume missed by day %d", change.parentId(),
                                    config.comingToVolumeDay());
                        }
                    }
                    return alerts.isEmpty() ? Uni.createFrom().voidItem() : c.preparedQuery("""
                                    INSERT INTO alert_outbox (event_id, parent_id, type, occurred_at, data)
                                    VALUES ($1, $2, $3, $4, $5)""")
                            .executeBatch(alerts).replaceWithVoid();
                }));
    }

    /** An alert's personal fields (the name the parent shared, the baby's birth date) sealed under the parent's key. */
    private static JsonObject sealed(JsonObject alert, SecretKey key) {
        return PersonalFields.seal(alert, SEALED, key,
                PersonalFields.associatedData(alert.getString("parentId"), alert.getString("eventId")));
    }

    /** The personal fields of the alerts (ADR-010). */
    static final List<String> SEALED = List.of("parentDisplayName", "babyBirthDate");

    /** The clinicians a parent consents to now, and the name the parent gave them (null without consent). */
    private record Sharing(List<String> clinicianIds, String displayName) {
        static final Sharing NOBODY = new Sharing(List.of(), null);
    }

    /** The body of a SupplyStatusChanged (schemas/app.supplyline.analytics.supply-status-changed.v1, version 2). */
    private static JsonObject alert(UUID eventId, Change change, Sharing with, Instant now) {
        SupplyAssessment a = change.after();
        TrendMetrics m = a.metrics();
        JsonObject metrics = new JsonObject()
                .put("currentAvgMl", m.currentAvgMl())
                .put("baselineAvgMl", m.baselineAvgMl())
                .put("changePct", m.changePct())
                .put("slopeMlPerDay", m.slopeMlPerDay())
                .put("removalsPerDay", m.removalsPerDay())
                .put("regularDays", m.regularDays())
                .put("adherencePct", m.adherencePct())
                .put("longestGapMinutes", m.longestGapMinutes());
        Transition transition = a.status().transition();
        UUID episode = change.episodeId() != null ? change.episodeId() : change.before().episodeId();
        return envelope(eventId, change.parentId(), ALERT_TYPE, 3, now)
                .put("previousStatus", change.before().state().status().name())
                .put("status", a.status().status().name())
                .put("reasons", new JsonArray(a.status().reasons().stream().map(StatusReason::name).toList()))
                .put("episodeId", episode == null ? null : episode.toString())
                .put("metrics", metrics)
                .put("transition", transition == null ? null : transition.name())
                .mergeIn(sharedWith(a, with));
    }

    /** The body of a MilestoneMissed (schemas/app.supplyline.analytics.milestone-missed.v1). */
    private JsonObject milestone(UUID eventId, Change change, Sharing with, Instant now) {
        SupplyAssessment a = change.after();
        LocalDate birth = change.profile().babyBirthDate();
        double best = a.days().stream()
                .filter(d -> !d.date().isBefore(birth) && !d.date().isAfter(birth.plusDays(config.comingToVolumeDay())))
                .mapToDouble(DailySupply::totalMl).max().orElse(0);
        return envelope(eventId, change.parentId(), MILESTONE_TYPE, 2, now)
                .put("milestone", "COMING_TO_VOLUME")
                .put("babyBirthDate", birth.toString())
                .put("dayOfLife", config.comingToVolumeDay())
                .put("thresholdMl", config.comingToVolumeMl())
                .put("bestDayMl", best)
                .mergeIn(sharedWith(a, with));
    }

    /** What every alert of supplyline.alerts.v1 starts with. */
    private static JsonObject envelope(UUID eventId, String parentId, String type, int schemaVersion, Instant now) {
        return new JsonObject()
                .put("eventId", eventId.toString())
                .put("parentId", parentId)
                .put("type", type)
                .put("schemaVersion", schemaVersion)
                .put("occurredAt", now.toString());
    }

    /** What every alert says of its evaluation and of the clinicians the parent shares with. */
    private static JsonObject sharedWith(SupplyAssessment a, Sharing with) {
        return new JsonObject()
                .put("evaluatedFor", a.asOf().toString())
                .put("clinicianIds", new JsonArray(with.clinicianIds().stream().filter(Objects::nonNull).toList()))
                .put("parentDisplayName", with.displayName())
                .put("explanation", ExplanationJson.of(a.explanation()));
    }
}

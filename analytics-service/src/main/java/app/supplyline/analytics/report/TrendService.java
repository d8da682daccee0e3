package app.supplyline.analytics.report;

import app.supplyline.analytics.config.TrendConfig;
import app.supplyline.analytics.store.ExplanationJson;
import app.supplyline.analytics.store.ProjectionStore;
import app.supplyline.analytics.trend.DailyAggregator;
import app.supplyline.analytics.trend.DailySupply;
import app.supplyline.analytics.trend.Explanation;
import app.supplyline.analytics.trend.InsightCalculator;
import app.supplyline.analytics.trend.Milestones;
import app.supplyline.analytics.trend.ParentProfile;
import app.supplyline.analytics.trend.StatusReason;
import app.supplyline.analytics.trend.SupplyAssessment;
import app.supplyline.analytics.trend.SupplyStatus;
import app.supplyline.analytics.trend.SupplyTrendCalculator;
import app.supplyline.analytics.trend.TrendMetrics;
import app.supplyline.analytics.trend.TrendThresholds;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Builds a parent's {@link TrendView} and insights from the projections and their stored status. */
@ApplicationScoped
public class TrendService {

    /** How far back the insights look. */
    static final int INSIGHT_DAYS = 90;

    private final Pool pool;
    private final ProjectionStore projections;
    private final TrendConfig config;
    private final Clock clock;
    private final Why why;

    /** The false discovery rate the insights keep to (Benjamini–Hochberg). */
    private final double insightsQ;

    public TrendService(Pool pool, ProjectionStore projections, TrendConfig config, Clock clock, Why why,
            @ConfigProperty(name = "supplyline.insights.q", defaultValue = "0.1") double insightsQ) {
        this.pool = pool;
        this.insightsQ = insightsQ;
        this.why = why;
        this.projections = projections;
        this.config = config;
        this.clock = clock;
    }

    private record StoredStatus(SupplyStatus status, List<StatusReason> reasons, Instant since,
            Explanation explanation) {
    }

    /**
     * The trend with a series of {@code days} local days ending today; the status and its explanation as last
     * evaluated, the why sentence in {@code language}.
     */
    public Uni<TrendView> trend(String parentId, int days, Locale language) {
        Instant now = clock.instant();
        TrendThresholds t = config.thresholds();
        return pool.withConnection(c -> projections.profile(c, parentId)
                .chain(profile -> {
                    LocalDate today = LocalDate.ofInstant(now, profile.zone());
                    LocalDate asOf = SupplyAssessment.asOf(now, profile, t);
                    LocalDate from = earliest(today.minusDays(days - 1), asOf.minusDays(SupplyAssessment.HISTORY_DAYS),
                            profile.babyBirthDate(), t);
                    Instant since = from.minusDays(1).atStartOfDay(profile.zone()).toInstant();
                    return projections.removals(c, parentId, since)
                            .chain(removals -> projections.spans(c, List.of(parentId))
                                    .chain(spans -> status(c, parentId).map(stored -> {
                                        List<DailySupply> all = DailyAggregator.aggregate(removals, profile.zone(), from,
                                                today);
                                        ProjectionStore.Span span = spans.get(parentId);
                                        LocalDate usingSince = span == null ? null : span.firstDay(profile.zone());
                                        return view(profile, today, asOf, usingSince, days, all, stored, language);
                                    })));
                }));
    }

    private TrendView view(ParentProfile profile, LocalDate today, LocalDate asOf, LocalDate usingSince, int days,
            List<DailySupply> all, StoredStatus stored, Locale language) {
        TrendThresholds t = config.thresholds();
        TrendMetrics m = SupplyTrendCalculator.compute(all, asOf, profile, usingSince, t);
        List<TrendView.DayView> series = all.stream().filter(d -> !d.date().isBefore(today.minusDays(days - 1)))
                .map(TrendView.DayView::of).toList();
        Integer age = profile.babyAgeDays(today);
        TrendView.MilestonesView milestones = new TrendView.MilestonesView(profile.babyBirthDate(),
                age == null || age < 0 ? null : age, Milestones.comingToVolume(profile, all, asOf, t));
        TrendView.ExplanationView explanation = stored.explanation() == null ? null
                : new TrendView.ExplanationView(stored.explanation(), why.sentence(stored.explanation(), language));
        return new TrendView(stored.status(), stored.reasons(), stored.since(), m.currentAvgMl(), m.baselineAvgMl(),
                m.changePct(), m.slopeMlPerDay(), m.removalsPerDay(), m.regularDays(), m.adherencePct(),
                m.longestGapMinutes() == null ? null : SupplyTrendCalculator.round1(m.longestGapMinutes() / 60.0),
                today, profile.zone().getId(), milestones,
                Milestones.goal(profile, all.get(all.size() - 1), m.currentAvgMl()), explanation, series);
    }

    private static LocalDate earliest(LocalDate a, LocalDate b, LocalDate birth, TrendThresholds t) {
        LocalDate min = a.isBefore(b) ? a : b;
        if (birth != null && birth.isBefore(min) && !birth.isBefore(min.minusDays(t.followDays()))) {
            min = birth;
        }
        return min;
    }

    private Uni<StoredStatus> status(SqlClient c, String parentId) {
        return c.preparedQuery("SELECT status, reasons, changed_at, explanation FROM supply_status WHERE parent_id = $1")
                .execute(Tuple.of(parentId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new StoredStatus(SupplyStatus.INSUFFICIENT_DATA, List.of(), null, null);
                    }
                    Row r = rows.iterator().next();
                    return new StoredStatus(SupplyStatus.valueOf(r.getString(0)),
                            Arrays.stream(r.getArrayOfStrings(1)).map(StatusReason::valueOf).toList(),
                            r.getOffsetDateTime(2).toInstant(), ExplanationJson.read(r.getJsonObject(3)));
                });
    }

    /** The insights over the last {@value #INSIGHT_DAYS} complete local days, in {@code language}. */
    public Uni<InsightsView> insights(String parentId, Locale language) {
        Instant now = clock.instant();
        return pool.withConnection(c -> projections.profile(c, parentId)
                .chain(profile -> {
                    LocalDate today = LocalDate.ofInstant(now, profile.zone());
                    LocalDate from = today.minusDays(INSIGHT_DAYS);
                    LocalDate to = today.minusDays(1);
                    Instant since = from.minusDays(1).atStartOfDay(profile.zone()).toInstant();
                    Instant until = today.atStartOfDay(profile.zone()).toInstant();
                    return projections.removals(c, parentId, since)
                            .chain(removals -> projections.checkIns(c, parentId, from.minusDays(1), to)
                                    .chain(checkIns -> projections.pumpings(c, parentId,
                                                    from.atStartOfDay(profile.zone()).toInstant(), until)
                                            .map(pumpings -> InsightTexts.view(InsightCalculator.compute(
                                                    DailyAggregator.aggregate(removals, profile.zone(), from, to),
                                                    checkIns, pumpings, insightsQ), language))));
                }));
    }
}

package app.supplyline.analytics.cohort;

import app.supplyline.analytics.report.TrendService;
import app.supplyline.analytics.report.TrendView;
import app.supplyline.analytics.trend.SupplyStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Cohorts and consent. A clinician sees only their own cohorts and, in them, only parents whose consent is active
 * at the moment of the read; anything else is "not found". Every read of a parent's data by a clinician is written
 * to the access log in the transaction that checked the consent.
 */
@ApplicationScoped
public class CohortService {

    private static final Logger LOG = Logger.getLogger(CohortService.class);
    private static final int CODE_ATTEMPTS = 5;

    private final CohortStore store;
    private final TrendService trends;
    private final Pool pool;
    private final Clock clock;

    public CohortService(CohortStore store, TrendService trends, Pool pool, Clock clock) {
        this.store = store;
        this.trends = trends;
        this.pool = pool;
        this.clock = clock;
    }

    private static CohortRefused notFound(String what) {
        return new CohortRefused.NotFound(what);
    }

    public Uni<CohortStore.Cohort> create(Viewer clinician, String name) {
        return withFreshCode(code -> store.create(UUID.randomUUID(), clinician.id(), clinician.displayName(), name,
                code, clock.instant()));
    }

    public Uni<List<CohortStore.Cohort>> cohorts(Viewer clinician) {
        return store.cohortsOf(clinician.id());
    }

    public Uni<CohortStore.Cohort> cohort(Viewer clinician, UUID cohortId) {
        return store.owned(clinician.id(), cohortId).map(c -> c.orElseThrow(() -> notFound("cohort")));
    }

    /** A new invite code for the clinician's cohort; the old one stops working at once. */
    public Uni<CohortStore.Cohort> rotateCode(Viewer clinician, UUID cohortId) {
        return withFreshCode(code -> store.rotateCode(clinician.id(), cohortId, code)
                .chain(rotated -> rotated ? cohort(clinician, cohortId) : Uni.createFrom().failure(notFound("cohort"))));
    }

    /** Runs {@code action} with a new code, again with another on the (49-bit) chance of a collision. */
    private <T> Uni<T> withFreshCode(Function<String, Uni<T>> action) {
        return Uni.createFrom().deferred(() -> action.apply(InviteCodes.next()))
                .onFailure(CohortService::duplicateCode).retry().atMost(CODE_ATTEMPTS);
    }

    private static boolean duplicateCode(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("cohort_invite_code_key");
    }

    public record Joined(CohortStore.Consent consent, boolean created) {
    }

    /** The parent joins the cohort of this invite code; joining again while consenting changes nothing. */
    public Uni<Joined> join(Viewer parent, String typedCode) {
        String code = InviteCodes.normalise(typedCode);
        if (code == null) {
            throw new CohortRefused.MalformedInviteCode();
        }
        return store.byInviteCode(code)
                .chain(found -> {
                    CohortStore.Cohort cohort = found.orElseThrow(CohortRefused.UnknownInviteCode::new);
                    return store.grant(cohort.id(), parent.id(), parent.displayName(), clock.instant())
                            .chain(created -> store.consent(cohort.id(), parent.id())
                                    .map(c -> new Joined(c.orElseThrow(), created)));
                })
                .invoke(j -> {
                    if (j.created()) {
                        LOG.debugf("Parent %s consented to cohort %s", parent.id(), j.consent().cohortId());
                    }
                });
    }

    public Uni<List<CohortStore.Consent>> consents(Viewer parent) {
        return store.activeConsentsOf(parent.id());
    }

    /** Revokes at once: the next clinician read of this parent through the cohort is "not found". */
    public Uni<Void> revoke(Viewer parent, UUID cohortId) {
        return store.revoke(cohortId, parent.id(), clock.instant())
                .invoke(revoked -> {
                    if (!revoked) {
                        throw notFound("consent");
                    }
                    LOG.debugf("Parent %s revoked consent to cohort %s", parent.id(), cohortId);
                })
                .replaceWithVoid();
    }

    /** Who read the parent's data through a cohort they consented to (now or before). */
    public Uni<List<CohortStore.AccessEntry>> accessLog(Viewer parent, UUID cohortId, Long beforeId, int limit) {
        return store.consent(cohortId, parent.id())
                .chain(consent -> consent.isEmpty() ? Uni.createFrom().failure(notFound("consent"))
                        : store.accessLog(cohortId, parent.id(), beforeId, limit));
    }

    /** One page of the cohort's consenting parents; each parent shown is written to the access log. */
    public Uni<List<CohortStore.PatientRow>> patients(Viewer clinician, UUID cohortId,
            List<SupplyStatus> statuses, CohortStore.PatientSort sort,
            CohortStore.After after, int limit) {
        return cohort(clinician, cohortId)
                .chain(cohort -> store.patients(cohortId, statuses, sort, after, limit, clock.instant()))
                .call(rows -> store.audit(pool, cohortId, rows.stream().map(CohortStore.PatientRow::parentId).toList(),
                        clinician.id(), clinician.displayName(), "patient-list", clock.instant()));
    }

    /** Whole days since the parent's last removal started, at the time of the read. */
    public Long daysSince(Instant lastRemoval) {
        return lastRemoval == null ? null : Duration.between(lastRemoval, clock.instant()).toDays();
    }

    /** A consenting parent's trend, audited; "not found" without an active consent to the clinician's cohort. */
    public Uni<TrendView> patientTrend(Viewer clinician, UUID cohortId, String parentId, int days,
            Locale language) {
        return pool.withTransaction(c -> store.hasActiveConsent(c, clinician.id(), cohortId, parentId)
                        .chain(consenting -> {
                            if (!consenting) {
                                return Uni.createFrom().failure(notFound("patient"));
                            }
                            return store.audit(c, cohortId, List.of(parentId), clinician.id(), clinician.displayName(),
                                    "trends", clock.instant());
                        }))
                .chain(() -> trends.trend(parentId, days, language));
    }
}

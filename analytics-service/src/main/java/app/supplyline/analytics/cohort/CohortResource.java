package app.supplyline.analytics.cohort;

import app.supplyline.analytics.report.TrendResource;
import app.supplyline.analytics.report.TrendView;
import app.supplyline.analytics.report.Why;
import app.supplyline.analytics.trend.StatusReason;
import app.supplyline.analytics.trend.SupplyStatus;
import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.QueryParams;
import app.supplyline.platform.problem.RateLimitedRead;
import app.supplyline.platform.problem.RateLimitedWrite;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A clinician's cohorts and the consenting parents in them. The clinician is the token's {@code sub}; another
 * clinician's cohort, and a parent without active consent, answer 404.
 */
@Path("/api/cohorts")
@RolesAllowed("clinician")
@Produces(MediaType.APPLICATION_JSON)
public class CohortResource {

    static final int MAX_NAME = 100;

    private final CohortService cohorts;
    private final SecurityIdentity identity;

    public CohortResource(CohortService cohorts, SecurityIdentity identity) {
        this.cohorts = cohorts;
        this.identity = identity;
    }

    public record CreateCohort(String name) {
    }

    public record CohortView(UUID id, String name, String inviteCode, Instant createdAt, long activePatients) {

        static CohortView of(CohortStore.Cohort c) {
            return new CohortView(c.id(), c.name(), c.inviteCode(), c.createdAt(), c.activePatients());
        }
    }

    public record CohortList(List<CohortView> items, String nextCursor) {
    }

    /**
     * A consenting parent in the cohort list; {@code babyAgeDays} when the birth date is known, {@code comingToVolume}
     * (PENDING, REACHED, REACHED_LATE, MISSED, NOT_MEASURED) in the weeks after birth.
     */
    public record PatientView(String parentId, String displayName, SupplyStatus status, List<StatusReason> reasons,
            Double changePct, Double currentAvgMl, double removalsPerDay, Instant lastRemovalAt,
            Long daysSinceLastLog, Integer babyAgeDays, String comingToVolume) {
    }

    public record PatientPage(List<PatientView> items, String nextCursor) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitedWrite
    public Uni<Response> create(CreateCohort request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty() || name.length() > MAX_NAME) {
            throw ProblemException.invalidField("name", "must be 1 to " + MAX_NAME + " characters");
        }
        return cohorts.create(Viewer.of(identity), name)
                .map(c -> Response.created(URI.create("/api/cohorts/" + c.id())).entity(CohortView.of(c)).build());
    }

    @GET
    public Uni<CohortList> list() {
        return cohorts.cohorts(Viewer.of(identity))
                .map(all -> new CohortList(all.stream().map(CohortView::of).toList(), null));
    }

    @GET
    @Path("/{id}")
    public Uni<CohortView> get(@PathParam("id") String id) {
        return cohorts.cohort(Viewer.of(identity), cohortId(id)).map(CohortView::of);
    }

    @POST
    @Path("/{id}/invite-code")
    @RateLimitedWrite
    public Uni<CohortView> rotate(@PathParam("id") String id) {
        return cohorts.rotateCode(Viewer.of(identity), cohortId(id)).map(CohortView::of);
    }

    @GET
    @RateLimitedRead
    @Path("/{id}/patients")
    public Uni<PatientPage> patients(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        UUID cohortId = cohortId(id);
        List<SupplyStatus> statuses = statuses(status);
        CohortStore.PatientSort order = sort(sort);
        int size = QueryParams.limit(limit);
        CohortStore.After after = cursor == null ? null : decode(cursor, order);
        return cohorts.patients(Viewer.of(identity), cohortId, statuses, order, after, size + 1)
                .map(rows -> {
                    boolean more = rows.size() > size;
                    List<CohortStore.PatientRow> page = more ? rows.subList(0, size) : rows;
                    List<PatientView> items = page.stream().map(r -> new PatientView(r.parentId(), r.displayName(),
                            r.status(), r.reasons(), r.changePct(), r.currentAvgMl(), r.removalsPerDay(),
                            r.lastRemovalAt(), cohorts.daysSince(r.lastRemovalAt()), r.babyAgeDays(),
                            r.comingToVolume())).toList();
                    return new PatientPage(items, more ? encode(page.get(page.size() - 1), order) : null);
                });
    }

    @GET
    @RateLimitedRead
    @Path("/{id}/patients/{parentId}/trends")
    public Uni<TrendView> patientTrend(@PathParam("id") String id, @PathParam("parentId") String parentId,
            @QueryParam("days") String days, @Context HttpHeaders headers) {
        return cohorts.patientTrend(Viewer.of(identity), cohortId(id), parentId, TrendResource.days(days),
                Why.language(headers));
    }

    /** A malformed id cannot name a cohort of this clinician: 404 like any other foreign or missing cohort. */
    private static UUID cohortId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw CohortService.notFound("cohort");
        }
    }

    private static List<SupplyStatus> statuses(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<SupplyStatus> statuses = new ArrayList<>();
        for (String name : value.split(",")) {
            try {
                statuses.add(SupplyStatus.valueOf(name.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "must be one or more of " + List.of(SupplyStatus.values())
                        + ", separated by commas");
            }
        }
        return statuses;
    }

    private static CohortStore.PatientSort sort(String value) {
        if (value == null || value.equalsIgnoreCase("name")) {
            return CohortStore.PatientSort.NAME;
        }
        if (value.equalsIgnoreCase("risk")) {
            return CohortStore.PatientSort.RISK;
        }
        throw ProblemException.invalidField("sort", "must be risk or name");
    }

    /** The opaque cursor: the sort and the last row's sort key, as base64url JSON. */
    private static String encode(CohortStore.PatientRow last, CohortStore.PatientSort sort) {
        JsonArray key = sort == CohortStore.PatientSort.RISK
                ? new JsonArray().add("R").add(last.rank()).add(last.changeKey()).add(last.parentId())
                : new JsonArray().add("N").add(last.displayName()).add(last.parentId());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.encode().getBytes(StandardCharsets.UTF_8));
    }

    private static CohortStore.After decode(String cursor, CohortStore.PatientSort sort) {
        try {
            JsonArray key = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (sort == CohortStore.PatientSort.RISK && "R".equals(key.getString(0)) && key.size() == 4) {
                return new CohortStore.After(null, key.getInteger(1), key.getDouble(2),
                        java.util.Objects.requireNonNull(key.getString(3)));
            }
            if (sort == CohortStore.PatientSort.NAME && "N".equals(key.getString(0)) && key.size() == 3) {
                return new CohortStore.After(java.util.Objects.requireNonNull(key.getString(1)), null, null,
                        java.util.Objects.requireNonNull(key.getString(2)));
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw ProblemException.invalidField("cursor", "is not a cursor of this list and sort");
    }
}

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
import app.supplyline.platform.rest.Cursor;
import app.supplyline.platform.rest.Page;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

    /** The name is stored without surrounding white space. */
    public record CreateCohort(@NotBlank(message = NAME_SIZE) @Size(max = MAX_NAME, message = NAME_SIZE) String name) {

        static final String NAME_SIZE = "must be 1 to " + MAX_NAME + " characters";

        public CreateCohort {
            name = name == null ? null : name.strip();
        }
    }

    public record CohortView(UUID id, String name, String inviteCode, Instant createdAt, long activePatients) {

        static CohortView of(CohortStore.Cohort c) {
            return new CohortView(c.id(), c.name(), c.inviteCode(), c.createdAt(), c.activePatients());
        }
    }

    /**
     * A consenting parent in the cohort list; {@code babyAgeDays} when the birth date is known, {@code comingToVolume}
     * (PENDING, REACHED, REACHED_LATE, MISSED, NOT_MEASURED) in the weeks after birth.
     */
    public record PatientView(String parentId, String displayName, SupplyStatus status, List<StatusReason> reasons,
            Double changePct, Double currentAvgMl, double removalsPerDay, Instant lastRemovalAt,
            Long daysSinceLastLog, Integer babyAgeDays, String comingToVolume) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitedWrite
    public Uni<Response> create(@Valid CreateCohort request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
        return cohorts.create(Viewer.of(identity), request.name())
                .map(c -> Response.created(URI.create("/api/cohorts/" + c.id())).entity(CohortView.of(c)).build());
    }

    @GET
    public Uni<Page<CohortView>> list() {
        return cohorts.cohorts(Viewer.of(identity))
                .map(all -> new Page<>(all.stream().map(CohortView::of).toList(), null));
    }

    @GET
    @Path("/{id}")
    public Uni<CohortView> get(@PathParam("id") UUID id) {
        return cohorts.cohort(Viewer.of(identity), id).map(CohortView::of);
    }

    @POST
    @Path("/{id}/invite-code")
    @RateLimitedWrite
    public Uni<CohortView> rotate(@PathParam("id") UUID id) {
        return cohorts.rotateCode(Viewer.of(identity), id).map(CohortView::of);
    }

    @GET
    @RateLimitedRead
    @Path("/{id}/patients")
    public Uni<Page<PatientView>> patients(@PathParam("id") UUID id, @QueryParam("status") String status,
            @QueryParam("sort") String sort, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        UUID cohortId = id;
        List<SupplyStatus> statuses = statuses(status);
        CohortStore.PatientSort order = sort(sort);
        int size = QueryParams.limit(limit);
        CohortStore.After after = cursor == null ? null : decode(cursor, order);
        return cohorts.patients(Viewer.of(identity), cohortId, statuses, order, after, size + 1)
                .map(rows -> Page.of(rows, size, r -> new PatientView(r.parentId(), r.displayName(),
                        r.status(), r.reasons(), r.changePct(), r.currentAvgMl(), r.removalsPerDay(),
                        r.lastRemovalAt(), cohorts.daysSince(r.lastRemovalAt()), r.babyAgeDays(),
                        r.comingToVolume()), last -> encode(last, order)));
    }

    @GET
    @RateLimitedRead
    @Path("/{id}/patients/{parentId}/trends")
    public Uni<TrendView> patientTrend(@PathParam("id") UUID id, @PathParam("parentId") String parentId,
            @QueryParam("days") String days, @Context HttpHeaders headers) {
        return cohorts.patientTrend(Viewer.of(identity), id, parentId, TrendResource.days(days),
                Why.language(headers));
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

    /** The cursor: the sort and the last row's sort key. */
    private static String encode(CohortStore.PatientRow last, CohortStore.PatientSort sort) {
        return sort == CohortStore.PatientSort.RISK
                ? Cursor.encode("R", last.rank(), last.changeKey(), last.parentId())
                : Cursor.encode("N", last.displayName(), last.parentId());
    }

    private static CohortStore.After decode(String cursor, CohortStore.PatientSort sort) {
        return sort == CohortStore.PatientSort.RISK
                ? Cursor.decode(cursor, 4, key -> {
                    if (!"R".equals(key.get(0))) {
                        throw new IllegalArgumentException("not a cursor by risk");
                    }
                    return new CohortStore.After(null, Integer.valueOf(key.get(1)), Double.valueOf(key.get(2)),
                            Objects.requireNonNull(key.get(3)));
                })
                : Cursor.decode(cursor, 3, key -> {
                    if (!"N".equals(key.get(0))) {
                        throw new IllegalArgumentException("not a cursor by name");
                    }
                    return new CohortStore.After(Objects.requireNonNull(key.get(1)), null, null,
                            Objects.requireNonNull(key.get(2)));
                });
    }
}

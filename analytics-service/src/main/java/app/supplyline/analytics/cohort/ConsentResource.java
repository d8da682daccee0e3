package app.supplyline.analytics.cohort;

import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.QueryParams;
import app.supplyline.platform.problem.RateLimitedWrite;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The parent's consents to share with clinicians' cohorts, and who looked at their data. */
@Path("/api/consents")
@RolesAllowed("parent")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private final CohortService cohorts;
    private final SecurityIdentity identity;

    public ConsentResource(CohortService cohorts, SecurityIdentity identity) {
        this.cohorts = cohorts;
        this.identity = identity;
    }

    public record JoinRequest(String inviteCode) {
    }

    public record ConsentView(UUID cohortId, String cohortName, String clinicianName, String displayName,
            Instant grantedAt) {

        static ConsentView of(CohortStore.Consent c) {
            return new ConsentView(c.cohortId(), c.cohortName(), c.clinicianName(), c.displayName(), c.grantedAt());
        }
    }

    public record ConsentList(List<ConsentView> items, String nextCursor) {
    }

    public record AccessView(String clinicianId, String clinicianName, String resource, Instant accessedAt) {
    }

    public record AccessPage(List<AccessView> items, String nextCursor) {
    }

    /** 201 for a new consent, 200 when the parent already consents to that cohort. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitedWrite
    public Uni<Response> join(JoinRequest request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
        return cohorts.join(Viewer.of(identity), request.inviteCode())
                .map(j -> (j.created()
                        ? Response.created(URI.create("/api/consents/" + j.consent().cohortId()))
                        : Response.ok()).entity(ConsentView.of(j.consent())).build());
    }

    @GET
    public Uni<ConsentList> list() {
        return cohorts.consents(Viewer.of(identity)).map(all -> new ConsentList(all.stream().map(ConsentView::of).toList(), null));
    }

    @DELETE
    @Path("/{cohortId}")
    @RateLimitedWrite
    public Uni<Response> revoke(@PathParam("cohortId") String cohortId) {
        return cohorts.revoke(Viewer.of(identity), cohortId(cohortId)).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{cohortId}/access-log")
    public Uni<AccessPage> accessLog(@PathParam("cohortId") String cohortId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = QueryParams.limit(limit);
        Long before = null;
        if (cursor != null) {
            try {
                before = Long.parseLong(cursor);
            } catch (NumberFormatException e) {
                throw ProblemException.invalidField("cursor", "is not a cursor of this list");
            }
        }
        return cohorts.accessLog(Viewer.of(identity), cohortId(cohortId), before, size + 1)
                .map(entries -> {
                    boolean more = entries.size() > size;
                    List<CohortStore.AccessEntry> page = more ? entries.subList(0, size) : entries;
                    return new AccessPage(page.stream().map(e -> new AccessView(e.clinicianId(), e.clinicianName(),
                            e.resource(), e.accessedAt())).toList(),
                            more ? Long.toString(page.get(page.size() - 1).id()) : null);
                });
    }

    private static UUID cohortId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw CohortService.notFound("consent");
        }
    }
}

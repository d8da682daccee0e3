package app.supplyline.analytics.cohort;

import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.QueryParams;
import app.supplyline.platform.problem.RateLimitedWrite;
import app.supplyline.platform.rest.Cursor;
import app.supplyline.platform.rest.Page;
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

    public record AccessView(String clinicianId, String clinicianName, String resource, Instant accessedAt) {
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
    public Uni<Page<ConsentView>> list() {
        return cohorts.consents(Viewer.of(identity))
                .map(all -> new Page<>(all.stream().map(ConsentView::of).toList(), null));
    }

    @DELETE
    @Path("/{cohortId}")
    @RateLimitedWrite
    public Uni<Response> revoke(@PathParam("cohortId") UUID cohortId) {
        return cohorts.revoke(Viewer.of(identity), cohortId).replaceWith(Response.noContent().build());
    }

    @GET
    @Path("/{cohortId}/access-log")
    public Uni<Page<AccessView>> accessLog(@PathParam("cohortId") UUID cohortId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        int size = QueryParams.limit(limit);
        Long before = cursor == null ? null : Cursor.decode(cursor, 1, key -> Long.parseLong(key.getFirst()));
        return cohorts.accessLog(Viewer.of(identity), cohortId, before, size + 1)
                .map(entries -> Page.of(entries, size, e -> new AccessView(e.clinicianId(), e.clinicianName(),
                        e.resource(), e.accessedAt()), last -> Cursor.encode(last.id())));
    }
}

package app.supplyline.analytics.rebuild;

import app.supplyline.platform.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;

/** Operators rebuild the projections from the sessions topic (admin role). */
@Path("/api/admin/rebuild")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class RebuildResource {

    private final RebuildService rebuild;

    public RebuildResource(RebuildService rebuild) {
        this.rebuild = rebuild;
    }

    /** 202: the replay runs in the background; GET shows when it is DONE. 409 while one runs. */
    @POST
    public Uni<Response> start() {
        return rebuild.start().map(state -> Response.accepted(state).location(URI.create("/api/admin/rebuild")).build());
    }

    @GET
    public Uni<RebuildService.RebuildState> state() {
        return rebuild.state();
    }

    /** A refused rebuild is a conflict with this instance's state: 409, nothing changed. */
    @ServerExceptionMapper
    public Response refused(RebuildRefused e, UriInfo uri) {
        return Response.status(409).type(Problem.MEDIA_TYPE)
                .entity(new Problem(null, e.reason(), 409, e.getMessage(), uri.getPath(), null)).build();
    }
}

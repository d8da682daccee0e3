package app.supplyline.analytics.cohort;

import app.supplyline.platform.problem.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** How each cohort refusal reads over HTTP. */
public class CohortProblems {

    @ServerExceptionMapper
    public Response refused(CohortRefused e, UriInfo uri) {
        Problem problem = switch (e) {
            case CohortRefused.NotFound notFound -> new Problem(null, "Not Found", 404, e.getMessage(), uri.getPath(),
                    null);
            case CohortRefused.MalformedInviteCode malformed -> new Problem(null, "Invalid request", 400,
                    "inviteCode " + e.getMessage(), uri.getPath(),
                    List.of(new Problem.FieldError("inviteCode", e.getMessage())));
            case CohortRefused.UnknownInviteCode unknown -> new Problem(null, "Not Found", 404, e.getMessage(),
                    uri.getPath(), null);
        };
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}

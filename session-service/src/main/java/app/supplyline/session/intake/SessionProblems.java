package app.supplyline.session.intake;

import app.supplyline.platform.problem.Problem;
import app.supplyline.session.journal.SessionRejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How each domain rejection reads over HTTP. */
public class SessionProblems {

    @ServerExceptionMapper
    public Response rejected(SessionRejected e, UriInfo uri) {
        Problem problem = switch (e) {
            case SessionRejected.Invalid invalid -> new Problem(null, "Invalid request", 400, e.getMessage(),
                    uri.getPath(), invalid.violations().stream()
                    .map(v -> new Problem.FieldError(v.field(), v.message())).toList());
            case SessionRejected.NotFound notFound -> new Problem(null, "Not Found", 404, "No such session",
                    uri.getPath(), null);
            case SessionRejected.VersionMismatch stale -> new Problem(null, "Precondition failed", 412,
                    e.getMessage(), uri.getPath(), null);
            case SessionRejected.Overlap overlap -> new Problem(null, "Overlapping session", 409, e.getMessage(),
                    uri.getPath(), null);
        };
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (e instanceof SessionRejected.VersionMismatch stale) {
            response.tag(SessionResource.etag(stale.currentVersion()));
        }
        return response.build();
    }
}

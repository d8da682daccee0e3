package app.supplyline.session.intake;

import app.supplyline.platform.problem.Problem;
import app.supplyline.platform.rest.Versions;
import app.supplyline.session.journal.SessionRejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** How each domain rejection reads over HTTP. */
public class SessionProblems {

    @ServerExceptionMapper
    public Response rejected(SessionRejected e, UriInfo uri) {
        Problem problem = problemOf(e, uri.getPath(), "");
        Response.ResponseBuilder response = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (e instanceof SessionRejected.VersionMismatch stale) {
            response.tag(Versions.etag(stale.currentVersion()));
        }
        return response.build();
    }

    /** The problem for a rejection; field paths start with {@code pathPrefix} (e.g. {@code items[3].}). */
    static Problem problemOf(SessionRejected e, String instance, String pathPrefix) {
        return switch (e) {
            case SessionRejected.Invalid invalid -> new Problem(null, "Invalid request", 400, e.getMessage(),
                    instance, invalid.violations().stream()
                    .map(v -> new Problem.FieldError(pathPrefix + v.field(), v.message())).toList());
            case SessionRejected.NotFound notFound -> new Problem(null, "Not Found", 404, "No such session",
                    instance, null);
            case SessionRejected.VersionMismatch stale -> new Problem(null, "Precondition failed", 412,
                    e.getMessage(), instance, null);
            case SessionRejected.Overlap overlap -> new Problem(null, "Overlapping session", 409, e.getMessage(),
                    instance, null);
            case SessionRejected.KeyReused reused -> new Problem(null, "Idempotency-Key reused", 422, e.getMessage(),
                    instance, null);
        };
    }
}

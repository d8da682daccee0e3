package app.supplyline.platform.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * Renders every failure as {@code application/problem+json}: our own {@link ProblemException}s, malformed or
 * ill-typed JSON (with the field path), bean-validation violations, JAX-RS statuses (404, 405, 415, …) and, without
 * details, anything unexpected.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = respond(problemOf(e, uri.getPath()));
        if (e.retryAfterSeconds() != null) {
            response.header("Retry-After", e.retryAfterSeconds());
        }
        return response.build();
    }

    /** Overrides Quarkus' built-in mapper for this exact type, which answers plain JSON. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response malformed(JsonParseException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        return respond(jsonProblem(e, uri.getPath(), "")).build();
    }

    /** The problem for a JSON body (or a part of it, whose field paths start with {@code pathPrefix}). */
    public static Problem jsonProblem(JsonProcessingException e, String instance, String pathPrefix) {
        String detail;
        String field = e instanceof JsonMappingException m ? path(m.getPath()) : null;
        if ((field == null || field.isEmpty()) && e.getProcessor() instanceof JsonParser p) {
            field = pointerPath(p.getParsingContext().pathAsPointer().toString()); // a parser's own refusal
        }
        if (e instanceof UnrecognizedPropertyException u) {
            detail = "Unknown field '" + u.getPropertyName() + "'";
        } else if (e instanceof InvalidFormatException f && Temporal.class.isAssignableFrom(f.getTargetType())) {
            detail = "'" + f.getValue() + "' is not an ISO-8601 " + (f.getTargetType() == LocalDate.class
                    ? "date (YYYY-MM-DD)" : "date-time with an offset, e.g. 2026-11-27T07:00:00+01:00");
        } else if (e instanceof InvalidFormatException f) {
            detail = "'" + f.getValue() + "' is not a valid " + simpleName(f.getTargetType());
        } else if (e instanceof MismatchedInputException m) {
            detail = m.getTargetType() == null ? "Wrong JSON type" : "Expected a " + simpleName(m.getTargetType());
        } else if (e instanceof JsonParseException) {
            detail = "Malformed JSON: " + e.getOriginalMessage();
        } else {
            detail = e.getOriginalMessage();
        }
        List<Problem.FieldError> errors = field == null || field.isEmpty() ? null
                : List.of(new Problem.FieldError(pathPrefix + field, detail));
        return new Problem(null, "Invalid request body", 400, detail, instance, errors);
    }

    /** The problem for a {@link ProblemException}. */
    public static Problem problemOf(ProblemException e, String instance) {
        return new Problem(null, e.title(), e.status(), e.getMessage(), instance, e.errors());
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        return respond(invalid(e.getConstraintViolations(), uri.getPath(), ProblemMappers::beanPath)).build();
    }

    /**
     * The 400 for Bean Validation's violations, each field named by {@code path} of its property path (a resource
     * parameter's path starts with the method and parameter names; a batch item's is prefixed with its index).
     */
    public static Problem invalid(Collection<? extends ConstraintViolation<?>> violations, String instance,
            UnaryOperator<String> path) {
        List<Problem.FieldError> errors = violations.stream()
                .map(v -> new Problem.FieldError(path.apply(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field)).toList();
        return new Problem(null, "Invalid request", 400, "The request has invalid fields", instance, errors);
    }

    @ServerExceptionMapper
    public Response http(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            // Quarkus' JSON reader wraps what it does not rethrow (malformed input, nesting limits, a refused string)
            return json(json, uri);
        }
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        String title = known == null ? "HTTP " + status : known.getReasonPhrase();
        Response.ResponseBuilder response = respond(new Problem(null, title, status, e.getMessage(), uri.getPath(), null));
        e.getResponse().getHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Content-Type")) {
                values.forEach(v -> response.header(name, v));
            }
        });
        return response.build();
    }

    /**
     * No token, or one this service does not trust (bad signature, issuer, audience, expired): 401 with the
     * {@code WWW-Authenticate: Bearer} challenge, as a problem like every other error. Authentication is not
     * proactive ({@code quarkus.http.auth.proactive=false}), so a rejected token reaches this mapper.
     */
    @ServerExceptionMapper({UnauthorizedException.class,
            AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return respond(new Problem(null, "Unauthorized", 401, "A valid bearer token is required", uri.getPath(), null))
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** A valid token without the realm role this operation needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(null, "Forbidden", 403, "Your role does not allow this operation", uri.getPath(), null))
                .build();
    }

    /** The identity provider cannot be reached to verify the token: not the caller's fault, and temporary. */
    @ServerExceptionMapper
    public Response identityProviderDown(OIDCException e, UriInfo uri) {
        LOG.warnf("Cannot verify a token on %s: %s", uri.getPath(), e.getMessage());
        return respond(new Problem(null, "Service Unavailable", 503,
                "The identity provider cannot be reached; try again shortly", uri.getPath(), null))
                .header("Retry-After", 5).build();
    }

    /**
     * The database cannot be reached (refused or lost connection, server shutting down or starting up): temporary and
     * not the caller's fault, so 503 with Retry-After at once rather than a 500 or a hang. The transaction, if any,
     * did not commit, so nothing was stored.
     */
    @ServerExceptionMapper
    public Response databaseDown(Throwable e, UriInfo uri) {
        if (Erased.isCause(e)) {
            return respond(new Problem(null, "Not found", 404, "This account was deleted.", uri.getPath(), null)).build();
        }
        if (!DatabaseOutage.isCause(e)) {
            return unexpected(e, uri);
        }
        LOG.warnf("Database unavailable on %s: %s", uri.getPath(), e.getMessage());
        return respond(new Problem(null, "Service Unavailable", 503,
                "The service's database cannot be reached; nothing was stored, try again shortly", uri.getPath(), null))
                .header("Retry-After", 5).build();
    }

    /** Anything else, including the Vert.x client's failures that are not even exceptions: 500, no details. */
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return respond(new Problem(null, "Internal error", 500, "The request could not be completed", uri.getPath(),
                null)).build();
    }

    private static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /** {@code items[3].startedAt} from Jackson's reference chain. */
    /** "/items/0/leftMl" as the field path "items[0].leftMl". */
    public static String pointerPath(String pointer) {
        StringBuilder path = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                path.append('[').append(part).append(']');
            } else {
                path.append(path.isEmpty() ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return path.toString();
    }

    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : references) {
            if (ref.getFieldName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    /**
     * Drops the method and parameter prefix of a bean-validation path ({@code create.request.notes} → {@code notes})
     * and the container-element nodes ({@code put.request.channels[1].<list element>} → {@code channels[1]}).
     */
    static String beanPath(String propertyPath) {
        String[] parts = propertyPath.split("\\.");
        return Arrays.stream(parts).skip(parts.length > 2 ? 2 : 0).filter(part -> !part.startsWith("<"))
                .collect(Collectors.joining("."));
    }

    private static String simpleName(Class<?> type) {
        return type.isEnum() ? "value (one of " + Arrays.toString(type.getEnumConstants()) + ")"
                : type.getSimpleName();
    }
}

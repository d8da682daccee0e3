package app.supplyline.platform.problem;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.Optional;

/**
 * Refuses request bodies over {@code supplyline.http.max-body-size} with 413 problem+json before they are read,
 * except on {@link LargeBody} endpoints. Bodies without a length are still capped by Quarkus' global limit.
 */
public class BodySizeLimit {

    private final long maxBytes;

    public BodySizeLimit(@ConfigProperty(name = "supplyline.http.max-body-size", defaultValue = "64K") MemorySize max) {
        this.maxBytes = max.asLongValue();
    }

    @ServerRequestFilter
    public Optional<Response> check(ContainerRequestContext request, ResourceInfo resource) {
        if (request.getLength() <= maxBytes
                || (resource.getResourceMethod() != null && resource.getResourceMethod().isAnnotationPresent(LargeBody.class))) {
            return Optional.empty();
        }
        Problem problem = new Problem(null, "Request body too large", 413, "The body has " + request.getLength()
                + " bytes; at most " + maxBytes + " are accepted here", request.getUriInfo().getPath(), null);
        return Optional.of(Response.status(413).type(Problem.MEDIA_TYPE).entity(problem).build());
    }
}

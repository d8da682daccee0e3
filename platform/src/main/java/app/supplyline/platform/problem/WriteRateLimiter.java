package app.supplyline.platform.problem;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Per-user write quotas: every {@link RateLimitedWrite} request of a user (the token's sub) spends a token of that
 * user's bucket (Bucket4j; defaults: bursts of 100, refilled at 20 per second). An empty bucket answers 429
 * problem+json with {@code Retry-After}; other users have their own buckets and are unaffected. Buckets are kept in
 * memory per instance (see docs/adr-002-session-write-side.md), forgotten after 10 idle minutes.
 */
@ApplicationScoped
public class WriteRateLimiter {

    private final SecurityIdentity identity;
    private final long capacity;
    private final long refillPerSecond;
    private final Cache<String, Bucket> buckets;

    public WriteRateLimiter(SecurityIdentity identity,
            @ConfigProperty(name = "supplyline.rate-limit.writes.burst", defaultValue = "100") long capacity,
            @ConfigProperty(name = "supplyline.rate-limit.writes.per-second", defaultValue = "20") long refillPerSecond,
            @ConfigProperty(name = "supplyline.rate-limit.writes.max-users", defaultValue = "100000") long maxUsers) {
        this.identity = identity;
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.buckets = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(RateLimitedWrite.class)
                || identity.isAnonymous()) {
            return Optional.empty(); // not a write, or unauthenticated: security answers 401 on its own
        }
        Bucket bucket = buckets.get(identity.getPrincipal().getName(), user -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long retryAfter = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        Problem problem = new Problem(null, "Too many requests", 429, "Too many writes; retry in " + retryAfter + " s",
                request.getUriInfo().getPath(), null);
        return Optional.of(Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
                .entity(problem).build());
    }
}

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
 * user's bucket (Bucket4j; defaults: bursts of 100, refilled at 20 per second), and a batch one more token per 25
 * items ({@link #spendForItems}), so a 500-item sync costs 20. Costly reads ({@link RateLimitedRead}: trends,
 * insights, the export, cohort lists) spend from a read bucket of their own (bursts of 100, 20 per second). An empty bucket answers 429
 * problem+json with {@code Retry-After}; other users have their own buckets and are unaffected. Buckets are kept in
 * memory per instance (see docs/adr-002-session-write-side.md), forgotten after 10 idle minutes.
 */
@ApplicationScoped
public class WriteRateLimiter {

    private final SecurityIdentity identity;
    private final long capacity;
    private final long refillPerSecond;
    private final int itemsPerToken;
    private final long readCapacity;
    private final long readsPerSecond;
    private final Cache<String, Bucket> readBuckets;
    private final Cache<String, Bucket> buckets;

    public WriteRateLimiter(SecurityIdentity identity,
            @ConfigProperty(name = "supplyline.rate-limit.writes.burst", defaultValue = "100") long capacity,
            @ConfigProperty(name = "supplyline.rate-limit.writes.per-second", defaultValue = "20") long refillPerSecond,
            @ConfigProperty(name = "supplyline.rate-limit.writes.max-users", defaultValue = "100000") long maxUsers,
            @ConfigProperty(name = "supplyline.rate-limit.writes.batch-items-per-token", defaultValue = "25") int itemsPerToken,
            @ConfigProperty(name = "supplyline.rate-limit.reads.burst", defaultValue = "100") long readCapacity,
            @ConfigProperty(name = "supplyline.rate-limit.reads.per-second", defaultValue = "20") long readsPerSecond) {
        this.identity = identity;
        this.readCapacity = readCapacity;
        this.readsPerSecond = readsPerSecond;
        this.readBuckets = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterAccess(Duration.ofMinutes(10)).build();
        this.itemsPerToken = Math.max(1, itemsPerToken);
        this.capacity = capacity;
        this.refillPerSecond = refillPerSecond;
        this.buckets = Caffeine.newBuilder().maximumSize(maxUsers).expireAfterAccess(Duration.ofMinutes(10)).build();
    }

    @ServerRequestFilter
    public Optional<Response> limit(ContainerRequestContext request, ResourceInfo resource) {
        if (resource.getResourceMethod() == null || identity.isAnonymous()) {
            return Optional.empty(); // unauthenticated: security answers 401 on its own
        }
        boolean write = resource.getResourceMethod().isAnnotationPresent(RateLimitedWrite.class);
        if (!write && !resource.getResourceMethod().isAnnotationPresent(RateLimitedRead.class)) {
            return Optional.empty();
        }
        ConsumptionProbe probe = (write ? bucket() : readBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long retryAfter = retryAfter(probe);
        Problem problem = new Problem(null, "Too many requests", 429, "Too many " + (write ? "writes" : "reads")
                + "; retry in " + retryAfter + " s", request.getUriInfo().getPath(), null);
        return Optional.of(Response.status(429).type(Problem.MEDIA_TYPE).header("Retry-After", retryAfter)
                .entity(problem).build());
    }

    /**
     * A write worth more than one request (a batch of {@code items}): spends one token per
     * {@code supplyline.rate-limit.writes.batch-items-per-token} items, less the one the request already spent;
     * 429 with Retry-After, and nothing spent, when the quota does not hold them all.
     */
    public void spendForItems(int items) {
        long more = (items + itemsPerToken - 1) / itemsPerToken - 1;
        if (more <= 0 || identity.isAnonymous()) {
            return;
        }
        ConsumptionProbe probe = bucket().tryConsumeAndReturnRemaining(more);
        if (!probe.isConsumed()) {
            long retryAfter = retryAfter(probe);
            throw new ProblemException(429, "Too many requests", "This batch of " + items + " costs " + (more + 1)
                    + " writes of the quota; retry in " + retryAfter + " s", null, (int) retryAfter);
        }
    }

    private Bucket bucket() {
        return buckets.get(identity.getPrincipal().getName(), user -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(refillPerSecond, Duration.ofSeconds(1)).build())
                .build());
    }

    private Bucket readBucket() {
        return readBuckets.get(identity.getPrincipal().getName(), user -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(readCapacity).refillGreedy(readsPerSecond, Duration.ofSeconds(1))
                        .build())
                .build());
    }

    private static long retryAfter(ConsumptionProbe probe) {
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }
}

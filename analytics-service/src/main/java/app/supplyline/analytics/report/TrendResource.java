package app.supplyline.analytics.report;

import app.supplyline.platform.problem.QueryParams;
import app.supplyline.platform.problem.RateLimitedRead;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

/** The parent's own supply trend and insights; the parent is the token's {@code sub}. */
@Path("/api")
@RolesAllowed("parent")
@Produces(MediaType.APPLICATION_JSON)
public class TrendResource {

    static final int DEFAULT_DAYS = 28;
    static final int MIN_DAYS = 7;
    static final int MAX_DAYS = 365;

    private final TrendService trends;
    private final SecurityIdentity identity;

    public TrendResource(TrendService trends, SecurityIdentity identity) {
        this.trends = trends;
        this.identity = identity;
    }

    @GET
    @RateLimitedRead
    @Path("/trends/me")
    public Uni<TrendView> mine(@QueryParam("days") String days, @Context HttpHeaders headers) {
        return trends.trend(identity.getPrincipal().getName(), days(days), Why.language(headers));
    }

    @GET
    @RateLimitedRead
    @Path("/insights/me")
    public Uni<InsightsView> insights(@Context HttpHeaders headers) {
        return trends.insights(identity.getPrincipal().getName(), Why.language(headers));
    }

    /** The {@code days} query parameter: 7 to 365, 28 when absent. */
    public static int days(String value) {
        return QueryParams.wholeNumber("days", value, DEFAULT_DAYS, MIN_DAYS, MAX_DAYS);
    }
}

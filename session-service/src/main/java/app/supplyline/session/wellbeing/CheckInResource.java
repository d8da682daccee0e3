package app.supplyline.session.wellbeing;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import app.supplyline.platform.problem.ProblemException;
import app.supplyline.session.journal.CheckIn;
import app.supplyline.platform.problem.RateLimitedWrite;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Wellbeing check-ins, one per local date: a second one for the same date corrects the first. */
@Path("/api/check-ins")
@RolesAllowed("parent")
@Produces(MediaType.APPLICATION_JSON)
public class CheckInResource {

    static final int MAX_LIMIT = 500;

    private final WellbeingService wellbeing;
    private final SecurityIdentity identity;

    public CheckInResource(WellbeingService wellbeing, SecurityIdentity identity) {
        this.wellbeing = wellbeing;
        this.identity = identity;
    }

    public record CheckInRequest(LocalDate date, BigDecimal sleepHours, Integer waterMl, Integer stress, String notes) {
    }

    public record CheckInPage(List<CheckIn> items, String nextCursor) {
    }

    /** 201 for a new date, 200 when it corrected that date's check-in. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "201", description = "A check-in for a new date",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CheckIn.class)))
    @APIResponse(responseCode = "200", description = "The check-in that replaced the one of that date",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CheckIn.class)))
    @RateLimitedWrite
    public Uni<Response> log(CheckInRequest request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
        CheckIn checkIn = new CheckIn(request.date(), request.sleepHours(), request.waterMl(), request.stress(),
                request.notes());
        return wellbeing.logCheckIn(identity.getPrincipal().getName(), checkIn)
                .map(replaced -> (replaced ? Response.ok(checkIn)
                        : Response.created(URI.create("/api/check-ins?from=" + checkIn.date() + "&to=" + checkIn.date()))
                        .entity(checkIn)).build());
    }

    /** Check-ins with dates in [from, to], newest first; the cursor continues before the last date shown. */
    @GET
    public Uni<CheckInPage> list(@QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        int size = limit == null ? 50 : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "must be between 1 and " + MAX_LIMIT);
        }
        LocalDate fromDate = date("from", from, LocalDate.of(1970, 1, 1));
        LocalDate toDate = date("to", to, LocalDate.of(9999, 12, 31));
        if (cursor != null) {
            toDate = date("cursor", cursor, toDate).minusDays(1);
        }
        return wellbeing.checkIns(identity.getPrincipal().getName(), fromDate, toDate, size + 1).map(found -> {
            boolean more = found.size() > size;
            List<CheckIn> page = more ? found.subList(0, size) : found;
            return new CheckInPage(page, more ? page.get(page.size() - 1).date().toString() : null);
        });
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be a date YYYY-MM-DD");
        }
    }
}

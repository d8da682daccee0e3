package app.supplyline.session.export;

import app.supplyline.platform.problem.RateLimitedRead;
import app.supplyline.session.intake.SessionService;
import app.supplyline.session.intake.SessionView;
import app.supplyline.session.journal.CheckIn;
import app.supplyline.session.journal.Profile;
import app.supplyline.session.wellbeing.WellbeingService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Data portability: everything the parent has recorded — profile, every session (newest first) and every check-in —
 * as JSON, or as one CSV table with {@code Accept: text/csv}.
 */
@Path("/api/export")
@RolesAllowed("parent")
public class ExportResource {

    static final MediaType CSV = new MediaType("text", "csv");
    private static final int ALL = 1_000_000;
    private static final CsvMapper CSV_MAPPER = csvMapper();

    private final SessionService sessions;
    private final WellbeingService wellbeing;
    private final SecurityIdentity identity;
    private final Clock clock;

    public ExportResource(SessionService sessions, WellbeingService wellbeing, SecurityIdentity identity, Clock clock) {
        this.sessions = sessions;
        this.wellbeing = wellbeing;
        this.identity = identity;
        this.clock = clock;
    }

    /** The export as JSON. */
    public record Export(String parentId, Instant exportedAt, Profile profile, List<SessionView> sessions,
            List<CheckIn> checkIns) {
    }

    @APIResponse(responseCode = "200", description = "Everything the parent recorded: JSON, or CSV with Accept: text/csv",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Export.class)))
    @GET
    @RateLimitedRead
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Uni<Response> export(@Context HttpHeaders headers) {
        String parentId = identity.getPrincipal().getName();
        boolean csv = headers.getAcceptableMediaTypes().stream()
                .anyMatch(t -> !t.isWildcardType() && t.isCompatible(CSV));
        return Uni.combine().all().unis(
                        wellbeing.profile(parentId),
                        sessions.list(parentId, Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"), null, null, ALL),
                        wellbeing.checkIns(parentId, LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31), ALL))
                .asTuple()
                .map(t -> new Export(parentId, clock.instant(), t.getItem1().profile(), t.getItem2(), t.getItem3()))
                .map(export -> csv
                        ? Response.ok(toCsv(export), CSV).header("Content-Disposition",
                                "attachment; filename=\"supplyline-export-" + LocalDate.ofInstant(export.exportedAt(),
                                        java.time.ZoneOffset.UTC) + ".csv\"").build()
                        : Response.ok(export, MediaType.APPLICATION_JSON).build());
    }

    /** One CSV line: a profile, a session or a check-in, by {@code record}. */
    @JsonPropertyOrder({"record", "id", "type", "startedAt", "endedAt", "leftMl", "rightMl", "totalMl", "handsOn",
            "pump", "side", "date", "sleepHours", "waterMl", "stress", "timezone", "babyBirthDate", "feedingMode",
            "reducingOnPurpose", "preferredUnit", "dailyGoalMl", "notes"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Row(String record, UUID id, String type, Instant startedAt, Instant endedAt, BigDecimal leftMl,
            BigDecimal rightMl, BigDecimal totalMl, Boolean handsOn, String pump, String side, LocalDate date,
            BigDecimal sleepHours, Integer waterMl, Integer stress, String timezone, LocalDate babyBirthDate,
            String feedingMode, Boolean reducingOnPurpose, String preferredUnit, Integer dailyGoalMl, String notes) {
    }

    static String toCsv(Export export) {
        List<Row> rows = new ArrayList<>();
        Profile p = export.profile();
        rows.add(new Row("PROFILE", null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                p.timezone(), p.babyBirthDate(), p.feedingMode() == null ? null : p.feedingMode().name(),
                p.reducingOnPurpose(), p.preferredUnit().name(), p.dailyGoalMl(), null));
        for (SessionView s : export.sessions()) {
            rows.add(new Row("SESSION", s.id(), s.type().name(), s.startedAt(), s.endedAt(), s.leftMl(), s.rightMl(),
                    s.totalMl(), s.handsOn(), s.pump(), s.side() == null ? null : s.side().name(), null, null, null,
                    null, null, null, null, null, null, null, s.notes()));
        }
        for (CheckIn c : export.checkIns()) {
            rows.add(new Row("CHECK_IN", null, null, null, null, null, null, null, null, null, null, c.date(),
                    c.sleepHours(), c.waterMl(), c.stress(), null, null, null, null, null, null, c.notes()));
        }
        try {
            CsvSchema schema = CSV_MAPPER.schemaFor(Row.class).withHeader();
            return CSV_MAPPER.writer(schema).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the CSV export", e);
        }
    }

    private static CsvMapper csvMapper() {
        CsvMapper mapper = new CsvMapper();
        mapper.registerModule(new JavaTimeModule());
        mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        return mapper;
    }
}

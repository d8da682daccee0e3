package app.supplyline.session.export;

import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.RateLimitedRead;
import app.supplyline.session.intake.SessionService;
import app.supplyline.session.intake.SessionView;
import app.supplyline.session.journal.CheckIn;
import app.supplyline.session.journal.Profile;
import app.supplyline.session.wellbeing.WellbeingService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Multi;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestMulti;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Data portability: everything the parent has recorded — profile, every session (newest first) and every check-in —
 * as JSON, or as one CSV table with {@code Accept: text/csv}. The export streams: sessions are read a page at a time
 * ({@code supplyline.export.page-size}, keyset pages) and written as they come, so a parent with years of logs never
 * holds the service's memory or the event loop. Check-ins are at most one a day and are read at once. In the CSV,
 * free text a spreadsheet would run as a formula is prefixed with a single quote ({@link #spreadsheetSafe}).
 */
@Path("/api/export")
@RolesAllowed("parent")
public class ExportResource {

    static final MediaType CSV = new MediaType("text", "csv");
    private static final Logger LOG = Logger.getLogger(ExportResource.class);
    private static final int ALL_CHECK_INS = 1_000_000;
    private static final Instant END_OF_TIME = Instant.parse("9999-12-31T00:00:00Z");
    private static final CsvMapper CSV_MAPPER = csvMapper();
    static final CsvSchema CSV_ROW = CSV_MAPPER.schemaFor(Row.class).withoutHeader();

    private final SessionService sessions;
    private final WellbeingService wellbeing;
    private final SecurityIdentity identity;
    private final Clock clock;
    private final ObjectMapper json;
    private final int pageSize;

    public ExportResource(SessionService sessions, WellbeingService wellbeing, SecurityIdentity identity, Clock clock,
            ObjectMapper json, @ConfigProperty(name = "supplyline.export.page-size", defaultValue = "500") int pageSize) {
        this.sessions = sessions;
        this.wellbeing = wellbeing;
        this.identity = identity;
        this.clock = clock;
        this.json = json;
        this.pageSize = pageSize;
    }

    /** The export as JSON (the shape the stream writes). */
    public record Export(String parentId, Instant exportedAt, Profile profile, List<SessionView> sessions,
            List<CheckIn> checkIns) {
    }

    @APIResponse(responseCode = "200", description = "Everything the parent recorded, streamed: JSON, or one CSV "
            + "table when text/csv is preferred", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = Export.class)),
            @Content(mediaType = "text/csv")})
    @APIResponse(responseCode = "406", description = "Neither JSON nor CSV is acceptable",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @GET
    @RateLimitedRead
    public RestMulti<Buffer> export(@Context HttpHeaders headers, @Context HttpServerResponse response) {
        // negotiated here: a streamed answer has one media type per method, and JSON is the default
        List<MediaType> accepted;
        try {
            accepted = headers.getAcceptableMediaTypes();
        } catch (RuntimeException e) {
            throw new ProblemException(400, "Bad Accept header", "Accept is not a list of media types", null);
        }
        for (MediaType acceptable : accepted) {
            if (refused(acceptable)) {
                continue;
            }
            if (acceptable.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !refusedAmong(accepted, MediaType.APPLICATION_JSON_TYPE)) {
                return json(response);
            }
            if (acceptable.isCompatible(CSV) && !refusedAmong(accepted, CSV)) {
                return csv(response);
            }
        }
        throw new ProblemException(406, "Not Acceptable", "The export is application/json or text/csv", null);
    }

    /** {@code q=0}: "not acceptable" (RFC 9110). */
    private static boolean refused(MediaType type) {
        String q = type.getParameters().get("q");
        try {
            return q != null && Double.parseDouble(q) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The client named this exact type with {@code q=0}, whatever wildcard it accepts besides. */
    private static boolean refusedAmong(List<MediaType> accepted, MediaType type) {
        return accepted.stream().anyMatch(a -> refused(a) && a.getType().equalsIgnoreCase(type.getType())
                && a.getSubtype().equalsIgnoreCase(type.getSubtype()));
    }

    private RestMulti<Buffer> csv(HttpServerResponse response) {
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return RestMulti.fromMultiData(cutOffOnFailure(body(
                        profile -> csv(CSV_ROW.withHeader(), List.of(profileRow(profile))),
                        page -> csv(CSV_ROW, page.stream().map(ExportResource::sessionRow).toList()),
                        checkIns -> csv(CSV_ROW, checkIns.stream().map(ExportResource::checkInRow).toList())), response))
                .header("Content-Type", "text/csv;charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"supplyline-export-" + day + ".csv\"").build();
    }

    private RestMulti<Buffer> json(HttpServerResponse response) {
        String parentId = identity.getPrincipal().getName();
        Instant exportedAt = clock.instant();
        JsonElements sessions = new JsonElements();
        // the chunks are fragments of one JSON document, written as they are (no media type of the method: no array
        // brackets or separators added)
        return RestMulti.fromMultiData(cutOffOnFailure(body(
                        profile -> "{\"parentId\":" + write(parentId) + ",\"exportedAt\":" + write(exportedAt)
                                + ",\"profile\":" + write(profile) + ",\"sessions\":[",
                        sessions::page,
                        checkIns -> "],\"checkIns\":" + write(checkIns) + "}"), response))
                .header("Content-Type", MediaType.APPLICATION_JSON + ";charset=UTF-8").build();
    }

    /**
     * The export in either format: the head (from the profile), each page of sessions as it is read, then the tail
     * (from the check-ins).
     */
    private Multi<Buffer> body(Function<Profile, String> head, Function<List<SessionView>, String> page,
            Function<List<CheckIn>, String> tail) {
        String parentId = identity.getPrincipal().getName();
        return wellbeing.profile(parentId).onItem().transformToMulti(profile -> Multi.createBy().concatenating().streams(
                Multi.createFrom().item(() -> text(head.apply(profile.profile()))),
                sessionPages(parentId).onItem().transform(p -> text(page.apply(p))),
                wellbeing.checkIns(parentId, LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31), ALL_CHECK_INS)
                        .onItem().transformToMulti(checkIns -> Multi.createFrom().item(text(tail.apply(checkIns))))));
    }

    /**
     * A failure once the answer has begun (a page that cannot be read) resets the connection: the client sees a cut
     * download, never a complete-looking file nor a wait for the idle timeout. Before the first byte the failure is
     * answered as any other (problem+json).
     */
    private static Multi<Buffer> cutOffOnFailure(Multi<Buffer> body, HttpServerResponse response) {
        return body.onFailure().invoke(failure -> {
            if (response.headWritten()) {
                LOG.warnf("Export cut off after its first bytes: %s", failure.toString());
                response.reset();
            }
        });
    }

    /** Every session of the parent, newest first, a keyset page at a time; the last page is the first short one. */
    private Multi<List<SessionView>> sessionPages(String parentId) {
        AtomicReference<SessionView> last = new AtomicReference<>();
        return Multi.createBy().repeating()
                .uni(() -> {
                    SessionView after = last.get();
                    return sessions.list(parentId, Instant.EPOCH, END_OF_TIME, after == null ? null : after.startedAt(),
                            after == null ? null : after.id(), pageSize);
                })
                .whilst(page -> {
                    if (!page.isEmpty()) {
                        last.set(page.getLast());
                    }
                    return page.size() == pageSize;
                })
                .select().where(page -> !page.isEmpty());
    }

    /** Sessions as elements of the JSON array: a comma before each but the first. */
    private final class JsonElements {
        private boolean first = true;

        String page(List<SessionView> page) {
            StringBuilder out = new StringBuilder();
            for (SessionView session : page) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(write(session));
            }
            return out.toString();
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the export", e);
        }
    }

    private static Buffer text(String text) {
        return Buffer.buffer(text);
    }

    /** One CSV line: a profile, a session or a check-in, by {@code record}. */
    @JsonPropertyOrder({"record", "id", "type", "startedAt", "endedAt", "leftMl", "rightMl", "totalMl", "handsOn",
            "pump", "flangeSizeMm", "side", "date", "sleepHours", "waterMl", "stress", "timezone", "babyBirthDate", "feedingMode",
            "reducingOnPurpose", "preferredUnit", "dailyGoalMl", "notes"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Row(String record, UUID id, String type, Instant startedAt, Instant endedAt, BigDecimal leftMl,
            BigDecimal rightMl, BigDecimal totalMl, Boolean handsOn, String pump, BigDecimal flangeSizeMm, String side,
            LocalDate date,
            BigDecimal sleepHours, Integer waterMl, Integer stress, String timezone, LocalDate babyBirthDate,
            String feedingMode, Boolean reducingOnPurpose, String preferredUnit, Integer dailyGoalMl, String notes) {
    }

    static Row profileRow(Profile p) {
        return new Row("PROFILE", null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                p.timezone(), p.babyBirthDate(), p.feedingMode() == null ? null : p.feedingMode().name(),
                p.reducingOnPurpose(), p.preferredUnit().name(), p.dailyGoalMl(), null);
    }

    static Row sessionRow(SessionView s) {
        return new Row("SESSION", s.id(), s.type().name(), s.startedAt(), s.endedAt(), s.leftMl(), s.rightMl(),
                s.totalMl(), s.handsOn(), spreadsheetSafe(s.pump()), s.flangeSizeMm(),
                s.side() == null ? null : s.side().name(), null,
                null, null, null, null, null, null, null, null, null, spreadsheetSafe(s.notes()));
    }

    static Row checkInRow(CheckIn c) {
        return new Row("CHECK_IN", null, null, null, null, null, null, null, null, null, null, null, c.date(),
                c.sleepHours(), c.waterMl(), c.stress(), null, null, null, null, null, null,
                spreadsheetSafe(c.notes()));
    }

    /**
     * The parent's free text (pump, notes) as a spreadsheet shows it rather than runs it (OWASP, CSV injection): text
     * starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a leading single
     * quote. Numbers and dates never come here, so a negative number stays a number; the JSON export keeps the text
     * verbatim.
     */
    static String spreadsheetSafe(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /**
     * Rows as CSV lines, each ending with a line break. Quoting is Jackson's (RFC 4180): a value with a comma, a quote,
     * a line break or any other character below {@code -}, or longer than 24 characters, is quoted, its quotes
     * doubled.
     */
    static String csv(CsvSchema schema, List<Row> rows) {
        try {
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

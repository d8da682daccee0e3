package app.supplyline.notification.preferences;

import app.supplyline.platform.problem.Problem;
import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.RateLimitedWrite;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/** The user's notification preferences; a user who never set them sees the defaults. */
@Path("/api/preferences")
@RolesAllowed({"parent", "clinician"})
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {

    static final int MIN_INTERVAL = 60;
    static final int MAX_INTERVAL = 480;
    static final int MAX_TIMEZONE = 64;
    private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");

    private final PreferencesService preferences;
    private final SecurityIdentity identity;

    public PreferencesResource(PreferencesService preferences, SecurityIdentity identity) {
        this.preferences = preferences;
        this.identity = identity;
    }

    public record QuietHoursView(String start, String end) {
    }

    /**
     * Request and answer; on PUT every field may be omitted to keep the default (a timezone left out: the parent's
     * profile timezone, else UTC).
     */
    public record PreferencesView(Boolean remindersEnabled, Integer reminderIntervalMinutes,
            Integer nightIntervalMinutes, QuietHoursView quietHours, String locale, List<String> channels,
            String timezone) {

        static PreferencesView of(Preferences p) {
            return new PreferencesView(p.remindersEnabled(), p.reminderIntervalMinutes(), p.nightIntervalMinutes(),
                    p.quietHours() == null ? null : new QuietHoursView(p.quietHours().start().toString(),
                            p.quietHours().end().toString()),
                    p.locale(), p.channels().stream().map(Enum::name).toList(), p.timezone());
        }
    }

    @GET
    public Uni<PreferencesView> get() {
        return preferences.of(identity.getPrincipal().getName()).map(PreferencesView::of);
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitedWrite
    public Uni<PreferencesView> put(PreferencesView request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
        return preferences.save(identity.getPrincipal().getName(), validate(request)).map(PreferencesView::of);
    }

    /** Every problem of the request at once, with its field path; nothing is saved unless there is none. */
    static Preferences validate(PreferencesView r) {
        Preferences d = Preferences.DEFAULTS;
        List<Problem.FieldError> errors = new ArrayList<>();
        int interval = interval(r.reminderIntervalMinutes(), d.reminderIntervalMinutes(), "reminderIntervalMinutes", errors);
        int night = interval(r.nightIntervalMinutes(), d.nightIntervalMinutes(), "nightIntervalMinutes", errors);
        Preferences.QuietHours quiet = null;
        if (r.quietHours() != null) {
            LocalTime start = time(r.quietHours().start(), "quietHours.start", errors);
            LocalTime end = time(r.quietHours().end(), "quietHours.end", errors);
            if (start != null && end != null) {
                if (start.equals(end)) {
                    errors.add(new Problem.FieldError("quietHours.end", "must differ from quietHours.start"));
                } else {
                    quiet = new Preferences.QuietHours(start, end);
                }
            }
        }
        String locale = r.locale() == null ? d.locale() : r.locale();
        if (!Preferences.supported(locale)) {
            errors.add(new Problem.FieldError("locale", "must be en or fr"));
        }
        List<Preferences.Channel> channels = d.channels();
        if (r.channels() != null) {
            LinkedHashSet<Preferences.Channel> chosen = new LinkedHashSet<>();
            for (int i = 0; i < r.channels().size(); i++) {
                try {
                    chosen.add(Preferences.Channel.valueOf(String.valueOf(r.channels().get(i))));
                } catch (IllegalArgumentException e) {
                    errors.add(new Problem.FieldError("channels[" + i + "]", "must be WEB_PUSH or INBOX"));
                }
            }
            channels = List.copyOf(chosen);
        }
        String timezone = r.timezone();
        if (timezone != null && (timezone.length() > MAX_TIMEZONE || !ZoneId.getAvailableZoneIds().contains(timezone))) {
            errors.add(new Problem.FieldError("timezone", "must be an IANA time zone such as Europe/Paris"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "Invalid request", errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        return new Preferences(r.remindersEnabled() == null ? d.remindersEnabled() : r.remindersEnabled(), interval,
                night, quiet, locale, channels, timezone);
    }

    private static int interval(Integer value, int fallback, String field, List<Problem.FieldError> errors) {
        if (value == null) {
            return fallback;
        }
        if (value < MIN_INTERVAL || value > MAX_INTERVAL) {
            errors.add(new Problem.FieldError(field, "must be from " + MIN_INTERVAL + " to " + MAX_INTERVAL + " minutes"));
        }
        return value;
    }

    private static LocalTime time(String value, String field, List<Problem.FieldError> errors) {
        if (value == null || !HH_MM.matcher(value).matches()) {
            errors.add(new Problem.FieldError(field, "must be a local time HH:mm"));
            return null;
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "must be a local time HH:mm"));
            return null;
        }
    }
}

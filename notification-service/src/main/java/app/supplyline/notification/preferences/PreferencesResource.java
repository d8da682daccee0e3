package app.supplyline.notification.preferences;

import app.supplyline.notification.preferences.Preferences.Channel;
import app.supplyline.platform.problem.ProblemException;
import app.supplyline.platform.problem.RateLimitedWrite;
import app.supplyline.platform.rest.TimeZoneId;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalTime;
import java.util.LinkedHashSet;
import java.util.List;

/** The user's notification preferences; a user who never set them sees the defaults. */
@Path("/api/preferences")
@RolesAllowed({"parent", "clinician"})
@Produces(MediaType.APPLICATION_JSON)
public class PreferencesResource {

    static final int MIN_INTERVAL = 60;
    static final int MAX_INTERVAL = 480;
    static final String INTERVAL = "must be from " + MIN_INTERVAL + " to " + MAX_INTERVAL + " minutes";
    static final String HH_MM = "([01][0-9]|2[0-3]):[0-5][0-9]";
    static final String LOCAL_TIME = "must be a local time HH:mm";

    private final PreferencesService preferences;
    private final SecurityIdentity identity;

    public PreferencesResource(PreferencesService preferences, SecurityIdentity identity) {
        this.preferences = preferences;
        this.identity = identity;
    }

    /** A window of local times, {@code 22:30} to {@code 06:00}; its two ends differ. */
    @DistinctEnds
    public record QuietHoursView(@NotNull(message = LOCAL_TIME) @Pattern(regexp = HH_MM, message = LOCAL_TIME) String start,
            @NotNull(message = LOCAL_TIME) @Pattern(regexp = HH_MM, message = LOCAL_TIME) String end) {
    }

    /**
     * Request and answer; on PUT every field may be omitted to keep the default (a timezone left out: the parent's
     * profile timezone, else UTC). An unknown channel is refused by the JSON reader with its index.
     */
    public record PreferencesView(Boolean remindersEnabled,
            @Min(value = MIN_INTERVAL, message = INTERVAL) @Max(value = MAX_INTERVAL, message = INTERVAL)
            Integer reminderIntervalMinutes,
            @Min(value = MIN_INTERVAL, message = INTERVAL) @Max(value = MAX_INTERVAL, message = INTERVAL)
            Integer nightIntervalMinutes,
            @Valid QuietHoursView quietHours,
            @Pattern(regexp = Preferences.LANGUAGE_CODES, message = "must be en or fr") String locale,
            List<@NotNull(message = "must be WEB_PUSH or INBOX") Channel> channels,
            @TimeZoneId String timezone) {

        static PreferencesView of(Preferences p) {
            return new PreferencesView(p.remindersEnabled(), p.reminderIntervalMinutes(), p.nightIntervalMinutes(),
                    p.quietHours() == null ? null : new QuietHoursView(p.quietHours().start().toString(),
                            p.quietHours().end().toString()),
                    p.locale(), p.channels(), p.timezone());
        }

        /** The preferences this valid request sets, with the defaults for what it leaves out. */
        Preferences toPreferences() {
            Preferences d = Preferences.DEFAULTS;
            return new Preferences(remindersEnabled == null ? d.remindersEnabled() : remindersEnabled,
                    reminderIntervalMinutes == null ? d.reminderIntervalMinutes() : reminderIntervalMinutes,
                    nightIntervalMinutes == null ? d.nightIntervalMinutes() : nightIntervalMinutes,
                    quietHours == null ? null : new Preferences.QuietHours(LocalTime.parse(quietHours.start()),
                            LocalTime.parse(quietHours.end())),
                    locale == null ? d.locale() : locale,
                    channels == null ? d.channels() : List.copyOf(new LinkedHashSet<>(channels)), timezone);
        }
    }

    @GET
    public Uni<PreferencesView> get() {
        return preferences.of(identity.getPrincipal().getName()).map(PreferencesView::of);
    }

    /** Every problem of the request at once, with its field path (Bean Validation); nothing is saved unless none. */
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RateLimitedWrite
    public Uni<PreferencesView> put(@Valid PreferencesView request) {
        if (request == null) {
            throw ProblemException.bodyRequired();
        }
        return preferences.save(identity.getPrincipal().getName(), request.toPreferences()).map(PreferencesView::of);
    }

    /** Quiet hours that start when they end would be a whole day, or none: refused on {@code quietHours.end}. */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = DistinctEnds.Check.class)
    @interface DistinctEnds {

        String message() default "must differ from quietHours.start";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Check implements ConstraintValidator<DistinctEnds, QuietHoursView> {
            @Override
            public boolean isValid(QuietHoursView window, ConstraintValidatorContext context) {
                if (window == null || window.start() == null || !window.start().equals(window.end())) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addPropertyNode("end").addConstraintViolation();
                return false;
            }
        }
    }
}

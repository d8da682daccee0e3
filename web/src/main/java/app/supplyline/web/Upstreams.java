package app.supplyline.web;

import io.smallrye.config.ConfigMapping;

import java.util.Map;
import java.util.Optional;

/**
 * Where the BFF forwards {@code /api/<first segment>/…}: each service owns its first path segments (docs/api.md).
 */
@ConfigMapping(prefix = "supplyline.web")
public interface Upstreams {

    /** Base URL of the session-service, e.g. {@code http://localhost:8081}. */
    String sessionUrl();

    String analyticsUrl();

    String notificationUrl();

    /** The base URL that serves {@code /api/<segment>}, if a service owns it. */
    default Optional<String> baseFor(String segment) {
        String service = OWNERS.get(segment);
        if (service == null) {
            return Optional.empty();
        }
        return Optional.of(switch (service) {
            case "session" -> sessionUrl();
            case "analytics" -> analyticsUrl();
            default -> notificationUrl();
        });
    }

    /**
     * First path segment under /api → the service that owns it. Admin and ping endpoints are not forwarded;
     * {@code me} is answered here for GET ({@link Me}) and forwarded for DELETE (the account's erasure).
     */
    Map<String, String> OWNERS = Map.ofEntries(
            Map.entry("sessions", "session"), Map.entry("profile", "session"), Map.entry("check-ins", "session"),
            Map.entry("export", "session"), Map.entry("me", "session"),
            Map.entry("trends", "analytics"), Map.entry("insights", "analytics"), Map.entry("cohorts", "analytics"),
            Map.entry("consents", "analytics"),
            Map.entry("notifications", "notification"), Map.entry("preferences", "notification"),
            Map.entry("push", "notification"), Map.entry("reminders", "notification"));
}

package app.supplyline.notification.alerts;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * What notification-service reads of an event of {@code supplyline.alerts.v1} (the analytics-service's JSON schemas
 * define the whole). Reading is strict about what the notifications rely on: a record of a known type without it is
 * refused with the reason (and goes to the dead-letter topic). An event of a type this service does not know is
 * {@link Unknown}, to be skipped; fields it does not know are ignored: the producer may be newer than this consumer.
 */
sealed interface Alert {

    String STATUS_CHANGED = "app.supplyline.analytics.supply-status-changed.v1";
    String MILESTONE_MISSED = "app.supplyline.analytics.milestone-missed.v1";
    String CONSENT_CHANGED = "app.supplyline.analytics.consent-changed.v1";
    /** The one milestone this service has words for; another is skipped like an unknown type. */
    String COMING_TO_VOLUME = "COMING_TO_VOLUME";

    /**
     * A parent's status changed. {@code transition} is what the change means for a seek-help episode, or null;
     * {@code withTransition} is false for an event from before schema version 2, which has no such field (there,
     * leaving SEEK_HELP meant recovered). {@code changePct} is the level change behind a new episode (the
     * explanation's, else the version-1 metrics'); {@code changeFromReferencePct} the level against the one before
     * the drop. {@code explanation} is null before version 2.
     */
    record StatusChanged(UUID eventId, String parentId, String previous, String status, List<String> reasons,
            String episodeId, List<String> clinicianIds, boolean withTransition, String transition,
            String parentDisplayName, Double changePct, Double changeFromReferencePct, JsonObject explanation)
            implements Alert {

        boolean entersSeekHelp() {
            return "SEEK_HELP".equals(status) && !"SEEK_HELP".equals(previous);
        }

        /** Only a RECOVERED transition is a recovery; an episode that ends lower, or without data, is not. */
        boolean recovered() {
            return withTransition ? "RECOVERED".equals(transition)
                    : "SEEK_HELP".equals(previous) && !"SEEK_HELP".equals(status);
        }

        boolean watchingFor(String reason) {
            return "WATCH".equals(status) && reasons.contains(reason);
        }
    }

    /** An early milestone was not reached when it was due (at most one event per parent and milestone). */
    record MilestoneMissed(UUID eventId, String parentId, String milestone, String babyBirthDate, int dayOfLife,
            double thresholdMl, double bestDayMl, String evaluatedFor, List<String> clinicianIds,
            String parentDisplayName) implements Alert {
    }

    /**
     * A parent granted ({@code active}) or revoked their consent to a cohort's clinician; {@code version} numbers the
     * consent's changes, the highest is the current one.
     */
    record ConsentChanged(UUID eventId, String parentId, UUID cohortId, String clinicianId, long version,
            boolean active, Instant occurredAt) implements Alert {
    }

    /** An event this service does not know (a newer producer): skipped, counted, never dead-lettered. */
    record Unknown(String type) implements Alert {
    }

    /** @throws IllegalArgumentException with the reason, when the record is not an alert this service can use */
    static Alert parse(String payload) {
        return parse(json(payload));
    }

    /** The record as JSON. @throws IllegalArgumentException when it is not a JSON object */
    static JsonObject json(String payload) {
        try {
            return new JsonObject(payload);
        } catch (DecodeException | ClassCastException | NullPointerException ex) {
            throw new IllegalArgumentException("Not an alert: " + ex.getMessage(), ex);
        }
    }

    /** @throws IllegalArgumentException with the reason, when the record is not an alert this service can use */
    static Alert parse(JsonObject e) {
        String type;
        try {
            type = e.getString("type");
        } catch (ClassCastException ex) {
            throw new IllegalArgumentException("Not an alert: " + ex.getMessage(), ex);
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("Not an alert: type is required");
        }
        return switch (type) {
            case STATUS_CHANGED -> statusChanged(e);
            case MILESTONE_MISSED -> milestoneMissed(e);
            case CONSENT_CHANGED -> consentChanged(e);
            default -> new Unknown(type);
        };
    }

    private static Alert statusChanged(JsonObject e) {
        try {
            JsonObject metrics = e.getJsonObject("metrics", new JsonObject());
            JsonObject explanation = e.getJsonObject("explanation");
            StatusChanged c = new StatusChanged(UUID.fromString(e.getString("eventId")), e.getString("parentId"),
                    e.getString("previousStatus"), e.getString("status"), strings(e.getJsonArray("reasons")),
                    e.getString("episodeId"), strings(e.getJsonArray("clinicianIds")), e.containsKey("transition"),
                    e.getString("transition"), e.getString("parentDisplayName"),
                    explanation != null ? explanation.getDouble("changePct") : metrics.getDouble("changePct"),
                    explanation == null ? null : explanation.getDouble("changeFromReferencePct"), explanation);
            if (c.parentId() == null || c.parentId().isBlank() || c.status() == null || c.previous() == null) {
                throw new IllegalArgumentException("parentId, status and previousStatus are required");
            }
            if (explanation != null) {
                checkExplanation(explanation);
            }
            return c;
        } catch (ClassCastException | NullPointerException | IllegalArgumentException
                | DateTimeParseException ex) {
            throw new IllegalArgumentException("Not a SupplyStatusChanged: " + ex.getMessage(), ex);
        }
    }

    /**
     * The explanation's fields the texts use, each of its type (or absent): a record whose figures cannot be read is
     * refused here, and dead-lettered, rather than failing every time it is written.
     */
    private static void checkExplanation(JsonObject x) {
        for (String date : List.of("currentFrom", "currentTo")) {
            String value = x.getString(date);
            if (value != null) {
                LocalDate.parse(value);
            }
        }
        for (String number : List.of("currentLevel", "baselineLevel", "referenceLevel", "changePct",
                "changeFromReferencePct", "removalsPerDay", "baselineRemovalsPerDay")) {
            x.getDouble(number);
        }
        x.getInteger("longestGapMinutes");
        x.getString("levelKind");
    }

    private static Alert milestoneMissed(JsonObject e) {
        try {
            String milestone = e.getString("milestone");
            if (milestone != null && !COMING_TO_VOLUME.equals(milestone)) {
                return new Unknown(MILESTONE_MISSED);
            }
            MilestoneMissed m = new MilestoneMissed(UUID.fromString(e.getString("eventId")), e.getString("parentId"),
                    milestone, e.getString("babyBirthDate"), e.getInteger("dayOfLife"), e.getDouble("thresholdMl"),
                    e.getDouble("bestDayMl"), e.getString("evaluatedFor"), strings(e.getJsonArray("clinicianIds")),
                    e.getString("parentDisplayName"));
            if (m.parentId() == null || m.parentId().isBlank() || m.milestone() == null) {
                throw new IllegalArgumentException("parentId and milestone are required");
            }
            return m;
        } catch (ClassCastException | NullPointerException | IllegalArgumentException ex) {
            throw new IllegalArgumentException("Not a MilestoneMissed: " + ex.getMessage(), ex);
        }
    }

    private static Alert consentChanged(JsonObject e) {
        try {
            ConsentChanged c = new ConsentChanged(UUID.fromString(e.getString("eventId")), e.getString("parentId"),
                    UUID.fromString(e.getString("cohortId")), e.getString("clinicianId"), e.getLong("consentVersion"),
                    e.getBoolean("active"), Instant.parse(e.getString("occurredAt")));
            if (c.parentId() == null || c.parentId().isBlank() || c.clinicianId() == null || c.clinicianId().isBlank()) {
                throw new IllegalArgumentException("parentId and clinicianId are required");
            }
            return c;
        } catch (ClassCastException | NullPointerException | IllegalArgumentException
                | DateTimeParseException ex) {
            throw new IllegalArgumentException("Not a ConsentChanged: " + ex.getMessage(), ex);
        }
    }

    private static List<String> strings(JsonArray array) {
        return array == null ? List.of() : array.stream().map(String::valueOf).toList();
    }
}

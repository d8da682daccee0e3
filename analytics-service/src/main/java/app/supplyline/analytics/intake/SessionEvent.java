package app.supplyline.analytics.intake;

import app.supplyline.platform.keys.PersonalFields;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * What analytics reads of an event of {@code supplyline.sessions.v1} (the producer's JSON schemas define the
 * whole). Reading is strict about what analytics relies on, so a record that would later fail in the database is
 * refused here, with a reason, and goes to the dead-letter topic. An event of a type analytics does not know, and
 * any field it does not know, is skipped: producers may be newer than this consumer.
 */
sealed interface SessionEvent {

    UUID eventId();

    String parentId();

    /**
     * A session logged, corrected or deleted: the session's state at {@code sessionVersion}; for a pumping, the
     * setup when the parent gave it (hands-on, the pump's name, the flange size).
     */
    record RemovalChange(UUID eventId, String parentId, UUID sessionId, long sessionVersion, boolean deleted,
            boolean pumping, Instant startedAt, Instant endedAt, double leftMl, double rightMl, Boolean handsOn,
            String pump, Double flangeSizeMm) implements SessionEvent {
    }

    /**
     * The profile at stream position {@code version}; {@code feedingMode} as sent (an unknown value is read as not
     * declared), {@code reducingOnPurpose} false when absent (profile events before schema version 2).
     */
    record ProfileChange(UUID eventId, String parentId, long version, String timezone, LocalDate babyBirthDate,
            Integer dailyGoalMl, String feedingMode, boolean reducingOnPurpose) implements SessionEvent {
    }

    /** An event of a type analytics does not know (a newer producer): skipped, counted, never dead-lettered. */
    record Unknown(String type) implements SessionEvent {

        @Override
        public UUID eventId() {
            return null;
        }

        @Override
        public String parentId() {
            return null;
        }
    }

    /** An event of a parent without a data key: an erased parent (ADR-010), whose events are skipped, counted. */
    record NoKey(String type, String parentId) implements SessionEvent {

        @Override
        public UUID eventId() {
            return null;
        }
    }

    /** The parent was erased: everything analytics holds about them goes. */
    record Erased(UUID eventId, String parentId) implements SessionEvent {
    }

    Set<String> KNOWN = Set.of("pumping-logged.v1", "nursing-logged.v1", "session-corrected.v1",
            "session-deleted.v1", "profile-updated.v1", "check-in-logged.v1", "parent-erased.v1");

    /** A day's check-in at stream position {@code version}. */
    record CheckInChange(UUID eventId, String parentId, long version, LocalDate date, Double sleepHours,
            Integer waterMl, Integer stress) implements SessionEvent {
    }

    String PREFIX = "app.supplyline.session.";

    /** The JSON of a record. @throws IllegalArgumentException when it is not JSON */
    static JsonObject json(String payload) {
        try {
            return new JsonObject(payload);
        } catch (DecodeException | NullPointerException e) {
            throw new IllegalArgumentException("Not a session event: not JSON (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The event, its sealed personal fields opened with the parent's key from {@code keys}; a known event of a
     * parent without a key is {@link NoKey}.
     *
     * @throws IllegalArgumentException with the reason, when the record is not a session event analytics can use
     */
    static SessionEvent parse(JsonObject e, Map<String, SecretKey> keys) {
        try {
            String type = required(e, "type");
            if (!type.startsWith(PREFIX) || !KNOWN.contains(type.substring(PREFIX.length()))) {
                return new Unknown(type);
            }
            UUID eventId = UUID.fromString(required(e, "eventId"));
            String parentId = required(e, "parentId");
            long version = e.getLong("version", 0L);
            if (version < 1) {
                throw new IllegalArgumentException("version must be a positive integer");
            }
            if (type.equals(PREFIX + "parent-erased.v1")) {
                return new Erased(eventId, parentId);
            }
            SecretKey key = keys.get(parentId);
            if (key == null) {
                return new NoKey(type, parentId);
            }
            PersonalFields.open(e, key, PersonalFields.associatedData(parentId, eventId.toString()));
            return switch (type) {
                case PREFIX + "pumping-logged.v1", PREFIX + "nursing-logged.v1" ->
                        removal(eventId, parentId, e, 1L);
                case PREFIX + "session-corrected.v1" -> removal(eventId, parentId, e, e.getLong("sessionVersion"));
                case PREFIX + "session-deleted.v1" -> new RemovalChange(eventId, parentId,
                        UUID.fromString(required(e, "sessionId")), e.getLong("sessionVersion"), true, false,
                        Instant.EPOCH, Instant.EPOCH, 0, 0, null, null, null);
                case PREFIX + "profile-updated.v1" -> {
                    JsonObject p = e.getJsonObject("profile");
                    String zone = required(p, "timezone");
                    ZoneId.of(zone);
                    String birth = p.getString("babyBirthDate");
                    yield new ProfileChange(eventId, parentId, version, zone,
                            birth == null ? null : LocalDate.parse(birth), p.getInteger("dailyGoalMl"),
                            p.getString("feedingMode"), Boolean.TRUE.equals(p.getBoolean("reducingOnPurpose")));
                }
                case PREFIX + "check-in-logged.v1" -> {
                    JsonObject c = e.getJsonObject("checkIn");
                    Number sleep = c.getNumber("sleepHours");
                    yield new CheckInChange(eventId, parentId, version, LocalDate.parse(required(c, "date")),
                            sleep == null ? null : sleep.doubleValue(), c.getInteger("waterMl"),
                            c.getInteger("stress"));
                }
                default -> new Unknown(type);
            };
        } catch (NullPointerException | ClassCastException | DateTimeException x) {
            throw new IllegalArgumentException("Not a session event: " + x, x);
        } catch (IllegalArgumentException x) {
            throw x.getMessage() != null && x.getMessage().startsWith("Not a session event") ? x
                    : new IllegalArgumentException("Not a session event: " + x.getMessage(), x);
        }
    }

    private static RemovalChange removal(UUID eventId, String parentId, JsonObject e, Long sessionVersion) {
        JsonObject s = e.getJsonObject("session");
        boolean pumping = "PUMPING".equals(required(s, "type"));
        Instant start = OffsetDateTime.parse(required(s, "startedAt")).toInstant();
        Instant end = OffsetDateTime.parse(required(s, "endedAt")).toInstant();
        double left = volume(s, "leftMl");
        double right = volume(s, "rightMl");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("session.endedAt is before session.startedAt");
        }
        Number flange = s.getNumber("flangeSizeMm");
        return new RemovalChange(eventId, parentId, UUID.fromString(required(e, "sessionId")), sessionVersion, false,
                pumping, start, end, left, right, s.getBoolean("handsOn"), s.getString("pump"),
                flange == null ? null : flange.doubleValue());
    }

    private static double volume(JsonObject s, String field) {
        Number n = s.getNumber(field);
        double v = n == null ? 0 : n.doubleValue();
        if (v < 0 || v > 500) {
            throw new IllegalArgumentException("session." + field + " out of range: " + v);
        }
        return v;
    }

    private static String required(JsonObject o, String field) {
        String value = o.getString(field);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }
}

package app.supplyline.session.store;

import app.supplyline.platform.keys.PersonalFields;
import app.supplyline.session.journal.JournalEvent;
import io.vertx.core.json.JsonObject;

import javax.crypto.SecretKey;
import java.util.List;
import java.util.Map;

/**
 * What of an event is personal (ADR-010). Free text never enters an event: a session's and a check-in's notes stay
 * in the session-service's own tables, so that deleting the session or the account removes them for good. The
 * other personal fields — the pump's name, the day's sleep, water and stress, the baby's birth date — are sealed
 * under the parent's data key: analytics opens them, and once the key is erased nobody can. Ids, types, times,
 * volumes and the timezone stay clear: ordering, projections, reminders and status need them.
 */
final class EventSealing {

    static final Map<String, List<String>> SEALED = Map.of(
            JournalEvent.PumpingSessionLogged.TYPE, List.of("session.pump"),
            JournalEvent.NursingSessionLogged.TYPE, List.of("session.pump"),
            JournalEvent.SessionCorrected.TYPE, List.of("session.pump"),
            JournalEvent.CheckInLogged.TYPE, List.of("checkIn.sleepHours", "checkIn.waterMl", "checkIn.stress"),
            JournalEvent.ProfileUpdated.TYPE, List.of("profile.babyBirthDate"));

    static final List<String> KEPT_OUT = List.of("session", "checkIn");

    private EventSealing() {
    }

    /** The event's data as it is stored and published: notes left out, personal fields sealed. */
    static JsonObject seal(String type, JsonObject data, SecretKey key, String associatedData) {
        for (String member : KEPT_OUT) {
            JsonObject o = data.getJsonObject(member);
            if (o != null) {
                o.remove("notes");
            }
        }
        return PersonalFields.seal(data, SEALED.getOrDefault(type, List.of()), key, associatedData);
    }
}

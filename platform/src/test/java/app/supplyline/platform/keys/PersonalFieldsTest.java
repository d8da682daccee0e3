package app.supplyline.platform.keys;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKey;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PersonalFieldsTest {

    static final List<String> PATHS = List.of("session.pump", "checkIn.stress", "profile.babyBirthDate");
    final SecretKey key = Sealing.newKey();
    final String bound = PersonalFields.associatedData("parent-1", "event-1");

    static JsonObject event() {
        return new JsonObject().put("type", "t").put("session",
                new JsonObject().put("startedAt", "2026-11-30T08:00:00Z").put("pump", "Medela Swing Maxi"));
    }

    @Test
    void sealedFieldsLeaveNoClearTextAndOpenToTheSameEvent() {
        JsonObject sealed = PersonalFields.seal(event(), PATHS, key, bound);

        assertFalse(sealed.encode().contains("Medela"), sealed.encode());
        assertFalse(sealed.getJsonObject("session").containsKey("pump"));
        assertTrue(sealed.getString(PersonalFields.MEMBER).length() > 20);
        assertEquals(event(), PersonalFields.open(sealed.copy(), key, bound));
    }

    @Test
    void anEventWithoutPersonalFieldsGetsNoSealedMember() {
        JsonObject plain = new JsonObject().put("type", "t").put("session", new JsonObject().put("leftMl", 40));

        assertEquals(plain, PersonalFields.seal(plain.copy(), PATHS, key, bound));
    }

    @Test
    void sealedFieldsDoNotOpenUnderAnotherKeyOrForAnotherEvent() {
        JsonObject sealed = PersonalFields.seal(event(), PATHS, key, bound);

        assertThrows(Sealing.Unreadable.class, () -> PersonalFields.open(sealed.copy(), Sealing.newKey(), bound));
        assertThrows(Sealing.Unreadable.class, () -> PersonalFields.open(sealed.copy(), key,
                PersonalFields.associatedData("parent-1", "event-2")));
        assertThrows(Sealing.Unreadable.class, () -> PersonalFields.open(sealed.copy(), key,
                PersonalFields.associatedData("parent-2", "event-1")));
    }

    @Test
    void aTamperedSealIsUnreadable() {
        JsonObject sealed = PersonalFields.seal(event(), PATHS, key, bound);
        char[] text = sealed.getString(PersonalFields.MEMBER).toCharArray();
        text[20] = text[20] == 'A' ? 'B' : 'A';
        sealed.put(PersonalFields.MEMBER, new String(text));

        assertThrows(Sealing.Unreadable.class, () -> PersonalFields.open(sealed, key, bound));
    }

    @Test
    void aWrappedKeyOpensOnlyForItsParent() {
        KeyTopic topic = new KeyTopic("SHazROQmHdJpEjshifw/IXPmzbZYaaZ8wWrtxpG9lVo=", null);
        String wrapped = topic.wrap("parent-1", key);

        assertEquals(key, topic.unwrap("parent-1", wrapped));
        assertThrows(Sealing.Unreadable.class, () -> topic.unwrap("parent-2", wrapped));
    }
}

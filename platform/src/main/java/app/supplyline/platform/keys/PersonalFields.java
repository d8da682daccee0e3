package app.supplyline.platform.keys;

import io.vertx.core.json.JsonObject;

import javax.crypto.SecretKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The personal fields of an event, sealed under the parent's data key in one member, {@value #MEMBER}: base64 of
 * the AES-GCM sealing of a JSON object from each field's path (dot-separated) to its value. The associated data
 * names the parent and the event, so sealed fields cannot be moved to another event; the paths are inside the
 * sealed object, so they cannot be moved to another field. Opening puts each field back at its path: a reader sees
 * the event as it was written. Once the parent's key is gone, the fields are gone with it.
 */
public final class PersonalFields {

    public static final String MEMBER = "personal";

    private PersonalFields() {
    }

    /** What the sealed fields of an event of this parent are bound to. */
    public static String associatedData(String parentId, String eventId) {
        return "supplyline.personal/" + parentId + "/" + eventId;
    }

    /** Moves the fields at {@code paths} that the event has into its sealed member (none present: no member). */
    public static JsonObject seal(JsonObject event, List<String> paths, SecretKey key, String associatedData) {
        JsonObject fields = new JsonObject();
        for (String path : paths) {
            JsonObject parent = parentOf(event, path, false);
            String name = leaf(path);
            if (parent != null && parent.getValue(name) != null) {
                fields.put(path, parent.remove(name));
            }
        }
        if (!fields.isEmpty()) {
            byte[] sealed = Sealing.seal(key, fields.encode().getBytes(StandardCharsets.UTF_8), associatedData);
            event.put(MEMBER, Base64.getEncoder().encodeToString(sealed));
        }
        return event;
    }

    /**
     * Puts the sealed fields back at their paths and removes the member.
     *
     * @throws IllegalArgumentException when the member is not sealed data of this key and event
     */
    public static JsonObject open(JsonObject event, SecretKey key, String associatedData) {
        Object member = event.remove(MEMBER);
        if (member == null) {
            return event;
        }
        if (!(member instanceof String text)) {
            throw new IllegalArgumentException(MEMBER + " must be a base64 string");
        }
        byte[] plain = Sealing.open(key, Base64.getDecoder().decode(text), associatedData);
        for (Map.Entry<String, Object> field : new JsonObject(new String(plain, StandardCharsets.UTF_8))) {
            parentOf(event, field.getKey(), true).put(leaf(field.getKey()), field.getValue());
        }
        return event;
    }

    private static JsonObject parentOf(JsonObject event, String path, boolean create) {
        String[] names = path.split("\\.");
        JsonObject at = event;
        for (int i = 0; i < names.length - 1 && at != null; i++) {
            Object next = at.getValue(names[i]);
            if (next == null && create) {
                next = new JsonObject();
                at.put(names[i], next);
            }
            at = next instanceof JsonObject o ? o : null;
        }
        return at;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }
}

package app.supplyline.platform.rest;

import app.supplyline.platform.problem.ProblemException;
import io.vertx.core.json.JsonArray;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Base64;
import java.util.List;

/**
 * The opaque position after which a list's next page starts: the last row's sort key, its parts as a JSON array of
 * strings (any text, a name too), base64url-encoded. A client passes it back as it got it; one it did not get from
 * the same list is a 400.
 */
public final class Cursor {

    private Cursor() {
    }

    /** The cursor of a row whose sort key is {@code parts} (each written as its string, null as null). */
    public static String encode(Object... parts) {
        JsonArray key = new JsonArray();
        Arrays.stream(parts).forEach(part -> key.add(part == null ? null : part.toString()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.encode().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The sort key's parts, read by {@code read}; a value that is not a cursor of {@code parts} parts, or whose parts
     * {@code read} refuses (any exception), is a 400 naming the {@code cursor} parameter.
     */
    public static <T> T decode(String cursor, int parts, Reader<T> read) {
        try {
            JsonArray key = new JsonArray(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (key.size() == parts) {
                List<String> strings = new ArrayList<>(parts);
                for (int i = 0; i < parts; i++) {
                    strings.add(key.getString(i));
                }
                return read.read(Collections.unmodifiableList(strings));
            }
        } catch (RuntimeException e) {
            // answered below
        }
        throw ProblemException.invalidField("cursor", "is not a cursor of this list");
    }

    /** Reads a sort key's parts (a part may be null); throws when they are not one. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(List<String> parts);
    }
}

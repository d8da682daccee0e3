package app.supplyline.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;

import java.io.IOException;

/**
 * Every string of a request body must be well-formed text: no NUL or other control character (tab, line feed and
 * carriage return excepted) and no unpaired UTF-16 surrogate (a {@code \ud800} escape). PostgreSQL cannot store a NUL
 * and would turn a lone surrogate into '?', so such input is refused with the field's path instead of failing late
 * or being altered silently. Registered for all bodies by {@link StrictJson}.
 */
public final class WellFormedText extends StringDeserializer {

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        String text = super.deserialize(p, ctxt);
        String problem = problem(text);
        if (problem != null) {
            throw JsonMappingException.from(p, problem);
        }
        return text;
    }

    /** Why {@code text} is not well-formed, or null when it is. */
    public static String problem(String text) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                return String.format("must not contain the control character U+%04X (position %d)", (int) c, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return String.format("must be valid Unicode: unpaired surrogate U+%04X (position %d)", (int) c, i);
            }
        }
        return null;
    }
}

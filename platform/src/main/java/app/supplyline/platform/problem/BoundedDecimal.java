package app.supplyline.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Numbers within what any Supplyline field can hold, checked on the literal before anything computes with it: at most
 * {@value #MAX_LENGTH} characters, and a decimal has at most {@value #MAX_DIGITS} significant digits and an exponent
 * within ±{@value #MAX_SCALE}. {@code 1e1000000} is 9 characters, but turning it into mL with one decimal would build
 * a million-digit number on the event loop; a 10,000-digit integer costs quadratic time to convert. Refusals name the
 * field (an {@link InvalidFormatException} carries the path).
 */
final class BoundedDecimal extends NumberDeserializers.BigDecimalDeserializer {

    static final int MAX_LENGTH = 50;
    static final int MAX_DIGITS = 18;
    static final int MAX_SCALE = 9;

    /** The module: decimals, and integers of every width, boxed and primitive. */
    static SimpleModule module() {
        return new SimpleModule("supplyline-bounded-numbers")
                .addDeserializer(BigDecimal.class, new BoundedDecimal())
                .addDeserializer(Integer.class, new Bounded<>(Integer.class))
                .addDeserializer(Integer.TYPE, new Bounded<>(Integer.TYPE))
                .addDeserializer(Long.class, new Bounded<>(Long.class))
                .addDeserializer(Long.TYPE, new Bounded<>(Long.TYPE));
    }

    @Override
    public BigDecimal deserialize(JsonParser p, DeserializationContext context) throws IOException {
        checkLength(p);
        BigDecimal value = super.deserialize(p, context);
        if (value != null && (Math.abs(value.scale()) > MAX_SCALE || value.precision() > MAX_DIGITS)) {
            throw InvalidFormatException.from(p, "number out of range", p.getText(), BigDecimal.class);
        }
        return value;
    }

    /** Refuses a number literal longer than {@link #MAX_LENGTH} before it is converted. */
    static void checkLength(JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (token != null && token.isNumeric() && p.getTextLength() > MAX_LENGTH) {
            throw InvalidFormatException.from(p, "number of " + p.getTextLength() + " characters: out of range",
                    "(" + p.getTextLength() + " characters)", Number.class);
        }
    }

    /** A standard deserializer behind the length check (Jackson's integer deserializers are final). */
    @SuppressWarnings("unchecked")
    static final class Bounded<T> extends StdScalarDeserializer<T> {

        private final JsonDeserializer<T> standard;

        Bounded(Class<T> type) {
            super(type);
            this.standard = (JsonDeserializer<T>) NumberDeserializers.find(type, type.getName());
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            checkLength(p);
            return standard.deserialize(p, context);
        }

        @Override
        public T getNullValue(DeserializationContext context) throws JsonMappingException {
            return standard.getNullValue(context);
        }

        @Override
        public LogicalType logicalType() {
            return standard.logicalType();
        }
    }
}

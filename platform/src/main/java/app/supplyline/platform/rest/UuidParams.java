package app.supplyline.platform.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;

import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Path and query parameters typed {@link UUID}: only the canonical form names anything, any other value answers 404
 * like an id that names nothing of this user's — a malformed id reveals no more than a foreign one.
 */
@Provider
public class UuidParams implements ParamConverterProvider {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    static final ParamConverter<UUID> CONVERTER = new ParamConverter<>() {

        @Override
        public UUID fromString(String value) {
            if (value == null || !CANONICAL.matcher(value).matches()) {
                throw new NotFoundException("No such resource");
            }
            return UUID.fromString(value);
        }

        @Override
        public String toString(UUID value) {
            return value.toString();
        }
    };

    @Override
    @SuppressWarnings("unchecked")
    public <T> ParamConverter<T> getConverter(Class<T> rawType, Type genericType, Annotation[] annotations) {
        return rawType == UUID.class ? (ParamConverter<T>) CONVERTER : null;
    }
}

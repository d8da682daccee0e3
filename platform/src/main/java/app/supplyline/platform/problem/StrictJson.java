package app.supplyline.platform.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * Request bodies are read strictly, so that clients learn: unknown fields, duplicate keys, trailing content,
 * numbers sent as strings and strings sent as numbers are all refused instead of silently accepted; every string
 * must be well-formed text ({@link WellFormedText}); a fraction is never truncated into an integer field, and numbers
 * out of any field's range are refused before anything computes with them ({@link BoundedDecimal}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /**
     * The longest number literal the parser scans: more than a 64 KiB body can hold, so that the fields refuse every
     * literal over 50 characters with their name; the batch, a larger body read as a tree, has its own lower limit.
     */
    static final int MAX_NUMBER_LENGTH = 70_000;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
        mapper.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // numbers: no fraction into an integer field, and in range before any conversion (BoundedDecimal), which
        // names the field; the parser only scans a long literal (any body's size is limited)
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNumberLength(MAX_NUMBER_LENGTH).build());
        mapper.registerModule(new SimpleModule("supplyline-well-formed-text")
                .addDeserializer(String.class, new WellFormedText()));
        mapper.registerModule(BoundedDecimal.module());
    }
}

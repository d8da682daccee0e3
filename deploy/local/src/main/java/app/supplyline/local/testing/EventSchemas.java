package app.supplyline.local.testing;

import io.vertx.core.json.JsonObject;
import io.vertx.json.schema.Draft;
import io.vertx.json.schema.JsonSchema;
import io.vertx.json.schema.JsonSchemaOptions;
import io.vertx.json.schema.OutputFormat;
import io.vertx.json.schema.OutputUnit;
import io.vertx.json.schema.SchemaRepository;
import io.vertx.json.schema.Validator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The JSON Schemas a producer owns for its events (one {@code <ce_type>.schema.json} per event type, sharing
 * definitions through {@code $ref}), loaded from the producer module's folder. The producer validates what it
 * emits; consumers validate the examples they are tested with against the same files.
 */
public final class EventSchemas {

    private final Map<String, Validator> byType = new HashMap<>();

    private EventSchemas(Path folder) {
        JsonSchemaOptions options = new JsonSchemaOptions().setDraft(Draft.DRAFT202012)
                .setBaseUri("https://schemas.supplyline.app/").setOutputFormat(OutputFormat.Basic);
        SchemaRepository repository = SchemaRepository.create(options);
        Map<String, JsonSchema> schemas = new HashMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".schema.json")).toList()) {
                JsonSchema schema = JsonSchema.of(new JsonObject(Files.readString(file)));
                repository.dereference(schema);
                schemas.put(file.getFileName().toString().replace(".schema.json", ""), schema);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the event schemas in " + folder, e);
        }
        schemas.forEach((type, schema) -> byType.put(type, repository.validator(schema, options)));
    }

    /** Loads every {@code *.schema.json} in {@code folder}, e.g. {@code ../session-service/src/main/resources/schemas}. */
    public static EventSchemas load(Path folder) {
        return new EventSchemas(folder);
    }

    /** The event types that have a schema (file names without {@code .schema.json}). */
    public java.util.Set<String> types() {
        return byType.keySet();
    }

    /** The validation errors of {@code json} against the schema of {@code type}; empty when it is valid. */
    public List<String> errors(String type, String json) {
        Validator validator = byType.get(type);
        if (validator == null) {
            return List.of("no schema for event type " + type);
        }
        OutputUnit result = validator.validate(new JsonObject(json));
        if (Boolean.TRUE.equals(result.getValid())) {
            return List.of();
        }
        List<OutputUnit> errors = result.getErrors() == null ? List.of(result) : result.getErrors();
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getError()).toList();
    }
}

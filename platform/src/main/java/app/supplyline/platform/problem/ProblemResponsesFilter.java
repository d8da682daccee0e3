package app.supplyline.platform.problem;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Documents the errors every API operation can answer, as RFC 9457 problems: the {@code Problem} schema, and per
 * operation 400, 401, 403 and 500; 404 on paths with an id; 413, 415 and 429 on writes; 409 on creates; 412 and 428
 * on corrections. Responses an operation documents itself are kept.
 */
public class ProblemResponsesFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.getOperations().forEach((method, operation) -> document(path, method, operation));
        });
    }

    private static void document(String path, PathItem.HttpMethod method, Operation operation) {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("400", "Invalid request: the problem's errors name the fields");
        errors.put("401", "No bearer token, or one this service does not trust");
        errors.put("403", "The token lacks the role this operation needs");
        if (path.contains("{")) {
            errors.put("404", "No such resource for this user (another user's id answers 404 too)");
        }
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        if (write) {
            errors.put("413", "The body is too large");
            errors.put("415", "The body is not application/json");
            errors.put("429", "Over the user's write quota; see Retry-After");
        }
        if (method == PathItem.HttpMethod.POST) {
            errors.put("409", "Conflicts with existing data (e.g. overlapping sessions)");
            errors.put("422", "The Idempotency-Key was used for a different request");
        }
        if (method == PathItem.HttpMethod.PUT && path.contains("{")) {
            errors.put("412", "If-Match does not name the current version");
            errors.put("428", "If-Match is required");
        }
        errors.put("500", "Unexpected failure; nothing was changed");
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        errors.forEach((status, description) -> {
            APIResponse existing = operation.getResponses().getAPIResponse(status);
            if (existing == null) {
                operation.getResponses().addAPIResponse(status, problem(description));
            } else if (existing.getContent() == null || existing.getContent().getMediaTypes() == null
                    || existing.getContent().getMediaTypes().isEmpty()) {
                existing.content(problem(description).getContent()); // e.g. Quarkus' automatic 401/403
            }
        });
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_REF))));
    }

    private static Schema problemSchema() {
        Schema fieldError = OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .addProperty("field", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING))
                        .description("JSON path of the field, e.g. items[3].leftMl"))
                .addProperty("message", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details (application/problem+json)")
                .addProperty("type", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("title", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("instance", OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
                .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                        .items(fieldError));
    }
}

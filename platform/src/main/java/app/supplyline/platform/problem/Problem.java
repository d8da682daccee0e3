package app.supplyline.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer ({@code application/problem+json}).
 * {@code errors} names the offending fields by their JSON path.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One offending field: its JSON path ({@code leftMl}, {@code items[3].startedAt}) and what is wrong. */
    public record FieldError(String field, String message) {
    }
}

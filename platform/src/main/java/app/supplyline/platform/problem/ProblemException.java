package app.supplyline.platform.problem;

import java.util.List;

/** Thrown where a request cannot be served; rendered as problem+json with this status. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors) {
        this(status, title, detail, errors, null);
    }

    public ProblemException(int status, String title, String detail, List<Problem.FieldError> errors,
            Integer retryAfterSeconds) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 400: a JSON body is required and none came. */
    public static ProblemException bodyRequired() {
        return new ProblemException(400, "Invalid request body", "A JSON body is required", null);
    }

    /** 400 naming one field. */
    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(400, "Invalid request", field + " " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}

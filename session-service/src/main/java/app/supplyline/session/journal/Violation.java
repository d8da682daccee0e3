package app.supplyline.session.journal;

/** One reason a command was refused, with the JSON path of the offending field (e.g. {@code leftMl}). */
public record Violation(String field, String message) {
}

package app.supplyline.platform.problem;

/** Query parameters every list reads the same way; a bad value is a 400 naming the parameter. */
public final class QueryParams {

    /** The API conventions' page size: 50 by default, 1 to 500. */
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private QueryParams() {
    }

    /** {@code limit}: a whole number from 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent. */
    public static int limit(String value) {
        return wholeNumber("limit", value, DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    /** A whole number in [min, max], {@code fallback} when absent. */
    public static int wholeNumber(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(name, "must be a whole number from " + min + " to " + max);
    }
}

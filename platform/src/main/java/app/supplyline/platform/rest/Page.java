package app.supplyline.platform.rest;

import java.util.List;
import java.util.function.Function;

/** One page of a list; {@code nextCursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * The page of at most {@code size} items out of {@code rows}, read with a limit of {@code size + 1}: when that one
     * more row came, there is a next page, after the last row shown ({@code cursor} of it).
     */
    public static <R, T> Page<T> of(List<R> rows, int size, Function<R, T> view, Function<R, String> cursor) {
        boolean more = rows.size() > size;
        List<R> shown = more ? rows.subList(0, size) : rows;
        return new Page<>(shown.stream().map(view).toList(), more ? cursor.apply(shown.getLast()) : null);
    }
}

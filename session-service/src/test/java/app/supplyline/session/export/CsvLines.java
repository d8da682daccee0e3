package app.supplyline.session.export;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Expected lines of the CSV export, written by name so that a test states only the cells it means. */
final class CsvLines {

    /** The export's columns, in order. */
    static final List<String> COLUMNS = List.of("record", "id", "type", "startedAt", "endedAt", "leftMl", "rightMl",
            "totalMl", "handsOn", "pump", "flangeSizeMm", "side", "date", "sleepHours", "waterMl", "stress", "timezone",
            "babyBirthDate", "feedingMode", "reducingOnPurpose", "preferredUnit", "dailyGoalMl", "notes");

    static final String HEADER = String.join(",", COLUMNS) + "\n";

    private CsvLines() {
    }

    /**
     * One line: the named cells exactly as they are expected to be written (quoted where they must be), every other
     * column empty, then a line feed.
     */
    static String line(String... namesAndCells) {
        if (namesAndCells.length % 2 != 0) {
            throw new IllegalArgumentException("names and cells come in pairs");
        }
        Map<String, String> cells = new HashMap<>();
        for (int i = 0; i < namesAndCells.length; i += 2) {
            if (!COLUMNS.contains(namesAndCells[i])) {
                throw new IllegalArgumentException("not a column: " + namesAndCells[i]);
            }
            cells.put(namesAndCells[i], namesAndCells[i + 1]);
        }
        return COLUMNS.stream().map(c -> cells.getOrDefault(c, "")).collect(Collectors.joining(",")) + "\n";
    }
}

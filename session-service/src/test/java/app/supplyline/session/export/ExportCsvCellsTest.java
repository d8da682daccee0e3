package app.supplyline.session.export;

import app.supplyline.session.intake.SessionView;
import app.supplyline.session.journal.CheckIn;
import app.supplyline.session.journal.SessionType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The CSV cells of the export, written without the service: free text a spreadsheet would run is neutralised
 * (OWASP, CSV injection), and nothing else is — a negative number stays a number. The service refuses negative
 * values; the rows are built here directly to show that the rule is about text, not about a leading minus sign.
 */
class ExportCsvCellsTest {

    @Test
    void aCellStartingWithAFormulaCharacterGetsALeadingQuote() {
        for (String formula : List.of("=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx")) {
            assertEquals("'" + formula, ExportResource.spreadsheetSafe(formula), formula);
        }
        for (String text : List.of("Spectra S1, 24 mm", "5-2", "a=b", " =1", "'quoted already", "")) {
            assertEquals(text, ExportResource.spreadsheetSafe(text), text);
        }
        assertNull(ExportResource.spreadsheetSafe(null));
    }

    @Test
    void onlyFreeTextIsNeutralisedNeverANumberOrADate() {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        SessionView session = new SessionView(id, SessionType.PUMPING, Instant.parse("2026-03-01T10:00:00Z"),
                Instant.parse("2026-03-01T10:20:00Z"), new BigDecimal("-5.0"), new BigDecimal("40.0"),
                new BigDecimal("35.0"), true, "-Medela", new BigDecimal("24.0"), null, "@home", 3);
        assertEquals(CsvLines.line("record", "SESSION", "id", "\"" + id + "\"", "type", "PUMPING",
                        "startedAt", "2026-03-01T10:00:00Z", "endedAt", "2026-03-01T10:20:00Z", "leftMl", "-5.0",
                        "rightMl", "40.0", "totalMl", "35.0", "handsOn", "true", "pump", "\"'-Medela\"",
                        "flangeSizeMm", "24.0", "notes", "\"'@home\""),
                ExportResource.csv(ExportResource.CSV_ROW, List.of(ExportResource.sessionRow(session))));

        CheckIn checkIn = new CheckIn(LocalDate.parse("2026-03-01"), new BigDecimal("-1.5"), -200, -1, "=1+2");
        assertEquals(CsvLines.line("record", "CHECK_IN", "date", "2026-03-01", "sleepHours", "-1.5",
                        "waterMl", "-200", "stress", "-1", "notes", "\"'=1+2\""),
                ExportResource.csv(ExportResource.CSV_ROW, List.of(ExportResource.checkInRow(checkIn))));
    }

    @Test
    void notesWithLineBreaksAndQuotesAreQuotedAsRfc4180Says() {
        CheckIn checkIn = new CheckIn(LocalDate.parse("2026-03-01"), null, null, 2,
                "slept \"well\",\r\nthen woke at 3");
        assertEquals(CsvLines.line("record", "CHECK_IN", "date", "2026-03-01", "stress", "2",
                        "notes", "\"slept \"\"well\"\",\r\nthen woke at 3\""),
                ExportResource.csv(ExportResource.CSV_ROW, List.of(ExportResource.checkInRow(checkIn))));
    }
}

package app.supplyline.platform.rest;

import app.supplyline.platform.problem.Problem;
import app.supplyline.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CursorTest {

    @Test
    void aSortKeyComesBackAsItWentInWhateverItsText() {
        String cursor = Cursor.encode("N", "Ana | \"Bo\" \\ é", null, 42);
        List<String> key = Cursor.decode(cursor, 4, parts -> parts);
        assertEquals(Arrays.asList("N", "Ana | \"Bo\" \\ é", null, "42"), key);
    }

    @Test
    void aCursorIsUrlSafe() {
        String cursor = Cursor.encode("?&=/+", "€".repeat(20));
        assertEquals(cursor, java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8));
    }

    @Test
    void whatIsNotACursorOfThisListIsA400NamingTheCursor() {
        String base64Text = Base64.getUrlEncoder().encodeToString("not json".getBytes(StandardCharsets.UTF_8));
        for (String bad : List.of("%%%", base64Text, Cursor.encode("a", "b", "c"), Cursor.encode("only one"))) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> Cursor.decode(bad, 2, parts -> parts), bad);
            assertEquals(400, e.status());
            assertEquals(List.of(new Problem.FieldError("cursor", "is not a cursor of this list")), e.errors());
        }
    }

    @Test
    void partsTheListCannotReadAreA400Too() {
        String cursor = Cursor.encode("yesterday", "not-a-uuid");
        ProblemException e = assertThrows(ProblemException.class, () -> Cursor.decode(cursor, 2,
                parts -> java.time.Instant.parse(parts.get(0))));
        assertEquals(400, e.status());
    }
}

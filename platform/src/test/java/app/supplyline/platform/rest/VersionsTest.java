package app.supplyline.platform.rest;

import app.supplyline.platform.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VersionsTest {

    @Test
    void theVersionIsTheETagStrongWeakOrBare() {
        assertEquals("\"7\"", Versions.etag(7).toString());
        assertEquals(3, Versions.required("\"3\"", "this session"));
        assertEquals(3, Versions.required("W/\"3\"", "this session"));
        assertEquals(3, Versions.required(" 3 ", "this session"));
        assertEquals(Optional.of(12L), Versions.optional("\"12\"", "this session"));
    }

    @Test
    void noIfMatchIs428WhenRequiredAndNothingWhenOptional() {
        ProblemException e = assertThrows(ProblemException.class, () -> Versions.required(null, "this session"));
        assertEquals(428, e.status());
        assertEquals(Optional.empty(), Versions.optional(null, "this session"));
    }

    @Test
    void anIfMatchThatNamesNoVersionIs412() {
        for (String bad : new String[] {"*", "\"abc\"", "W/", "", "99999999999999999999"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> Versions.optional(bad, "this session"), bad);
            assertEquals(412, e.status());
            assertEquals("If-Match does not name a version of this session", e.getMessage());
        }
    }
}

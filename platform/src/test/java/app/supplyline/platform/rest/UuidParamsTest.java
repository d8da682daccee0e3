package app.supplyline.platform.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ext.ParamConverter;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UuidParamsTest {

    private final ParamConverter<UUID> uuids = new UuidParams().getConverter(UUID.class, UUID.class, new Annotation[0]);

    @Test
    void theCanonicalFormInEitherCaseIsAnId() {
        UUID id = UUID.randomUUID();
        assertEquals(id, uuids.fromString(id.toString()));
        assertEquals(id, uuids.fromString(id.toString().toUpperCase()));
        assertEquals(id.toString(), uuids.toString(id));
    }

    @Test
    void anythingElseIsA404LikeAnIdThatNamesNothing() {
        // UUID.fromString takes "1-1-1-1-1" and 40 characters with leading zeros; an id this API gave out never
        for (String bad : new String[] {"abc", "1-1-1-1-1", "", "00000000-0000-0000-0000-0000000000001",
                UUID.randomUUID() + " ", "{" + UUID.randomUUID() + "}", "../" + UUID.randomUUID()}) {
            assertThrows(NotFoundException.class, () -> uuids.fromString(bad), bad);
        }
        assertThrows(NotFoundException.class, () -> uuids.fromString(null));
    }

    @Test
    void otherTypesAreLeftToJaxRs() {
        assertNull(new UuidParams().getConverter(String.class, String.class, new Annotation[0]));
    }
}

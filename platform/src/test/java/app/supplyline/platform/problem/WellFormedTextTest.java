package app.supplyline.platform.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WellFormedTextTest {

    record Note(String notes, List<String> tags) {
    }

    private final ObjectMapper mapper = strict();

    @Test
    void ordinaryTextEmojiAndLineBreaksAreWellFormed() throws Exception {
        String text = "Pumped 20 min,\n\tleft only 🍼 — très bien; '); DROP TABLE x;-- <b>";
        assertNull(WellFormedText.problem(text));
        assertEquals(text, mapper.readValue(mapper.writeValueAsString(new Note(text, List.of())), Note.class).notes());
    }

    @Test
    void nulControlCharactersAndLoneSurrogatesAreRefusedWithTheirPath() {
        assertNotNull(WellFormedText.problem("a\u0000b"));
        assertNotNull(WellFormedText.problem("bell\u0007"));
        assertNotNull(WellFormedText.problem("del\u007F"));
        assertNotNull(WellFormedText.problem("a\ud800b"));
        assertNotNull(WellFormedText.problem("end\udc00"));
        assertNotNull(WellFormedText.problem("\ud83c"));

        JsonMappingException nul = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"notes\":\"a\\u0000b\",\"tags\":[]}", Note.class));
        assertEquals("notes", ProblemMappers.path(nul.getPath()));
        JsonMappingException surrogate = assertThrows(JsonMappingException.class,
                () -> mapper.readValue("{\"notes\":\"ok\",\"tags\":[\"fine\",\"a\\ud800\"]}", Note.class));
        assertEquals("tags[1]", ProblemMappers.path(surrogate.getPath()));
    }

    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper();
        new StrictJson().customize(mapper);
        return mapper;
    }
}

package app.supplyline.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every string the app shows has a French template, and French has no template the app does not use: the ids given
 * to msg() in the source against the keys of locales/fr.js. A template with values has as many in French.
 */
class LocalesTest {

    static final Path APP = Path.of("src/main/resources/web/app");
    static final Pattern MSG = Pattern.compile("msg\\((str`(?:[^`]*)`|'(?:[^'\\\\]|\\\\.)*'|\"[^\"]*\"),\\s*\\{id: '([a-zA-Z.]+)'\\}");
    static final Pattern TEMPLATE = Pattern.compile("^\\s*'([a-zA-Z.]+)': (str`[^`]*`|'(?:[^'\\\\]|\\\\.)*')", Pattern.MULTILINE);

    @Test
    void everyMessageHasAFrenchTemplateWithTheSameValues() throws IOException {
        java.util.Map<String, Integer> source = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(APP)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = MSG.matcher(Files.readString(file));
                while (m.find()) {
                    source.put(m.group(2), values(m.group(1)));
                }
            }
        }
        java.util.Map<String, Integer> french = new java.util.TreeMap<>();
        Matcher m = TEMPLATE.matcher(Files.readString(APP.resolve("locales/fr.js")));
        while (m.find()) {
            french.put(m.group(1), values(m.group(2)));
        }
        assertTrue(source.size() > 50, "the source's messages were found: " + source.keySet());
        Set<String> missing = new TreeSet<>(source.keySet());
        missing.removeAll(french.keySet());
        Set<String> unused = new TreeSet<>(french.keySet());
        unused.removeAll(source.keySet());
        assertEquals(Set.of(), missing, "no French template");
        assertEquals(Set.of(), unused, "French templates the app never shows");
        source.forEach((id, n) -> assertEquals(n, french.get(id), "values of " + id));
    }

    private static int values(String template) {
        int n = 0;
        for (int i = template.indexOf("${"); i >= 0; i = template.indexOf("${", i + 2)) {
            n++;
        }
        return n;
    }
}

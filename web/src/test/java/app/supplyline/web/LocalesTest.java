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
    static final Pattern SAME_IN_FRENCH = Pattern.compile("^\\s*'([a-zA-Z.]+)': .*,\\s*// same in French$", Pattern.MULTILINE);
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

    /** A French template written as the English one is either a word both languages share (marked) or a slip. */
    @Test
    void aFrenchTemplateThatReadsAsTheEnglishOneIsMarkedSameInFrench() throws IOException {
        java.util.Map<String, String> english = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(APP)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Matcher m = MSG.matcher(Files.readString(file));
                while (m.find()) {
                    english.put(m.group(2), text(m.group(1)));
                }
            }
        }
        String bundle = Files.readString(APP.resolve("locales/fr.js"));
        Set<String> alike = new TreeSet<>();
        Matcher m = TEMPLATE.matcher(bundle);
        while (m.find()) {
            if (text(m.group(2)).equals(english.get(m.group(1)))) {
                alike.add(m.group(1));
            }
        }
        Set<String> marked = new TreeSet<>();
        Matcher s = SAME_IN_FRENCH.matcher(bundle);
        while (s.find()) {
            marked.add(s.group(1));
        }
        assertTrue(alike.size() >= 5, "words both languages share were found: " + alike);
        assertEquals(marked, alike, "French templates that read as the English ones, against those marked \"same in French\"");
    }

    /** A template's text: no quotes, no str``, escapes undone, each value as ${}. */
    static String text(String literal) {
        String body = literal.startsWith("str`") ? literal.substring(4, literal.length() - 1) : literal.substring(1, literal.length() - 1);
        return body.replace("\\'", "'").replaceAll("\\$\\{[^}]*}", "\\${}").replaceAll("\\s+", " ").trim();
    }

    private static int values(String template) {
        int n = 0;
        for (int i = template.indexOf("${"); i >= 0; i = template.indexOf("${", i + 2)) {
            n++;
        }
        return n;
    }
}

package app.supplyline.notification.inbox;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bundle's files against each other and against the code: English and French have exactly the same keys, each
 * key is a method of {@link NotificationMessages} and each method is called by the service, every template uses
 * exactly its method's parameters (French as English), and no text is left in the Java that writes notifications.
 */
class NotificationBundleTest {

    private static final Path MESSAGES = Path.of("src/main/resources/messages");
    private static final Path SOURCES = Path.of("src/main/java/app/supplyline/notification");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    private static Properties load(String file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(MESSAGES.resolve(file), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }

    private static Set<String> placeholders(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void englishAndFrenchHaveTheSameKeysAndPlaceholders() throws IOException {
        Properties en = load("notifications.properties");
        Properties fr = load("notifications_fr.properties");
        assertEquals(new TreeSet<>(en.stringPropertyNames()), new TreeSet<>(fr.stringPropertyNames()));
        for (String key : en.stringPropertyNames()) {
            assertEquals(placeholders(en.getProperty(key)), placeholders(fr.getProperty(key)), key);
            assertFalse(en.getProperty(key).isBlank() || fr.getProperty(key).isBlank(), key);
        }
    }

    @Test
    void everyKeyIsAMethodWithItsPlaceholdersAndEveryMethodIsUsed() throws IOException {
        Properties en = load("notifications.properties");
        Set<String> methods = Arrays.stream(NotificationMessages.class.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(methods, new TreeSet<>(en.stringPropertyNames()));
        for (Method method : NotificationMessages.class.getDeclaredMethods()) {
            Set<String> parameters = Arrays.stream(method.getParameters()).map(Parameter::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(parameters, placeholders(en.getProperty(method.getName())), method.getName());
        }
        String code = sourcesExcept("NotificationMessages.java");
        for (String method : methods) {
            assertTrue(code.contains("." + method + "("), method + " is never called");
        }
    }

    /** No sentence in the classes that write notifications: every word a user reads comes from the bundle. */
    @Test
    void noTextIsLeftInTheJavaThatWritesNotifications() throws IOException {
        Pattern words = Pattern.compile("\"[^\"\\n]*\\p{L}+ \\p{L}+ \\p{L}+[^\"\\n]*\"");
        for (Path file : List.of(SOURCES.resolve("alerts/AlertTexts.java"), SOURCES.resolve("inbox/Messages.java"),
                SOURCES.resolve("inbox/Figures.java"))) {
            String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
            Matcher m = words.matcher(code);
            assertFalse(m.find(), () -> file + " has text of its own: " + m.group());
        }
    }

    private static String sourcesExcept(String name) throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith(name)).toList()) {
                all.append(Files.readString(f));
            }
            return all.toString();
        }
    }
}

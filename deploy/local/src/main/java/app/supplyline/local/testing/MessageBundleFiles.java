package app.supplyline.local.testing;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Checks a Qute message bundle kept in files ({@code messages/NAME.properties}, the default language, and
 * {@code messages/NAME_fr.properties}) against its interface and the service's code. Each check returns what is
 * wrong, one line per problem, so that a test asserts the list is empty and shows all of it when it is not.
 */
public final class MessageBundleFiles {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** A string literal of three words or more: a sentence someone reads. */
    private static final Pattern WORDS = Pattern.compile("\"[^\"\\n]*\\p{L}+ \\p{L}+ \\p{L}+[^\"\\n]*\"");

    private MessageBundleFiles() {
    }

    /** The templates of {@code messages/NAME.properties} (or {@code NAME_LANGUAGE.properties}) under {@code resources}. */
    public static Properties load(Path resources, String name, String language) {
        Path file = resources.resolve("messages").resolve(language == null ? name + ".properties"
                : name + "_" + language + ".properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /**
     * The default file and the {@code language} file have the same keys, each template non-blank and with the same
     * placeholders in both; each key is a method of {@code bundle} whose parameters are exactly its placeholders;
     * each method is called somewhere in {@code sources} (other than the interface itself).
     */
    public static List<String> problems(Path resources, String name, String language, Class<?> bundle, Path sources) {
        List<String> problems = new ArrayList<>();
        Properties base = load(resources, name, null);
        Properties other = load(resources, name, language);
        if (!base.stringPropertyNames().equals(other.stringPropertyNames())) {
            problems.add("keys differ: only in " + name + ": " + minus(base.stringPropertyNames(), other.stringPropertyNames())
                    + ", only in " + language + ": " + minus(other.stringPropertyNames(), base.stringPropertyNames()));
        }
        for (String key : base.stringPropertyNames()) {
            String template = base.getProperty(key);
            String translated = other.getProperty(key, "");
            if (template.isBlank() || translated.isBlank()) {
                problems.add(key + ": blank");
            }
            if (!placeholders(template).equals(placeholders(translated))) {
                problems.add(key + ": placeholders " + placeholders(template) + " in " + name + " but "
                        + placeholders(translated) + " in " + language);
            }
        }
        Set<String> methods = Arrays.stream(bundle.getDeclaredMethods()).map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        if (!methods.equals(new TreeSet<>(base.stringPropertyNames()))) {
            problems.add("methods " + methods + " are not the keys " + new TreeSet<>(base.stringPropertyNames()));
        }
        for (Method method : bundle.getDeclaredMethods()) {
            Set<String> parameters = Arrays.stream(method.getParameters()).map(Parameter::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            String template = base.getProperty(method.getName(), "");
            if (!parameters.equals(placeholders(template))) {
                problems.add(method.getName() + ": parameters " + parameters + " but placeholders " + placeholders(template));
            }
        }
        String code = code(sources, bundle.getSimpleName() + ".java");
        methods.stream().filter(m -> !code.contains("." + m + "(")).forEach(m -> problems.add(m + ": never called"));
        return problems;
    }

    /** The sentences written in these Java files (comments aside): every word a user reads belongs in a bundle. */
    public static List<String> textIn(Path... javaFiles) {
        List<String> found = new ArrayList<>();
        for (Path file : javaFiles) {
            try {
                String code = Files.readString(file).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
                Matcher m = WORDS.matcher(code);
                while (m.find()) {
                    found.add(file.getFileName() + ": " + m.group());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    /**
     * Asserts golden texts: the same names in the same order, each name's texts equal. A failure shows every actual
     * text as the {@code golden(name, texts…)} lines of the test's source, to be read line by line before pasting.
     */
    public static void assertGolden(java.util.Map<String, List<String>> golden, java.util.Map<String, List<String>> actual) {
        List<String> listing = new ArrayList<>();
        actual.forEach((name, texts) -> listing.add("golden(\"" + name + "\",\n" + String.join(",\n", texts.stream()
                .map(t -> "        \"" + t.replace("\"", "\\\"") + "\"").toList()) + ");"));
        String all = String.join("\n", listing);
        if (!List.copyOf(golden.keySet()).equals(List.copyOf(actual.keySet()))) {
            throw new AssertionError("the texts are not the golden ones: " + golden.keySet() + " but " + actual.keySet()
                    + "\n" + all);
        }
        actual.forEach((name, texts) -> {
            if (!golden.get(name).equals(texts)) {
                throw new AssertionError(name + ": expected " + golden.get(name) + " but was " + texts + "\n" + all);
            }
        });
    }

    private static Set<String> placeholders(String template) {
        Set<String> names = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> rest = new TreeSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static String code(Path sources, String except) {
        try (Stream<Path> files = Files.walk(sources)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.filter(f -> f.toString().endsWith(".java") && !f.endsWith(except)).toList()) {
                all.append(Files.readString(f));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

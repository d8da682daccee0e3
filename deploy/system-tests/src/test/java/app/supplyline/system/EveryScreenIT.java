package app.supplyline.system;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every screen of the app, the parent's and the clinician's, with data on them: no serious or critical axe-core
 * violation and no sideways scrolling on a 360 px wide phone; and in French, no string of the app left in English.
 */
class EveryScreenIT extends AgainstTheStack {

    private static final Path APP = Path.of("../../web/src/main/resources/web/app");
    private static final Pattern MSG = Pattern.compile("msg\\((str`(?:[^`]*)`|'(?:[^'\\\\]|\\\\.)*'|\"[^\"]*\"),\\s*\\{id: '([a-zA-Z.]+)'\\}");
    private static final Pattern SAME_IN_FRENCH = Pattern.compile("^\\s*'([a-zA-Z.]+)': .*,\\s*// same in French$", Pattern.MULTILINE);

    static String parent;
    static String clinician;
    static String cohortId;
    static String parentId;

    /** A parent with three weeks of data who shares with a clinician's cohort: every screen has something to show. */
    @BeforeAll
    static void people() {
        parent = stack.newUser("parent");
        clinician = stack.newUser("clinician");
        journeys.profile(parent, Journeys.MIDDAY);
        journeys.supplyDrop(parent, Journeys.MIDDAY, "screens-");
        cohortId = journeys.consent(parent, clinician);
        parentId = journeys.subject(parent);
        stack.as(parent).contentType("application/json")
                .body("{\"date\":\"" + java.time.LocalDate.now(Journeys.MIDDAY) + "\",\"sleepHours\":6.5,\"waterMl\":2000,\"stress\":2}")
                .post(stack.session() + "/api/check-ins").then().statusCode(201);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                "SEEK_HELP".equals(stack.as(parent).get(stack.analytics() + "/api/trends/me").then().extract().path("status")));
    }

    /** The screens and, for each, what shows once it has loaded its data. */
    static Map<String, String> parentScreens() {
        Map<String, String> screens = new LinkedHashMap<>();
        screens.put("#/", "#start-pumping");
        screens.put("#/trend", "#chart svg");
        screens.put("#/checkin", "#checkins li");
        screens.put("#/history", "#history-list li");
        screens.put("#/inbox", "#push-state");
        screens.put("#/sharing", "#consents li");
        screens.put("#/settings", "#settings-save");
        return screens;
    }

    static Map<String, String> clinicianScreens() {
        Map<String, String> screens = new LinkedHashMap<>();
        screens.put("#/", "#cohorts li");
        screens.put("#/cohort/" + cohortId, "#patients li");
        screens.put("#/patient/" + cohortId + "/" + parentId, "#chart svg");
        screens.put("#/alerts", "#push-state");
        return screens;
    }

    @Test
    void everyScreenHasNoSeriousOrCriticalAxeViolationAndDoesNotScrollSidewaysOnA360PxPhone() throws IOException {
        String axe;
        try (InputStream in = EveryScreenIT.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/"
                + System.getProperty("axe-core.version", "4.6.3") + "/axe.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> problems = new ArrayList<>();
        try (BrowserContext context = Browsers.newContext(phone("en-US"))) {
            context.addInitScript(axe); // an init script: the page's CSP allows no injected script tag
            Page page = context.newPage();
            page.navigate(stack.web() + "/");
            problems.addAll(check(page, "signed out"));
        }
        for (Map.Entry<String, Map<String, String>> who : Map.of(parent, parentScreens(), clinician, clinicianScreens()).entrySet()) {
            try (BrowserContext context = Browsers.newContext(phone("en-US"))) {
                context.addInitScript(axe);
                Page page = context.newPage();
                Browsers.signIn(page, stack.web(), who.getKey(), who.getKey() + "-dev");
                for (Map.Entry<String, String> screen : who.getValue().entrySet()) {
                    open(page, screen.getKey(), screen.getValue());
                    problems.addAll(check(page, screen.getKey()));
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void inFrenchNoScreenShowsAStringOfTheAppInEnglish() throws IOException {
        assertTrue(Files.isDirectory(APP), "the web app's sources, read for its strings: " + APP.toAbsolutePath());
        Map<String, Pattern> english = untranslatedIfShown();
        assertTrue(english.size() > 100, "the app's strings were read: " + english.size());
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> who : Map.of(parent, parentScreens(), clinician, clinicianScreens()).entrySet()) {
            try (BrowserContext context = Browsers.newContext(new Browser.NewContextOptions().setLocale("fr-FR"))) {
                Page page = context.newPage();
                Browsers.signIn(page, stack.web(), who.getKey(), who.getKey() + "-dev");
                assertThat(page.locator("html")).hasAttribute("lang", "fr");
                for (Map.Entry<String, String> screen : who.getValue().entrySet()) {
                    open(page, screen.getKey(), screen.getValue());
                    page.locator("summary").all().forEach(s -> s.click());
                    @SuppressWarnings("unchecked")
                    List<String> texts = (List<String>) page.evaluate(DEEP_TEXTS);
                    for (String text : texts) {
                        english.forEach((id, pattern) -> {
                            if (pattern.matcher(text).matches()) {
                                found.add(screen.getKey() + ": \"" + text + "\" (" + id + ")");
                            }
                        });
                    }
                    assertTrue(texts.size() > 5, screen.getKey() + " shows text: " + texts);
                    if (screen.getKey().equals("#/checkin")) {
                        // the insights are the analytics-service's words, in the app's language
                        String why = stack.as(parent).header("Accept-Language", "fr")
                                .get(stack.analytics() + "/api/insights/me").then().statusCode(200).extract().path("why");
                        assertTrue(why.startsWith("Les observations"), why);
                        assertThat(page.locator("#insights-none")).hasText(why);
                    }
                }
            }
        }
        assertEquals(List.of(), found, "English strings of the app in the French screens");
    }

    private static Browser.NewContextOptions phone(String locale) {
        return new Browser.NewContextOptions().setLocale(locale).setViewportSize(360, 740).setDeviceScaleFactor(2)
                .setIsMobile(true).setHasTouch(true);
    }

    private static void open(Page page, String hash, String ready) {
        page.navigate(stack.web() + "/" + hash);
        assertThat(page.locator(ready).first()).isAttached();
    }

    /** axe-core on the page as it is (shadow roots included), and the width the page needs. */
    private static List<String> check(Page page, String screen) {
        List<String> problems = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) page.evaluate("() => axe.run(document, "
                + "{resultTypes: ['violations']}).then((r) => r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')"
                + ".map((v) => ({id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' > ')).slice(0, 5).join(', ')})))");
        violations.forEach(v -> problems.add(screen + ": " + v.get("impact") + " " + v.get("id") + " at " + v.get("nodes")));
        Number width = (Number) page.evaluate("() => document.documentElement.scrollWidth");
        if (width.intValue() > 360) {
            problems.add(screen + ": " + width + " px wide at 360 px");
        }
        return problems;
    }

    /** Every visible text node and aria-label of the page, through the shadow roots, whitespace collapsed. */
    private static final String DEEP_TEXTS = """
            () => {
              const out = [];
              const walk = (root) => {
                for (const node of root.childNodes) {
                  if (node.nodeType === Node.TEXT_NODE) {
                    const text = node.textContent.replace(/\\s+/g, ' ').trim();
                    if (text && node.parentElement && node.parentElement.closest('style, script, noscript') === null) out.push(text);
                  } else if (node.nodeType === Node.ELEMENT_NODE) {
                    for (const attribute of ['aria-label', 'placeholder', 'title']) {
                      if (node.getAttribute(attribute)) out.push(node.getAttribute(attribute).replace(/\\s+/g, ' ').trim());
                    }
                    if (node.shadowRoot) walk(node.shadowRoot);
                    walk(node);
                  }
                }
              };
              walk(document.body);
              return out;
            }""";

    /**
     * The app's English strings (the msg() templates of its source) but those marked "same in French", each as a
     * pattern of a whole text: a template's values match anything.
     */
    private static Map<String, Pattern> untranslatedIfShown() throws IOException {
        // the words both languages share are marked in the French bundle (LocalesTest checks the marks)
        List<String> same = new ArrayList<>();
        Matcher f = SAME_IN_FRENCH.matcher(Files.readString(APP.resolve("locales/fr.js")));
        while (f.find()) {
            same.add(f.group(1));
        }
        Map<String, Pattern> english = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(APP)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".js")).toList()) {
                Matcher m = MSG.matcher(Files.readString(file));
                while (m.find()) {
                    String en = text(m.group(1));
                    if (!same.contains(m.group(2))) {
                        StringBuilder regex = new StringBuilder();
                        for (String part : en.split("\\$\\{}", -1)) {
                            regex.append(regex.isEmpty() ? "" : ".+?").append(Pattern.quote(part.replaceAll("\\s+", " ")));
                        }
                        english.put(m.group(2), Pattern.compile(regex.toString()));
                    }
                }
            }
        }
        return english;
    }

    /** A template's text: without its quotes or str`` and its escapes, values as ${…}. */
    private static String text(String literal) {
        String body = literal.startsWith("str`") ? literal.substring(4, literal.length() - 1) : literal.substring(1, literal.length() - 1);
        return body.replace("\\'", "'").replace("\\\"", "\"").replaceAll("\\s+", " ").replaceAll("\\$\\{[^}]*}", "\\${}").trim();
    }

}

package app.supplyline.system;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

/**
 * One headless Chromium for the browser tests of this JVM, driven by Playwright. The system's Chromium (Debian
 * package {@code chromium}, or {@code SUPPLYLINE_CHROMIUM}) when present — Playwright then downloads nothing;
 * elsewhere Playwright's own build. The flags keep Chromium from calling Google's hosts: tests talk to loopback only.
 */
final class Browsers {

    private static Playwright playwright;
    private static Browser browser;

    private Browsers() {
    }

    static synchronized Browser get() {
        if (browser == null) {
            Path system = systemChromium();
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", system != null ? "1" : "0")));
            List<String> args = new ArrayList<>(List.of("--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-quic", "--no-first-run", "--disable-gpu"));
            if ("root".equals(System.getProperty("user.name"))) {
                args.add("--no-sandbox");
            }
            BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true).setArgs(args);
            if (system != null) {
                options.setExecutablePath(system);
            }
            browser = playwright.chromium().launch(options);
            Runtime.getRuntime().addShutdownHook(new Thread(Browsers::close, "browsers-close"));
        }
        return browser;
    }

    static Path systemChromium() {
        String configured = System.getenv("SUPPLYLINE_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    static synchronized void close() {
        try {
            if (browser != null) {
                browser.close();
            }
            if (playwright != null) {
                playwright.close();
            }
        } catch (RuntimeException ignored) {
            // the JVM is going away
        } finally {
            browser = null;
            playwright = null;
        }
    }

    /** A new, empty browser profile (cookies, storage, service workers), with a bounded wait for every action. */
    static BrowserContext newContext() {
        return newContext(new Browser.NewContextOptions().setLocale("en-US"));
    }

    /** The same with other options (a language, a phone's viewport); the timezone is always {@link Journeys#MIDDAY}. */
    static BrowserContext newContext(Browser.NewContextOptions options) {
        BrowserContext context = get().newContext(options.setTimezoneId(Journeys.MIDDAY.getId()));
        context.setDefaultTimeout(20_000);
        return context;
    }

    /**
     * A new page of the app, signed in as {@code parent} (password {@code <parent>-dev}) and onboarded with the
     * browser's timezone and no goal; returns on Today.
     */
    static Page signedInParent(BrowserContext context, String appUrl, String parent) {
        Page page = context.newPage();
        signIn(page, appUrl, parent, parent + "-dev");
        assertThat(page.locator("#onboarding-save")).isVisible();
        page.click("#onboarding-save");
        assertThat(page.locator("#start-pumping")).isVisible();
        return page;
    }

    /** Signs in on Keycloak's page from the app's start page; returns on the app, signed in. */
    static void signIn(Page page, String appUrl, String user, String password) {
        page.navigate(appUrl + "/");
        page.click("#sign-in");
        page.fill("#username", user);
        page.fill("#password", password);
        page.click("#kc-login");
        page.waitForURL(appUrl + "/**");
    }
}

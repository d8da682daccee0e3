package app.supplyline.bench;

import app.supplyline.local.LocalStack;
import app.supplyline.local.Ports;
import app.supplyline.local.StackSettings;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Sizes;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Issue 12's figures of the web app, measured in a real headless Chromium against the whole local stack:
 * <ul>
 * <li>first visit: bytes on the wire for the HTML, JavaScript and CSS of the app (compressed, headers included);</li>
 * <li>stop the timer → the session stored: from the click on Save to "Saved." (the server's 201 for the item), 40
 * times; beside it, the same session POSTed straight to the session-service with a bearer token (no browser, no BFF);</li>
 * <li>100 sessions queued offline → synced: from the network's return to an empty outbox, 3 times; beside it, the same
 * 100 in one batch straight to the session-service;</li>
 * <li>issue 17: a parent's first visit that ends on the Trend screen (everything the app's origin sent, compressed,
 * headers included: page, bundles and the chart's chunk, manifest, icons, API answers; the service worker blocked, so
 * that every byte is counted), and the Trend screen rendered (its chart drawn) after a navigation, 10 reloads; beside
 * it, the trend answer straight from the analytics-service.</li>
 * </ul>
 * Prints a table and writes it as JSON. Not a test.
 */
public final class WebBenchmark {

    static final int STOPS = 40;
    static final int QUEUED = 100;
    static final int SYNC_ROUNDS = 3;

    private final Map<String, Object> results = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final StackSettings settings;
    private final LocalStack stack;

    private WebBenchmark(StackSettings settings) {
        this.settings = settings;
        this.stack = new LocalStack(settings);
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(System.getProperty("supplyline.project.dir", ".")).toAbsolutePath().normalize();
        Path dir = Files.createTempDirectory("supplyline-web-bench");
        StackSettings settings = new StackSettings(dir, StackSettings.defaultCacheDir(), project, Ports.freePort(),
                Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(),
                Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort(), Ports.freePort());
        WebBenchmark bench = new WebBenchmark(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(bench.stack::stopAll, "web-bench-stop"));
        try {
            bench.run(dir);
        } finally {
            bench.stack.stopAll();
        }
    }

    private String web() {
        return "http://localhost:" + settings.webPort();
    }

    private String keycloak() {
        return "http://localhost:" + settings.keycloakPort();
    }

    private void run(Path dir) throws Exception {
        BenchSupport.describeMachine(results);
        stack.start(true);
        results.put("stack", "deploy/local: PostgreSQL, Kafka, Keycloak, 3 services and web (-Xmx256m each); Chromium "
                + (Files.isExecutable(Path.of("/usr/bin/chromium")) ? "/usr/bin/chromium" : "of Playwright") + ", headless");
        try (Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")))) {
            BrowserType.LaunchOptions options = new BrowserType.LaunchOptions().setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-background-networking", "--disable-component-update",
                            "--disable-sync", "--no-first-run"));
            if (Files.isExecutable(Path.of("/usr/bin/chromium"))) {
                options.setExecutablePath(Path.of("/usr/bin/chromium"));
            }
            try (Browser browser = playwright.chromium().launch(options)) {
                firstVisit(browser);
                stopToStored(browser);
                queuedSync(browser);
                trendScreen(browser);
            }
        }
        BenchSupport.report("Web app (issue 12 and 17 figures)", results, "bench/web.json", dir.resolve("logs"));
    }

    /** Bytes of the document, scripts and styles of a first visit, as the network carried them. */
    private void firstVisit(Browser browser) {
        try (BrowserContext context = browser.newContext()) {
            Page page = context.newPage();
            List<Response> responses = new ArrayList<>();
            page.onResponse(responses::add);
            page.navigate(web() + "/");
            page.locator("#sign-in").waitFor();
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            long html = 0;
            long js = 0;
            long css = 0;
            for (Response r : responses) {
                Sizes sizes = r.request().sizes();
                long bytes = sizes.responseBodySize + sizes.responseHeadersSize;
                switch (r.request().resourceType()) {
                    case "document" -> html += bytes;
                    case "script" -> js += bytes;
                    case "stylesheet" -> css += bytes;
                    default -> {
                    }
                }
            }
            results.put("firstVisit.htmlBytes", html);
            results.put("firstVisit.jsBytes", js);
            results.put("firstVisit.cssBytes", css);
            results.put("firstVisit.totalKB", Math.round((html + js + css) / 102.4) / 10.0);
            results.put("firstVisit.target", "<= 150 KB");
        }
    }

    private void stopToStored(Browser browser) throws Exception {
        String user = "parent1";
        long[] app = new long[STOPS];
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setTimezoneId("UTC"))) {
            Page page = signedIn(context, user);
            for (int i = 0; i < STOPS; i++) {
                page.click("#start-pumping");
                page.click("#stop-timer");
                page.fill("input[name=left]", "60");
                page.fill("input[name=right]", "55");
                long start = System.nanoTime();
                page.click("sl-session-form button[type=submit]");
                page.locator("#saved-note:has-text('Saved.')").waitFor();
                app[i] = System.nanoTime() - start;
            }
        }
        String token = token(user);
        long[] direct = new long[STOPS];
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(20).withNano(0);
        for (int i = 0; i < STOPS; i++) {
            OffsetDateTime s = base.plusHours(3L * i);
            String body = "{\"type\":\"PUMPING\",\"startedAt\":\"" + s + "\",\"endedAt\":\"" + s.plusMinutes(20)
                    + "\",\"leftMl\":60,\"rightMl\":55}";
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + settings.sessionPort()
                            + "/api/sessions")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            direct[i] = System.nanoTime() - start;
            if (r.statusCode() != 201) {
                throw new IllegalStateException("direct POST: " + r.statusCode() + " " + r.body());
            }
        }
        Arrays.sort(app);
        Arrays.sort(direct);
        results.put("stopToStored.samples", STOPS);
        results.put("stopToStored.p50Ms", BenchSupport.percentile(app, 0.50));
        results.put("stopToStored.p95Ms", BenchSupport.percentile(app, 0.95));
        results.put("stopToStored.target", "p95 < 300 ms");
        results.put("directPost.p50Ms", BenchSupport.percentile(direct, 0.50));
        results.put("directPost.p95Ms", BenchSupport.percentile(direct, 0.95));
        results.put("stopToStored.p95.ratioToDirect", Math.round(BenchSupport.percentile(app, 0.95)
                / BenchSupport.percentile(direct, 0.95) * 10) / 10.0);
    }

    private void queuedSync(Browser browser) throws Exception {
        String user = "parent2";
        List<Double> syncs = new ArrayList<>();
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setTimezoneId("UTC"))) {
            Page page = signedIn(context, user);
            String owner = (String) page.evaluate("fetch('/api/me').then(r => r.json()).then(me => me.subject)");
            String token = token(user);
            int before = count(token);
            OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(25).withNano(0);
            for (int round = 0; round < SYNC_ROUNDS; round++) {
                context.setOffline(true);
                List<String> items = new ArrayList<>();
                for (int i = 0; i < QUEUED; i++) {
                    OffsetDateTime s = base.plusMinutes(30L * (round * QUEUED + i));
                    items.add("{\"clientId\":\"" + UUID.randomUUID() + "\",\"owner\":\"" + owner + "\",\"queuedAt\":\"" + OffsetDateTime.now(ZoneOffset.UTC)
                            + "\",\"state\":\"PENDING\",\"session\":{\"type\":\"PUMPING\",\"startedAt\":\"" + s
                            + "\",\"endedAt\":\"" + s.plusMinutes(20) + "\",\"leftMl\":50,\"rightMl\":40,\"unit\":\"ML\"}}");
                }
                // as the app's outbox holds them (outbox.js)
                page.evaluate("items => new Promise((resolve, reject) => { const q = indexedDB.open('supplyline', 1);"
                        + " q.onsuccess = () => { const tx = q.result.transaction('outbox', 'readwrite');"
                        + " items.forEach(i => tx.objectStore('outbox').put(JSON.parse(i)));"
                        + " tx.oncomplete = () => { q.result.close(); resolve(true); }; tx.onerror = () => reject(tx.error); }; })", items);
                context.setOffline(false);
                long start = System.nanoTime();
                // the browser tells the page that the network is back (Playwright's offline switch does not)
                page.evaluate("window.dispatchEvent(new Event('online'))");
                // polled inside the page every 20 ms until the outbox is empty (bounded: 60 s)
                Object emptied = page.evaluate("() => new Promise(resolve => { const until = Date.now() + 60000;"
                        + " const check = () => { const q = indexedDB.open('supplyline', 1); q.onsuccess = () => {"
                        + " const c = q.result.transaction('outbox').objectStore('outbox').count(); c.onsuccess = () => {"
                        + " q.result.close(); if (c.result === 0) resolve(true); else if (Date.now() > until) resolve(false);"
                        + " else setTimeout(check, 20); }; }; }; check(); })");
                if (!Boolean.TRUE.equals(emptied)) {
                    throw new IllegalStateException("the outbox did not empty within 60 s");
                }
                syncs.add(Math.round((System.nanoTime() - start) / 1e5) / 10.0);
                int stored = count(token) - before;
                if (stored != QUEUED * (round + 1)) {
                    throw new IllegalStateException("after round " + (round + 1) + ", " + stored + " stored instead of "
                            + QUEUED * (round + 1) + "; on the device: " + page.evaluate("() => new Promise(resolve => {"
                            + " const q = indexedDB.open('supplyline', 1); q.onsuccess = () => { const c = q.result"
                            + ".transaction('outbox').objectStore('outbox').getAll(); c.onsuccess = () => resolve(JSON.stringify(c.result).slice(0, 600)); }; })"));
                }
            }
        }
        results.put("queuedSync.sessions", QUEUED);
        results.put("queuedSync.ms", syncs);
        results.put("queuedSync.target", "< 3,000 ms");
        String token = token(user);
        StringBuilder batch = new StringBuilder("{\"items\":[");
        OffsetDateTime base = OffsetDateTime.now(ZoneOffset.UTC).minusDays(60).withNano(0);
        for (int i = 0; i < QUEUED; i++) {
            OffsetDateTime s = base.plusMinutes(30L * i);
            batch.append(i == 0 ? "" : ",").append("{\"clientId\":\"").append(UUID.randomUUID())
                    .append("\",\"type\":\"PUMPING\",\"startedAt\":\"").append(s).append("\",\"endedAt\":\"")
                    .append(s.plusMinutes(20)).append("\",\"leftMl\":50,\"rightMl\":40}");
        }
        batch.append("]}");
        long start = System.nanoTime();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + settings.sessionPort()
                        + "/api/sessions/batch")).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build(), HttpResponse.BodyHandlers.ofString());
        double direct = Math.round((System.nanoTime() - start) / 1e5) / 10.0;
        if (r.statusCode() != 200 || r.body().contains("\"status\":4")) {
            throw new IllegalStateException("direct batch: " + r.statusCode() + " " + r.body());
        }
        results.put("directBatchOf100.ms", direct);
        results.put("queuedSync.median.ratioToDirect", Math.round(syncs.stream().sorted().toList().get(SYNC_ROUNDS / 2) / direct * 10) / 10.0);
    }

    /** Issue 17: the first visit with the chart, and the Trend screen's render time after a navigation. */
    private void trendScreen(Browser browser) throws Exception {
        String user = "parent2"; // the sessions synced above fill the last 25 days
        // without the service worker: its answers carry no transfer sizes, and what it fetches to keep the shell is
        // the same page and bundles again (the bundles from the HTTP cache)
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setTimezoneId("UTC")
                .setServiceWorkers(com.microsoft.playwright.options.ServiceWorkerPolicy.BLOCK))) {
            Page page = context.newPage();
            List<Response> responses = new ArrayList<>();
            page.onResponse(responses::add);
            page.navigate(web() + "/#/trend");
            page.click("#sign-in");
            page.fill("#username", user);
            page.fill("#password", user + "-dev");
            page.click("#kc-login");
            page.waitForURL(web() + "/**");
            page.navigate(web() + "/#/trend");
            page.locator("#chart svg").waitFor();
            page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
            long app = 0;
            long keycloak = 0;
            for (Response r : responses) {
                Sizes sizes = r.request().sizes();
                long bytes = Math.max(0, sizes.responseBodySize) + Math.max(0, sizes.responseHeadersSize);
                if (r.url().startsWith(web())) {
                    app += bytes;
                } else {
                    keycloak += bytes;
                }
            }
            results.put("firstVisitWithChart.appKB", Math.round(app / 102.4) / 10.0);
            results.put("firstVisitWithChart.signInPagesKB", Math.round(keycloak / 102.4) / 10.0);
            results.put("firstVisitWithChart.target", "<= 250 KB (the app's origin)");

            long[] rendered = new long[10];
            List<Long> paints = new ArrayList<>();
            for (int i = 0; i < rendered.length; i++) {
                page.reload();
                page.locator("#chart svg").waitFor();
                rendered[i] = Math.round(((Number) page.evaluate("() => performance.now()")).doubleValue() * 1_000_000);
                Object fcp = page.evaluate("() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || -1");
                paints.add(Math.round(((Number) fcp).doubleValue()));
            }
            Arrays.sort(rendered);
            results.put("trendRendered.samples", rendered.length);
            results.put("trendRendered.p50Ms", BenchSupport.percentile(rendered, 0.50));
            results.put("trendRendered.p95Ms", BenchSupport.percentile(rendered, 0.95));
            results.put("trendRendered.firstContentfulPaintMs", paints);
            results.put("trendRendered.target", "< 1,000 ms after navigation");
        }
        String token = token(user);
        long[] direct = new long[10];
        for (int i = 0; i < direct.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + settings.analyticsPort()
                    + "/api/trends/me?days=28")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            direct[i] = System.nanoTime() - start;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET /api/trends/me: " + r.statusCode() + " " + r.body());
            }
        }
        Arrays.sort(direct);
        results.put("directTrend.p50Ms", BenchSupport.percentile(direct, 0.50));
        results.put("trendRendered.p50.ratioToDirectTrend", Math.round((Double) results.get("trendRendered.p50Ms")
                / BenchSupport.percentile(direct, 0.50) * 10) / 10.0);
    }

    /** The parent's stored sessions (at most 5,000 in these runs). */
    private int count(String token) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + settings.sessionPort()
                + "/api/sessions?limit=500")).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET /api/sessions: " + r.statusCode() + " " + r.body());
        }
        int n = 0;
        for (int at = r.body().indexOf("\"id\":"); at >= 0; at = r.body().indexOf("\"id\":", at + 1)) {
            n++;
        }
        return n;
    }

    private Page signedIn(BrowserContext context, String user) {
        Page page = context.newPage();
        page.navigate(web() + "/");
        page.click("#sign-in");
        page.fill("#username", user);
        page.fill("#password", user + "-dev");
        page.click("#kc-login");
        page.waitForURL(web() + "/**");
        page.locator("#onboarding-save, #start-pumping").first().waitFor();
        if (page.locator("#onboarding-save").count() > 0) {
            page.click("#onboarding-save");
        }
        page.locator("#start-pumping").waitFor();
        return page;
    }

    private String token(String user) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(keycloak()
                        + "/realms/supplyline/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=supplyline-web&username=" + user
                        + "&password=" + user + "-dev")).build(), HttpResponse.BodyHandlers.ofString());
        String body = r.body();
        int at = body.indexOf("\"access_token\":\"") + 16;
        return body.substring(at, body.indexOf('"', at));
    }
}

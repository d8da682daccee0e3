package app.supplyline.system;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Page;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notifications and settings in a real headless Chromium, through the web app: the parent turns notifications on,
 * the notification-service sends a real encrypted push to the local push service, the decrypted payload is handed
 * to the app's service worker over DevTools, which shows it; its click opens the inbox at that item. Headless
 * Chromium has no push service of its own, so {@code pushManager.subscribe()} is replaced (init script) by one that
 * answers a subscription of the local push service, with keys made by it.
 */
class NotificationsAppIT extends AgainstTheStack {

    @Test
    void aParentTurnsOnNotificationsAReminderIsShownOnTheDeviceAndItsClickOpensTheInboxAtThatItem() {
        String parent = stack.newUser("parent");
        Map<?, ?> device = given().post(stack.push() + "/subscriptions").then().statusCode(201).extract().as(Map.class);
        String endpoint = (String) device.get("endpoint");
        String deviceId = endpoint.substring(endpoint.lastIndexOf('/') + 1);
        try (BrowserContext context = Browsers.newContext()) {
            context.grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(stack.web()));
            context.addInitScript(pushServiceOfThisMachine(device));
            Page page = Browsers.signedInParent(context, stack.web(), parent);

            page.click("#nav-inbox");
            assertThat(page.locator("#push-state")).containsText("Off");
            assertThat(page.locator("#inbox-empty")).isVisible();
            page.click("#push-enable");
            assertThat(page.locator("#push-state")).containsText("On:");
            assertThat(page.locator("#devices li")).hasCount(1);
            assertEquals(List.of(endpoint), stack.as(parent).get(stack.notification() + "/api/push/subscriptions")
                    .then().statusCode(200).extract().jsonPath().getList("items.endpoint"), "the subscription is registered");

            journeys.reminderDue(parent);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> journeys.pushes(deviceId, "REMINDER").size() == 1);
            String payload = journeys.pushes(deviceId, "REMINDER").get(0);
            JsonPath push = JsonPath.from(payload);
            String id = push.getString("id");
            assertEquals("Time to nurse or pump", push.getString("title"));

            page.click("a[href='#/']");
            assertThat(page.locator("#start-pumping")).isVisible();
            deliverToTheServiceWorker(context, page, payload);
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> notifications(page).size() == 1);
            Map<?, ?> shown = notifications(page).get(0);
            assertEquals(push.getString("title"), shown.get("title"));
            assertEquals(push.getString("body"), shown.get("body"));
            assertEquals("REMINDER", shown.get("tag"), "one tag per kind: a newer reminder replaces the older one");
            assertEquals("/#/inbox/" + id, shown.get("url"));

            inTheServiceWorker(page, "self.registration.getNotifications().then((shown) => self.dispatchEvent("
                    + "new NotificationEvent('notificationclick', {notification: shown[0]})))");
            page.waitForURL("**/#/inbox/" + id);
            assertThat(page.locator("li[data-id='" + id + "']")).hasAttribute("aria-current", "true");
            assertThat(page.locator("li[data-id='" + id + "']")).containsText(push.getString("body"));
            await().pollInSameThread().atMost(Duration.ofSeconds(10)).until(() -> notifications(page).isEmpty());

            page.click("li[data-id='" + id + "'] .mark-read");
            assertThat(page.locator("li[data-id='" + id + "'] .state")).hasText("Read");
            assertNotNull(stack.as(parent).get(stack.notification() + "/api/notifications").then().statusCode(200)
                    .extract().jsonPath().get("items.find { it.id == '" + id + "' }.readAt"), "read in the inbox");

            page.click("#devices .remove-device");
            assertThat(page.locator("#push-state")).containsText("Off");
            assertEquals(List.of(), stack.as(parent).get(stack.notification() + "/api/push/subscriptions")
                    .then().statusCode(200).extract().jsonPath().getList("items"), "no device left");

            // signing out of a shared device stops its notifications for this account
            page.click("#push-enable");
            assertThat(page.locator("#devices li")).hasCount(1);
            page.click("#sign-out");
            assertThat(page.locator("#sign-in")).isVisible();
            assertEquals(List.of(), stack.as(parent).get(stack.notification() + "/api/push/subscriptions")
                    .then().statusCode(200).extract().jsonPath().getList("items"), "the device is forgotten at sign-out");
        }
    }

    @Test
    void settingsAreSavedToTheServicesInTheChosenLanguageAndARefusedValueIsNamedAndChangesNothing() throws Exception {
        String parent = stack.newUser("parent");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = Browsers.signedInParent(context, stack.web(), parent);
            page.click("#nav-settings");
            page.selectOption("select[name=reminderIntervalMinutes]", "240");
            page.selectOption("select[name=nightIntervalMinutes]", "360");
            page.check("input[name=quiet]");
            page.fill("input[name=quietStart]", "21:00");
            page.fill("input[name=quietEnd]", "07:15");
            page.selectOption("select[name=locale]", "fr");
            page.selectOption("select[name=timezone]", "Europe/Paris");
            page.click("#settings-save");
            assertThat(page.locator("#settings-saved")).hasText("Enregistré.");
            assertThat(page.locator("#nav-settings")).hasText("Réglages");

            JsonPath prefs = preferences(parent);
            assertEquals(240, prefs.getInt("reminderIntervalMinutes"));
            assertEquals(360, prefs.getInt("nightIntervalMinutes"));
            assertEquals("21:00", prefs.getString("quietHours.start"));
            assertEquals("07:15", prefs.getString("quietHours.end"));
            assertEquals("fr", prefs.getString("locale"), "the notifications' language");
            assertEquals(true, prefs.getBoolean("remindersEnabled"));
            assertEquals("Europe/Paris", prefs.getString("timezone"), "the quiet hours' timezone");
            assertEquals("Europe/Paris", stack.as(parent).get(stack.session() + "/api/profile").then().statusCode(200)
                    .extract().jsonPath().getString("timezone"));

            // quiet hours that start when they end: refused by the notification-service, named under the field
            page.fill("input[name=quietEnd]", "21:00");
            page.uncheck("input[name=remindersEnabled]");
            page.click("#settings-save");
            assertThat(page.locator("#error-quietHours-end")).containsText("quietHours.start");
            assertThat(page.locator("#settings-saved")).hasCount(0);
            JsonPath unchanged = preferences(parent);
            assertEquals("07:15", unchanged.getString("quietHours.end"));
            assertEquals(true, unchanged.getBoolean("remindersEnabled"), "nothing of a refused request is saved");

            page.fill("input[name=quietEnd]", "07:15");
            page.uncheck("input[name=quiet]");
            page.click("#settings-save");
            assertThat(page.locator("#settings-saved")).isVisible();
            JsonPath off = preferences(parent);
            assertNull(off.get("quietHours"));
            assertEquals(false, off.getBoolean("remindersEnabled"));

            // the export, downloaded from the settings: the CSV the session-service writes, with this parent's profile
            com.microsoft.playwright.Download csv = page.waitForDownload(() -> page.click("#export-csv"));
            assertTrue(csv.suggestedFilename().matches("supplyline-\\d{4}-\\d{2}-\\d{2}\\.csv"), csv.suggestedFilename());
            String exported = java.nio.file.Files.readString(csv.path());
            assertEquals(stack.as(parent).accept("text/csv").get(stack.session() + "/api/export").then().statusCode(200)
                    .extract().asString(), exported, "the file is the export, byte for byte");
            assertTrue(exported.lines().anyMatch(l -> l.startsWith("PROFILE,") && l.contains("Europe/Paris")), exported);
            com.microsoft.playwright.Download json = page.waitForDownload(() -> page.click("#export-json"));
            assertEquals("Europe/Paris", JsonPath.from(java.nio.file.Files.readString(json.path())).getString("profile.timezone"));

            page.reload();
            assertThat(page.locator("select[name=reminderIntervalMinutes]")).hasValue("240");
            assertThat(page.locator("input[name=remindersEnabled]")).not().isChecked();
            assertThat(page.locator("html")).hasAttribute("lang", "fr");
        }
    }

    private static JsonPath preferences(String parent) {
        return stack.as(parent).get(stack.notification() + "/api/preferences").then().statusCode(200).extract().jsonPath();
    }

    /**
     * An init script: {@code PushManager.subscribe()} answers the local push service's subscription (as a browser
     * answers its vendor's), and {@code getSubscription()} that subscription until it is unsubscribed.
     */
    private static String pushServiceOfThisMachine(Map<?, ?> device) {
        String json = new com.google.gson.Gson().toJson(Map.of("endpoint", device.get("endpoint"), "keys", device.get("keys")));
        return """
                (() => {
                  const json = %s;
                  const KEY = 'test.push.subscribed';
                  const subscription = () => ({
                    endpoint: json.endpoint, expirationTime: null, options: {userVisibleOnly: true},
                    toJSON: () => json,
                    unsubscribe: async () => { localStorage.removeItem(KEY); return true; },
                  });
                  PushManager.prototype.subscribe = async function () {
                    localStorage.setItem(KEY, '1');
                    return subscription();
                  };
                  PushManager.prototype.getSubscription = async function () {
                    return localStorage.getItem(KEY) ? subscription() : null;
                  };
                })();
                """.formatted(json);
    }

    /** {@code ServiceWorker.deliverPushMessage}: the push event the browser would fire with the decrypted data. */
    private static void deliverToTheServiceWorker(BrowserContext context, Page page, String payload) {
        CDPSession cdp = context.newCDPSession(page);
        AtomicReference<String> registration = new AtomicReference<>();
        cdp.on("ServiceWorker.workerRegistrationUpdated", event -> {
            for (JsonElement r : event.getAsJsonArray("registrations")) {
                JsonObject o = r.getAsJsonObject();
                if (!o.get("isDeleted").getAsBoolean() && o.get("scopeURL").getAsString().startsWith(stack.web())) {
                    registration.set(o.get("registrationId").getAsString());
                }
            }
        });
        cdp.send("ServiceWorker.enable");
        // Playwright hands events over while it is called: its own wait, not Awaitility's thread
        page.waitForCondition(() -> registration.get() != null, new Page.WaitForConditionOptions().setTimeout(10_000));
        JsonObject args = new JsonObject();
        args.addProperty("origin", stack.web());
        args.addProperty("registrationId", registration.get());
        args.addProperty("data", payload);
        cdp.send("ServiceWorker.deliverPushMessage", args);
    }

    /**
     * Evaluates an expression in the page's service worker, as a developer would in its DevTools console (Playwright
     * for Java has no handle on service workers): the browser's DevTools session attaches to the worker target of the
     * page's browser context and sends it {@code Runtime.evaluate}.
     */
    private static void inTheServiceWorker(Page page, String expression) {
        String contextId = page.context().newCDPSession(page).send("Target.getTargetInfo")
                .getAsJsonObject("targetInfo").get("browserContextId").getAsString();
        CDPSession browser = Browsers.get().newBrowserCDPSession();
        try {
            String workerId = null;
            for (JsonElement t : browser.send("Target.getTargets").getAsJsonArray("targetInfos")) {
                JsonObject info = t.getAsJsonObject();
                if ("service_worker".equals(info.get("type").getAsString()) && info.has("browserContextId")
                        && contextId.equals(info.get("browserContextId").getAsString())) {
                    workerId = info.get("targetId").getAsString();
                }
            }
            assertNotNull(workerId, "the app's service worker runs");
            List<JsonObject> answers = new CopyOnWriteArrayList<>();
            browser.on("Target.receivedMessageFromTarget", m -> answers.add(
                    com.google.gson.JsonParser.parseString(m.get("message").getAsString()).getAsJsonObject()));
            JsonObject attach = new JsonObject();
            attach.addProperty("targetId", workerId);
            attach.addProperty("flatten", false);
            String session = browser.send("Target.attachToTarget", attach).get("sessionId").getAsString();
            JsonObject params = new JsonObject();
            params.addProperty("expression", expression);
            params.addProperty("awaitPromise", true);
            JsonObject call = new JsonObject();
            call.addProperty("id", 1);
            call.addProperty("method", "Runtime.evaluate");
            call.add("params", params);
            JsonObject message = new JsonObject();
            message.addProperty("sessionId", session);
            message.addProperty("message", call.toString());
            browser.send("Target.sendMessageToTarget", message);
            page.waitForCondition(() -> answers.stream().anyMatch(a -> a.has("id") && a.get("id").getAsInt() == 1),
                    new Page.WaitForConditionOptions().setTimeout(10_000));
            JsonObject answer = answers.stream().filter(a -> a.has("id") && a.get("id").getAsInt() == 1).findFirst().orElseThrow();
            assertNull(answer.getAsJsonObject("result").get("exceptionDetails"), "evaluated in the worker: " + answer);
        } finally {
            browser.detach();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<?, ?>> notifications(Page page) {
        return (List<Map<?, ?>>) page.evaluate("() => navigator.serviceWorker.ready.then((r) => r.getNotifications())"
                + ".then((shown) => shown.map((n) => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url})))");
    }
}

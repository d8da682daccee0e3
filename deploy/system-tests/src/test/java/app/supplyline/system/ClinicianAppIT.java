package app.supplyline.system;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Sharing end to end in two real headless Chromium profiles, one per person: the clinician creates a cohort in the
 * app, the parent joins it with the code; the parent's supply drops, the clinician is alerted and the alert opens the
 * parent's trend; the clinician sees the parent at risk in the list and their trend; the parent
 * sees that read in the access log and stops sharing; the clinician's patient page then says the data is no longer
 * shared.
 */
class ClinicianAppIT extends AgainstTheStack {

    @Test
    void aParentJoinsTheCohortWithItsCodeTheClinicianFollowsThemAndLosesTheViewWhenTheParentRevokes() {
        String clinician = stack.newUser("clinician");
        String parent = stack.newUser("parent");
        try (BrowserContext clinicianBrowser = Browsers.newContext(); BrowserContext parentBrowser = Browsers.newContext()) {
            Page desk = clinicianBrowser.newPage();
            Browsers.signIn(desk, stack.web(), clinician, clinician + "-dev");
            assertThat(desk.locator("#nav-cohorts")).isVisible();
            desk.fill("input[name=name]", "Tuesday clinic");
            desk.click("#create-cohort");
            assertThat(desk.locator("#cohorts li")).hasCount(1);
            String first = desk.locator("#cohorts .invite-code").textContent();
            desk.onceDialog(dialog -> dialog.accept());
            desk.click("#cohorts .rotate");
            assertThat(desk.locator("#cohorts .invite-code")).not().hasText(first);
            String code = desk.locator("#cohorts .invite-code").textContent();
            JsonPath cohorts = stack.as(clinician).get(stack.analytics() + "/api/cohorts").then().statusCode(200).extract().jsonPath();
            assertEquals("Tuesday clinic", cohorts.getString("items[0].name"));
            assertEquals(cohorts.getString("items[0].inviteCode"), code, "the code shown is the cohort's");
            String cohortId = cohorts.getString("items[0].id");

            Page phone = Browsers.signedInParent(parentBrowser, stack.web(), parent);
            phone.click("#nav-sharing");
            assertThat(phone.locator("#no-consents")).isVisible();
            phone.fill("input[name=inviteCode]", "not a code");
            phone.click("#join");
            assertThat(phone.locator("#sharing-error")).hasText("This is not an invite code: a code looks like ABCDE-FGHJK.");
            phone.fill("input[name=inviteCode]", "ABCDE-FGHJK"); // well formed, nobody's
            phone.click("#join");
            assertThat(phone.locator("#sharing-error")).containsText("This code is not valid");
            assertThat(phone.locator("#no-consents")).isVisible();
            phone.fill("input[name=inviteCode]", first); // replaced: it no longer works
            phone.click("#join");
            assertThat(phone.locator("#sharing-error")).containsText("This code is not valid");
            phone.fill("input[name=inviteCode]", code.toLowerCase().replace("-", ""));
            phone.click("#join");
            assertThat(phone.locator("#joined")).containsText("Tuesday clinic");
            assertThat(phone.locator("#consents li[data-cohort='" + cohortId + "']")).isVisible();

            String parentId = journeys.subject(parent);
            desk.click("#cohorts .open-cohort");
            assertThat(desk.locator("#patients li[data-parent='" + parentId + "'] .badge")).containsText("Not enough data yet");

            // three weeks synced, the last one lower: the clinician is alerted, and the alert leads to the parent
            journeys.supplyDrop(parent, Journeys.MIDDAY, "clinic-");
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> journeys.inbox(clinician, "CLINICIAN_ALERT").size() == 1);
            desk.reload();
            assertThat(desk.locator("#patients li")).hasCount(1);
            assertThat(desk.locator("#patients li[data-parent='" + parentId + "'] .badge")).containsText("Time to ask for help");
            desk.check("fieldset input[value=STABLE]");
            assertThat(desk.locator("#no-patients")).isVisible();
            desk.check("fieldset input[value=SEEK_HELP]");
            assertThat(desk.locator("#patients li[data-parent='" + parentId + "']")).isVisible();
            desk.click("#nav-alerts");
            assertThat(desk.locator("#inbox-list li[data-kind=CLINICIAN_ALERT]")).hasCount(1);
            // the clinician's night: quiet hours in their own timezone, no reminder settings
            assertThat(desk.locator("input[name=remindersEnabled]")).hasCount(0);
            desk.check("input[name=quiet]");
            desk.fill("input[name=quietStart]", "20:00");
            desk.fill("input[name=quietEnd]", "07:30");
            desk.selectOption("select[name=timezone]", "America/New_York");
            desk.click("#settings-save");
            assertThat(desk.locator("#settings-saved")).hasText("Saved.");
            JsonPath prefs = stack.as(clinician).get(stack.notification() + "/api/preferences").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals("20:00", prefs.getString("quietHours.start"));
            assertEquals("07:30", prefs.getString("quietHours.end"));
            assertEquals("America/New_York", prefs.getString("timezone"));
            desk.click("#inbox-list .open-parent");
            desk.waitForURL("**/#/patient/" + cohortId + "/" + parentId);
            assertThat(desk.locator("#status-title")).hasText("Time to ask for help");
            JsonPath seen = stack.as(clinician).get(stack.analytics() + "/api/cohorts/" + cohortId + "/patients/" + parentId
                    + "/trends?days=28").then().statusCode(200).extract().jsonPath();
            assertThat(desk.locator("#why")).hasText(seen.getString("explanation.why"));
            assertThat(desk.locator("#chart svg")).isVisible();
            assertThat(desk.locator("#advice")).isEmpty();

            phone.click("#consents .show-log");
            assertThat(phone.locator("#consents .access-log li").first()).containsText("your trend");
            phone.onceDialog(dialog -> dialog.accept());
            phone.click("#consents .revoke");
            assertThat(phone.locator("#no-consents")).isVisible();

            desk.reload();
            assertThat(desk.locator("#not-shared")).containsText("no longer shares");
            assertThat(desk.locator("#status-title")).hasCount(0);
            stack.as(clinician).get(stack.analytics() + "/api/cohorts/" + cohortId + "/patients/" + parentId + "/trends")
                    .then().statusCode(404);
        }
    }
}

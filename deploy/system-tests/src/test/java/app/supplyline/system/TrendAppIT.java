package app.supplyline.system;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Trend screen in a real headless Chromium: a parent whose three weeks of pumping were synced at once (21 days,
 * the last 7 lower) sees the status card and the chart, and every number they show is the one
 * {@code GET /api/trends/me} gives.
 */
class TrendAppIT extends AgainstTheStack {

    @Test
    void aParentWithThreeWeeksOfHistorySeesTheChartsDailyTotalsAndTheStatusCardsNumbersAsTheApiGivesThem() {
        String parent = stack.newUser("parent");
        try (BrowserContext context = Browsers.newContext()) {
            Page page = Browsers.signedInParent(context, stack.web(), parent);

            JsonPath synced = journeys.supplyDrop(parent, Journeys.MIDDAY, "trend-");
            assertEquals(21 * 8, synced.getList("results.findAll { it.status == 201 }").size());
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    "SEEK_HELP".equals(stack.as(parent).get(stack.analytics() + "/api/trends/me").then().extract().path("status")));
            JsonPath trend = stack.as(parent).get(stack.analytics() + "/api/trends/me?days=28").then().statusCode(200).extract().jsonPath();

            page.click("#nav-trend");
            assertThat(page.locator("#status-title")).hasText("Time to ask for help");
            assertThat(page.locator("#why")).hasText(trend.getString("explanation.why"));
            assertThat(page.locator("#current-avg")).hasText(number(trend.getDouble("currentAvgMl"), 0) + " mL a day");
            assertThat(page.locator("#baseline-avg")).hasText(number(trend.getDouble("baselineAvgMl"), 0) + " mL a day");
            assertThat(page.locator("#change")).hasText(number(trend.getDouble("changePct"), 1) + " %");
            assertThat(page.locator("#removals")).hasText(number(trend.getDouble("removalsPerDay"), 1));
            assertThat(page.locator("#advice")).containsText("lactation consultant");

            List<Map<String, Object>> days = trend.getList("days");
            assertEquals(28, days.size(), "27 days and today so far");
            page.click("summary");
            Locator rows = page.locator("#days tbody tr");
            assertThat(rows).hasCount(days.size());
            // the chart's module comes with the first chart: its description is there once it is drawn
            assertThat(page.locator("#chart")).hasAttribute("aria-label", java.util.regex.Pattern.compile("^Daily volume.*"));
            String chart = page.locator("#chart").getAttribute("aria-label");
            assertTrue(chart.startsWith("Daily volume and removals per day"), chart);
            int withVolume = 0;
            for (Map<String, Object> day : days) {
                Locator row = page.locator("#days tr[data-date='" + day.get("date") + "']");
                long total = Math.round(((Number) day.get("totalMl")).doubleValue());
                assertThat(row.locator(".volume")).hasText(number(total, 0));
                assertThat(row.locator(".removals")).hasText(String.valueOf(day.get("removals")));
                // the chart's description (ECharts' aria label, made from the arrays the series draw)
                String label = row.locator("td").first().textContent();
                String point = label + ": " + number(total, 0) + " mL; Removals: " + day.get("removals") + ".";
                assertTrue(chart.contains(point), point + " in " + chart);
                withVolume += total > 0 ? 1 : 0;
            }
            assertEquals(21, withVolume, "the 21 synced days, nothing else");
            // the bars drawn: 14 days at 816 mL and 7 at 576 mL, their heights in that ratio
            @SuppressWarnings("unchecked")
            List<Number> heights = (List<Number>) page.locator("#chart").evaluate("(chart) => [...chart.querySelectorAll("
                    + "'path[fill=\"#2f6f62\"]')].map((p) => p.getBBox()).filter((b) => b.y > 30).map((b) => b.height)");
            assertEquals(days.size(), heights.size(), "a bar for each day (the legend's mark is above the grid): " + heights);
            List<Double> drawn = heights.stream().map(Number::doubleValue).filter(h -> h > 1).sorted().toList();
            assertEquals(21, drawn.size(), "a bar for each day with volume: " + heights);
            assertEquals(816.0 / 576.0, drawn.get(20) / drawn.get(0), 0.02, "bar heights as the totals: " + drawn);
        }
    }

    /** As the app's Intl.NumberFormat('en-US', {maximumFractionDigits}) writes it. */
    private static String number(double value, int digits) {
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMaximumFractionDigits(digits);
        format.setRoundingMode(RoundingMode.HALF_UP);
        return format.format(value);
    }
}

package app.supplyline.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journey 2: the same 30 % drop, but with 4 pumpings a day. Too few removals is the cause to address first: WATCH
 * with FREQUENCY_LOW and one tip, never SEEK_HELP, and nothing for the clinician.
 */
class FrequencyJourneyIT extends AgainstTheStack {


    @Test
    void aDropWithTooFewRemovalsGivesATipAndNoAlarm() {
        ZoneId zone = Journeys.MIDDAY;
        String parent = stack.newUser("parent");
        String clinician = stack.newUser("clinician");
        journeys.profile(parent, zone);
        String phone = journeys.phone(parent);
        journeys.consent(parent, clinician);
        journeys.pumpingDays(parent, zone, 14, 1, 4, d -> d > 7 ? 100 : 70, "j2-");

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> "WATCH".equals(journeys.trend(parent).getString("status")));
        assertEquals(List.of("FREQUENCY_LOW"), journeys.trend(parent).getList("reasons"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> journeys.pushes(phone, "TIP").size() == 1);
        // the tip quotes the parent's own figures: 4 removals a day in this journey
        assertTrue(journeys.pushes(phone, "TIP").get(0).contains("you removed milk 4 times a day on average"),
                journeys.pushes(phone, "TIP").get(0));

        await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() -> true);
        assertEquals(0, journeys.pushes(phone, "SEEK_HELP").size());
        assertEquals(1, journeys.inbox(parent, "TIP").size());
        assertEquals(0, journeys.inbox(parent, "SEEK_HELP").size());
        assertEquals(0, journeys.inbox(clinician, "CLINICIAN_ALERT").size());
    }
}

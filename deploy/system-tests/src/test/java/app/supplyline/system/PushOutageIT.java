package app.supplyline.system;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fault: the push service refuses for a while (503 with Retry-After), then accepts — the reminder reaches the phone
 * exactly once after the retries; a push service answering 410 Gone removes the subscription, and the inbox keeps
 * the message; a push service redirecting (303, 307 to the very subscription) is not followed.
 */
class PushOutageIT extends AgainstTheStack {

    @Test
    void aPushRefusedWith503IsDeliveredOnceWhenThePushServiceRecovers() {
        String parent = stack.newUser("parent");
        journeys.profile(parent, Journeys.MIDDAY);
        String phone = journeys.phone(parent);
        stack.components().push().answerNext(phone, 503, "1", 3);
        journeys.reminderDue(parent);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> journeys.pushes(phone, "REMINDER").size() == 1);
        assertTrue(stack.components().push().refused().stream().filter(r -> r.contains(phone)).count() >= 3,
                "three refusals before the delivery: " + stack.components().push().refused());
        await().during(Duration.ofSeconds(20)).atMost(Duration.ofSeconds(25))
                .until(() -> journeys.pushes(phone, "REMINDER").size() == 1);
        assertEquals(1, journeys.inbox(parent, "REMINDER").size());
    }

    @Test
    void aPushAnswered410RemovesTheSubscriptionAndTheInboxKeepsTheMessage() {
        String parent = stack.newUser("parent");
        journeys.profile(parent, Journeys.MIDDAY);
        String phone = journeys.phone(parent);
        stack.components().push().answerNext(phone, 410, null, 1);
        journeys.reminderDue(parent);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> stack.as(parent).get(stack.notification() + "/api/push/subscriptions").then().statusCode(200)
                        .extract().jsonPath().getList("items").isEmpty());
        stack.as(parent).get(stack.notification() + "/api/push/subscriptions").then().body("items", empty());
        assertEquals(0, journeys.pushes(phone, "REMINDER").size());
        assertEquals(1, journeys.inbox(parent, "REMINDER").size());
    }

    @Test
    void aPushServiceThatRedirectsIsNotFollowed() throws Exception {
        String parent = stack.newUser("parent");
        journeys.profile(parent, Journeys.MIDDAY);
        String seeOther = journeys.phone(parent);
        String temporary = journeys.phone(parent);
        // each redirect points at the same subscription: a client that followed it would deliver the push
        stack.components().push().answerNext(seeOther, 303, null, 1);
        stack.components().push().answerNext(temporary, 307, null, 1);
        journeys.reminderDue(parent);

        NotificationDatabase db = new NotificationDatabase(stack);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> db.deliveriesToDevice(seeOther).size() == 1 && db.deliveriesToDevice(temporary).size() == 1
                        && "FAILED".equals(db.deliveriesToDevice(seeOther).get(0).state())
                        && "FAILED".equals(db.deliveriesToDevice(temporary).get(0).state()));
        assertEquals("push service answered 303", db.deliveriesToDevice(seeOther).get(0).lastError());
        assertEquals("push service answered 307", db.deliveriesToDevice(temporary).get(0).lastError());
        assertEquals(0, stack.components().push().received(seeOther).size(), "the 303 was not followed");
        assertEquals(0, stack.components().push().received(temporary).size(), "the 307 was not followed");
        assertEquals(1, journeys.inbox(parent, "REMINDER").size());
    }
}

package app.supplyline.system;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS rebinding: a push service's name that resolved to a public address when the browser subscribed and resolves
 * to this machine now. notification-service checks the address again before each send and connects only to the
 * address it checked, so the push is refused without any connection. The name comes from notification-service's
 * hosts file (SystemStack), where it resolves to 127.0.0.1; that the name once resolved elsewhere is recreated by
 * storing the subscription as the subscribe endpoint would have — no public address is used, nothing leaves the
 * machine.
 */
class PushRebindingIT extends AgainstTheStack {

    @Test
    void aPushServiceNameNowResolvingToThisMachineIsRefusedAtSubscribeAndAtSendTimeAndNothingIsSent() throws Exception {
        String parent = stack.newUser("parent");
        journeys.profile(parent, Journeys.MIDDAY);
        Map<String, Object> device = RestAssured.given().post(stack.push() + "/subscriptions").then().statusCode(201)
                .extract().as(Map.class);
        String deviceId = ((String) device.get("endpoint")).substring(((String) device.get("endpoint")).lastIndexOf('/') + 1);
        String rebound = "https://" + SystemStack.REBOUND_HOST + ":" + URI.create(stack.push()).getPort() + "/push/" + deviceId;

        // subscribing now: the name resolves to loopback, refused for its field
        stack.as(parent).contentType(ContentType.JSON).body(Map.of("endpoint", rebound, "keys", device.get("keys")))
                .post(stack.notification() + "/api/push/subscriptions").then().statusCode(400)
                .body("errors[0].field", equalTo("endpoint"))
                .body("errors[0].message", containsString("loopback"));

        // the subscription as it was stored when the name still resolved to a public address
        UUID subscriptionId = UUID.randomUUID();
        @SuppressWarnings("unchecked")
        Map<String, String> keys = (Map<String, String>) device.get("keys");
        NotificationDatabase db = new NotificationDatabase(stack);
        db.insertSubscription(subscriptionId, subjectOf(parent), rebound, keys.get("p256dh"), keys.get("auth"));

        journeys.reminderDue(parent);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> db.deliveriesTo(subscriptionId).stream().anyMatch(d -> "FAILED".equals(d.state())));
        assertEquals(List.of(new NotificationDatabase.Delivery("FAILED",
                "endpoint refused: host resolves to a loopback address")), db.deliveriesTo(subscriptionId));
        assertEquals(1, journeys.inbox(parent, "REMINDER").size(), "the inbox keeps the reminder");
        assertTrue(stack.components().push().received(deviceId).isEmpty(), "nothing reached the push service");
    }

    /** The user's id in the services: the sub claim of their token. */
    private static String subjectOf(String user) {
        String claims = new String(Base64.getUrlDecoder().decode(stack.token(user).split("\\.")[1]), StandardCharsets.UTF_8);
        return io.restassured.path.json.JsonPath.from(claims).getString("sub");
    }
}

package app.supplyline.notification.support;

import app.supplyline.local.LocalPushService;
import app.supplyline.local.testing.TestTokens;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/** HTTP calls as a given user, with a signed token like Keycloak's. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String subject, String role) {
        return RestAssured.given().auth().oauth2(TestTokens.token(subject, role));
    }

    /** Registers the local push service's subscription for the user, as a browser would; returns its id here. */
    public static String register(String subject, String role, LocalPushService.Subscription s) {
        return as(subject, role).contentType(ContentType.JSON).body(new JsonObject().put("endpoint", s.endpoint())
                        .put("keys", new JsonObject().put("p256dh", s.p256dh()).put("auth", s.auth())).put("label", "test phone").encode())
                .post("/api/push/subscriptions").then().statusCode(201).extract().path("id");
    }
}

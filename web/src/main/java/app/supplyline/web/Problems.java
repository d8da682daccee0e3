package app.supplyline.web;

import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.Response;

/** RFC 9457 problem details, as the services answer them. */
final class Problems {

    static final String TYPE = "application/problem+json";

    private Problems() {
    }

    static String json(int status, String title, String detail) {
        return new JsonObject().put("type", "about:blank").put("title", title).put("status", status)
                .put("detail", detail).encode();
    }

    static Response response(int status, String title, String detail) {
        return Response.status(status).type(TYPE).header("Cache-Control", "no-store")
                .entity(json(status, title, detail)).build();
    }
}

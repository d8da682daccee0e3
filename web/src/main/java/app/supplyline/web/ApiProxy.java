package app.supplyline.web;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Forwards the signed-in user's {@code /api/…} calls to the service that owns the path, with the user's access token
 * (refreshed by quarkus-oidc; never sent to the browser). Only the headers the API defines cross in either
 * direction; answers are never cached by the browser. An unknown path is a 404 problem here, not at a service.
 */
@Path("/api")
@Authenticated
public class ApiProxy {

    /** Request headers the services read. Cookies and the browser's Authorization never cross. */
    static final List<String> REQUEST_HEADERS = List.of("Content-Type", "Accept", "Accept-Language", "If-Match",
            "If-None-Match", "Idempotency-Key");
    /** Answer headers the app reads. */
    static final List<String> RESPONSE_HEADERS = List.of("Content-Type", "ETag", "Retry-After", "Content-Disposition",
            "Link");

    /** Encoded slash, backslash or dot, and dot segments: never forwarded. */
    static final Pattern UNSAFE_RAW = Pattern.compile("(?i)%2f|%5c|%2e|\\\\|/\\.\\.?(/|$)");
    /** A service that has not answered in this time gets the caller a 502. */
    static final long TIMEOUT_MS = 30_000;

    private final WebClient client;
    private final Upstreams upstreams;

    @Inject
    AccessTokenCredential accessToken;

    public ApiProxy(Vertx vertx, Upstreams upstreams) {
        this.client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false)
                .setConnectTimeout(5_000).setIdleTimeout(60).setMaxPoolSize(64));
        this.upstreams = upstreams;
    }

    @PreDestroy
    void close() {
        client.close();
    }

    @GET
    @Path("{path: .+}")
    public Uni<Response> get(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward(HttpMethod.GET, path, uri, headers, null);
    }

    @POST
    @Path("{path: .+}")
    public Uni<Response> post(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward(HttpMethod.POST, path, uri, headers, body);
    }

    @PUT
    @Path("{path: .+}")
    public Uni<Response> put(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers, byte[] body) {
        return forward(HttpMethod.PUT, path, uri, headers, body);
    }

    @DELETE
    @Path("{path: .+}")
    public Uni<Response> delete(@PathParam("path") String path, @Context UriInfo uri, @Context HttpHeaders headers) {
        return forward(HttpMethod.DELETE, path, uri, headers, null);
    }

    private Uni<Response> forward(HttpMethod method, String path, UriInfo uri, HttpHeaders headers, byte[] body) {
        String segment = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        String base = upstreams.baseFor(segment).orElse(null);
        // what is forwarded is the raw path: it must say exactly what was checked (no dot segments, no encoded
        // slashes or dots a service could decode differently)
        String raw = uri.getRequestUri().getRawPath();
        if (base == null || !raw.startsWith("/api/") || path.contains("..") || path.contains("//")
                || UNSAFE_RAW.matcher(raw).find()) {
            return Uni.createFrom().item(Problems.response(404, "Not found", "No Supplyline API at /api/" + path));
        }
        String target = base + raw + (uri.getRequestUri().getRawQuery() == null ? "" : "?" + uri.getRequestUri().getRawQuery());
        HttpRequest<Buffer> request = client.requestAbs(method, target).timeout(TIMEOUT_MS)
                .putHeader("Authorization", "Bearer " + accessToken.getToken());
        for (String name : REQUEST_HEADERS) {
            String value = headers.getHeaderString(name);
            if (value != null) {
                request.putHeader(name, value);
            }
        }
        Uni<HttpResponse<Buffer>> sent = body == null || body.length == 0 ? request.send()
                : request.sendBuffer(Buffer.buffer(body));
        return sent.map(ApiProxy::answer)
                .onFailure().recoverWithItem(e -> Problems.response(502, "Service unavailable",
                        "The " + segment + " service did not answer; try again in a moment."));
    }

    private static Response answer(HttpResponse<Buffer> upstream) {
        Response.ResponseBuilder answer = Response.status(upstream.statusCode());
        for (String name : RESPONSE_HEADERS) {
            String value = upstream.getHeader(name);
            if (value != null) {
                answer.header(name, value);
            }
        }
        String location = upstream.getHeader("Location");
        if (location != null) {
            // the service's own origin never reaches the browser: the same path under this origin, and only a path
            // of this API (never another site, never a //host)
            try {
                URI parsed = URI.create(location);
                String path = parsed.getRawPath();
                if (path != null && path.startsWith("/api/") && !path.startsWith("//")) {
                    answer.header("Location", path + (parsed.getRawQuery() == null ? "" : "?" + parsed.getRawQuery()));
                }
            } catch (IllegalArgumentException malformed) {
                // left out: the body still says what was created
            }
        }
        answer.header("Cache-Control", "no-store");
        Buffer body = upstream.body();
        return answer.entity(body == null ? null : body.getBytes()).build();
    }
}

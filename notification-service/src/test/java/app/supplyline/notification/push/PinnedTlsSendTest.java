package app.supplyline.notification.push;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The send to a checked address over TLS ({@link PushDispatcher#pin}): the connection goes to the address, and the
 * push service's name is the TLS server name, the Host header and the name its certificate is verified for — so a
 * real push service's certificate matches, and a certificate for another name is refused. A local https server with
 * a certificate for {@code tls.push.test} (made by the JDK's keytool) stands in for the push service; the client
 * trusts that certificate and is otherwise configured as the dispatcher's.
 */
class PinnedTlsSendTest {

    private static final String NAME = "tls.push.test";
    private static final String PASSWORD = "changeit-for-the-test";

    @TempDir
    static Path dir;

    static Vertx vertx;
    static HttpServer server;
    static WebClient client;
    static final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startTlsPushService() throws Exception {
        Path keystore = dir.resolve("push.p12");
        Path certificate = dir.resolve("push.pem");
        keytool("-genkeypair", "-alias", "push", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + NAME,
                "-ext", "san=dns:" + NAME, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "push", "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", certificate.toString());

        vertx = Vertx.vertx();
        server = vertx.createHttpServer(new HttpServerOptions().setSsl(true).setSni(true).setHost("127.0.0.1")
                        .setKeyCertOptions(new PfxOptions().setPath(keystore.toString()).setPassword(PASSWORD)))
                .requestHandler(request -> {
                    seen.add("sni=" + request.connection().indicatedServerName() + " host=" + request.authority().host());
                    request.response().setStatusCode(201).end();
                });
        server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        // the dispatcher's options, trusting the test certificate instead of the JDK's certificate authorities
        WebClientOptions options = PushDispatcher.clientOptions();
        assertTrue(options.isVerifyHost() && !options.isTrustAll(), "the dispatcher verifies every certificate");
        client = WebClient.create(vertx, options.setTrustOptions(new PemTrustOptions().addCertPath(certificate.toString())));
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theSendGoesToTheCheckedAddressWithThePushServicesNameForTlsAndHost() throws Exception {
        seen.clear();
        HttpResponse<Buffer> response = send(NAME);
        assertEquals(201, response.statusCode());
        assertEquals(List.of("sni=" + NAME + " host=" + NAME), seen);
    }

    @Test
    void aCertificateForAnotherNameIsRefused() {
        seen.clear();
        ExecutionException refused = assertThrows(ExecutionException.class, () -> send("other.push.test"));
        assertTrue(refused.getCause() instanceof javax.net.ssl.SSLException
                || refused.getCause().getCause() instanceof javax.net.ssl.SSLException, refused.toString());
        assertTrue(seen.isEmpty(), "no request reached the server: " + seen);
    }

    /** A push to https://<name>:<port>/push/x pinned to 127.0.0.1, as the dispatcher sends it. */
    private static HttpResponse<Buffer> send(String name) throws Exception {
        URI uri = URI.create("https://" + name + ":" + server.actualPort() + "/push/x");
        HttpRequest<Buffer> request = client.postAbs(uri.toString());
        PushDispatcher.pin(request, new PushEndpoints.Target(uri, InetAddress.getByAddress(name, new byte[] {127, 0, 0, 1})));
        return request.sendBuffer(Buffer.buffer("push")).toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool finished");
        assertEquals(0, process.exitValue(), "keytool " + String.join(" ", args) + ": " + output);
    }
}

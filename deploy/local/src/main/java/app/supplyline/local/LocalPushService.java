package app.supplyline.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A push service on this machine that behaves like the browsers' ones (Mozilla autopush, FCM) for Supplyline's
 * tests, benchmark and local stack: it hands out subscriptions (a P-256 key pair and an auth secret it keeps, as a
 * browser would), accepts pushes on {@code /push/{id}} only with a valid VAPID token (RFC 8292: ES256 signature by
 * the {@code k} key, audience = this origin, unexpired, with a subject), decrypts their aes128gcm payload
 * (RFC 8291/8188) with the subscription's private key, and records what arrived. Tests can script answers
 * (410 Gone, 503 with Retry-After) for the next pushes to a subscription.
 *
 * <p>Developers: {@code POST /subscriptions} returns a PushSubscription JSON to register with the
 * notification-service; {@code GET /pushes} lists what arrived, decrypted.
 */
public final class LocalPushService implements Server {

    /** A push as the device would see it, after decryption. */
    public record Received(String subscriptionId, String payload, long ttl, String urgency, String topic,
            String vapidSubject, Instant receivedAt) {
    }

    /** What the notification-service must be given: the browser's PushSubscription JSON fields. */
    public record Subscription(String id, String endpoint, String p256dh, String auth) {
    }

    private record Keys(KeyPair pair, byte[] uncompressed, byte[] auth) {
    }

    private record Scripted(int status, String retryAfter) {
    }

    private static final Pattern VAPID = Pattern.compile("vapid\\s+t=([^,\\s]+)\\s*,\\s*k=([A-Za-z0-9_-]+)");
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The P-256 curve's parameters, to rebuild public keys from their uncompressed points. */
    private static final ECParameterSpec P256 = p256();

    private final int port;
    private final Map<String, Keys> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Deque<Scripted>> scripts = new ConcurrentHashMap<>();
    /** Tokens already verified, with their subject: like real push services, a reused token is checked once. */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(String subject, Instant expires) {
    }
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private HttpServer server;

    public LocalPushService(int port) {
        this.port = port;
    }

    @Override
    public void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
        } catch (IOException e) {
            throw new StackException("The local push service cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/subscriptions", this::subscribeOverHttp);
        server.createContext("/push/", this::push);
        server.createContext("/pushes", this::list);
        server.start();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    public int port() {
        return server == null ? port : server.getAddress().getPort();
    }

    public String origin() {
        return "http://localhost:" + port();
    }

    /** A new subscription, as a browser's pushManager.subscribe() would create. */
    public Subscription subscribe() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = generator.generateKeyPair();
            byte[] auth = new byte[16];
            RANDOM.nextBytes(auth);
            byte[] uncompressed = uncompressed((ECPublicKey) pair.getPublic());
            String id = UUID.randomUUID().toString();
            subscriptions.put(id, new Keys(pair, uncompressed, auth));
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            return new Subscription(id, origin() + "/push/" + id, b64.encodeToString(uncompressed), b64.encodeToString(auth));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The next pushes to this subscription are answered with {@code status} (and Retry-After when not null; a 3xx
     * redirects to the subscription itself).
     */
    public void answerNext(String subscriptionId, int status, String retryAfter, int times) {
        Deque<Scripted> script = scripts.computeIfAbsent(subscriptionId, id -> new ArrayDeque<>());
        synchronized (script) {
            for (int i = 0; i < times; i++) {
                script.add(new Scripted(status, retryAfter));
            }
        }
    }

    /** Everything accepted so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    public List<Received> received(String subscriptionId) {
        return received.stream().filter(r -> r.subscriptionId().equals(subscriptionId)).toList();
    }

    /** Why pushes were refused (bad VAPID token, undecryptable body, scripted answers). */
    public List<String> refused() {
        return List.copyOf(refused);
    }

    private void push(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readAllBytes();
            String id = exchange.getRequestURI().getPath().substring("/push/".length());
            Keys keys = subscriptions.get(id);
            if (!"POST".equals(exchange.getRequestMethod()) || keys == null) {
                answer(exchange, 404, null, "no such subscription");
                return;
            }
            Deque<Scripted> script = scripts.get(id);
            Scripted next = null;
            if (script != null) {
                synchronized (script) {
                    next = script.poll();
                }
            }
            if (next != null) {
                if (next.status() == 410 || next.status() == 404) {
                    subscriptions.remove(id);
                }
                if (next.status() >= 300 && next.status() < 400) {
                    // a redirect to this very subscription: a client that followed it would deliver the push
                    exchange.getResponseHeaders().add("Location", origin() + "/push/" + id);
                }
                answer(exchange, next.status(), next.retryAfter(), "scripted");
                return;
            }
            String subject;
            try {
                subject = verifyVapid(exchange.getRequestHeaders().getFirst("Authorization"));
            } catch (IllegalArgumentException e) {
                answer(exchange, 401, null, "VAPID: " + e.getMessage());
                return;
            }
            String ttl = exchange.getRequestHeaders().getFirst("TTL");
            if (ttl == null || !ttl.matches("\\d+")) {
                answer(exchange, 400, null, "TTL header missing");
                return;
            }
            if (!"aes128gcm".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                answer(exchange, 415, null, "Content-Encoding must be aes128gcm");
                return;
            }
            String payload;
            try {
                payload = decrypt(body, keys);
            } catch (GeneralSecurityException | RuntimeException e) {
                answer(exchange, 400, null, "cannot decrypt: " + e);
                return;
            }
            received.add(new Received(id, payload, Long.parseLong(ttl), exchange.getRequestHeaders().getFirst("Urgency"),
                    exchange.getRequestHeaders().getFirst("Topic"), subject, Instant.now()));
            exchange.getResponseHeaders().add("Location", origin() + "/messages/" + UUID.randomUUID());
            exchange.sendResponseHeaders(201, -1);
        }
    }

    private void answer(HttpExchange exchange, int status, String retryAfter, String why) throws IOException {
        if (status >= 300) {
            refused.add(status + " " + exchange.getRequestURI().getPath() + ": " + why);
        }
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] text = why.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, text.length);
        exchange.getResponseBody().write(text);
    }

    /** Checks the VAPID token against its own key, this origin and the clock; returns its subject. */
    private String verifyVapid(String authorization) {
        if (authorization == null) {
            throw new IllegalArgumentException("no Authorization header");
        }
        Matcher m = VAPID.matcher(authorization);
        if (!m.find()) {
            throw new IllegalArgumentException("Authorization is not 'vapid t=…, k=…'");
        }
        Verified known = verified.get(m.group(1) + " " + m.group(2));
        if (known != null && known.expires().isAfter(Instant.now())) {
            return known.subject();
        }
        try {
            ECPublicKey key = publicKey(Base64.getUrlDecoder().decode(m.group(2)));
            JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(key).setExpectedAudience(origin())
                    .setRequireExpirationTime().setMaxFutureValidityInMinutes(24 * 60).setRequireSubject()
                    .build().processToClaims(m.group(1));
            if (verified.size() > 10_000) {
                verified.clear();
            }
            verified.put(m.group(1) + " " + m.group(2), new Verified(claims.getSubject(),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue())));
            return claims.getSubject();
        } catch (InvalidJwtException | GeneralSecurityException | org.jose4j.jwt.MalformedClaimException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** RFC 8291 with the RFC 8188 aes128gcm content coding, a single record. */
    private static String decrypt(byte[] body, Keys keys) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        byte[] asPublic = new byte[in.get() & 0xff];
        in.get(asPublic);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (recordSize < 18 || ciphertext.length > recordSize) {
            throw new GeneralSecurityException("record size " + recordSize + " for " + ciphertext.length + " bytes");
        }
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(keys.pair().getPrivate());
        ecdh.doPhase(publicKey(asPublic), true);
        byte[] shared = ecdh.generateSecret();
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), keys.uncompressed(), asPublic);
        byte[] ikm = hkdf(keys.auth(), shared, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = aes.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 2) {
            throw new GeneralSecurityException("no last-record padding delimiter");
        }
        return new String(padded, 0, end, StandardCharsets.UTF_8);
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        hkdf.generateBytes(out, 0, length);
        return out;
    }

    private static ECPublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        if (uncompressed.length != 65 || uncompressed[0] != 4) {
            throw new GeneralSecurityException("not an uncompressed P-256 point");
        }
        ECPoint point = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, P256));
    }

    private static ECParameterSpec p256() {
        try {
            java.security.AlgorithmParameters parameters = java.security.AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        byte[] x = unsigned(key.getW().getAffineX());
        byte[] y = unsigned(key.getW().getAffineY());
        System.arraycopy(x, 0, out, 1 + 32 - x.length, x.length);
        System.arraycopy(y, 0, out, 33 + 32 - y.length, y.length);
        return out;
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes.length > 32 ? Arrays.copyOfRange(bytes, bytes.length - 32, bytes.length) : bytes;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }

    private void subscribeOverHttp(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                answer(exchange, 405, null, "POST to create a subscription");
                return;
            }
            Subscription s = subscribe();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("endpoint", s.endpoint());
            body.put("keys", Map.of("p256dh", s.p256dh(), "auth", s.auth()));
            respondJson(exchange, 201, body);
        }
    }

    private void list(HttpExchange exchange) throws IOException {
        try (exchange) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Received r : received) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("subscriptionId", r.subscriptionId());
                item.put("receivedAt", r.receivedAt().toString());
                item.put("ttl", r.ttl());
                item.put("urgency", r.urgency());
                item.put("topic", r.topic());
                item.put("payload", r.payload());
                out.add(item);
            }
            respondJson(exchange, 200, Map.of("received", out, "refused", refused));
        }
    }

    private void respondJson(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}

package app.supplyline.notification.push;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which push endpoints may be called: no address of the service's own network, in any notation; no DNS used here. */
class PushEndpointsTest {

    /** Names resolve only to the addresses given here (IP literals, so even this map asks nothing of DNS). */
    private static PushEndpoints endpoints(Map<String, String> names, String localPushService, List<String> allowed) {
        HostResolver resolver = host -> {
            String address = names.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByName(address)};
        };
        return new PushEndpoints(resolver, Optional.ofNullable(localPushService), Optional.of(allowed), List.of("test"));
    }

    @Test
    void ipAddressesInAnyNotationAndLocalNamesAreRefusedWithoutAnyLookup() {
        PushEndpoints endpoints = endpoints(Map.of(), "http://localhost:8184", List.of());
        for (String endpoint : List.of("https://169.254.169.254/latest/meta-data", "https://127.0.0.1:8082/api/admin/rebuild",
                "https://10.0.0.5:8443/x", "https://192.168.1.1/x", "https://172.16.0.1/x", "https://[::1]/x",
                "https://0.0.0.0/x", "https://2130706433/x", "https://0x7f000001/x", "https://0177.0.0.1/x",
                "https://127.1/x", "https://[::ffff:127.0.0.1]/x", "https://[fd00::1]/x", "https://localhost:5433/",
                "https://metadata/computeMetadata", "http://push.example.com/x", "ftp://push.example.com/x",
                "https://user@push.example.com/x", "https:///x", "not a url")) {
            PushEndpoints.Refused refused = assertThrows(PushEndpoints.Refused.class, () -> endpoints.check(endpoint), endpoint);
            assertTrue(!refused.getMessage().isBlank(), endpoint);
        }
    }

    @Test
    void namesThatResolveIntoThePrivateNetworkAreRefusedAndPublicOnesGetTheAddressChecked() throws Exception {
        Map<String, String> names = Map.of("metadata.push.test", "169.254.169.254", "internal.push.test", "10.0.0.5",
                "home.push.test", "192.168.1.1", "cgnat.push.test", "100.64.0.1", "loop.push.test", "127.0.0.2",
                "ula.push.test", "fd12:3456::1", "mapped.push.test", "::ffff:10.0.0.1", "sixtofour.push.test", "2002:a00:1::1",
                "docs.push.test", "192.0.2.1", "public.push.test", "8.8.8.8");
        PushEndpoints endpoints = endpoints(names, null, List.of());
        for (String host : List.of("metadata", "internal", "home", "cgnat", "loop", "ula", "mapped", "sixtofour", "docs")) {
            PushEndpoints.Refused refused = assertThrows(PushEndpoints.Refused.class,
                    () -> endpoints.resolve("https://" + host + ".push.test/x"), host);
            assertTrue(refused.getMessage().startsWith("host resolves to a "), refused.getMessage());
        }
        PushEndpoints.Refused unknown = assertThrows(PushEndpoints.Refused.class,
                () -> endpoints.resolve("https://unknown.push.test/x"));
        assertEquals("host does not resolve", unknown.getMessage());
        assertTrue(unknown.isTransient(), "DNS may answer later: retried, not dropped");
        PushEndpoints.Target target = endpoints.resolve("https://public.push.test/x");
        assertEquals("8.8.8.8", target.address().getHostAddress(), "the send connects to the address checked");
        assertEquals("public.push.test", target.uri().getHost());
    }

    @Test
    void theLocalPushServiceIsAllowedOnlyAtItsExactOriginAndAnAllowListNamesThePushServices() throws Exception {
        assertThrows(PushEndpoints.Refused.class, () -> endpoints(Map.of(), null, List.of()).check("http://localhost:8184/push/1"));
        PushEndpoints.Target local = endpoints(Map.of(), "http://localhost:8184", List.of()).resolve("http://localhost:8184/push/1");
        assertNull(local.address(), "the local push service is called by name");
        // and only its origin and its push path: not another service on the same machine
        for (String endpoint : List.of("http://127.0.0.1:8082/api/admin/rebuild", "http://localhost:8082/push/1",
                "http://127.0.0.1:8184/push/1", "http://localhost/push/1", "http://localhost:8184/push/../api/x",
                "http://localhost:8184/push/1?x=1", "http://localhost:8184/api/x")) {
            assertThrows(PushEndpoints.Refused.class, () -> endpoints(Map.of(), "http://localhost:8184", List.of()).check(endpoint),
                    endpoint);
        }
        // only http on the configured origin: an https name that resolves to loopback is refused even then
        assertThrows(PushEndpoints.Refused.class, () -> endpoints(Map.of("rebound.push.test", "127.0.0.1"),
                "http://localhost:8184", List.of()).resolve("https://rebound.push.test/x"));
        // the origin itself must be an http origin on this machine: a service misconfigured so does not start
        for (String origin : List.of("https://localhost:8184", "http://10.0.0.5:8184", "http://localhost",
                "http://localhost:8184/push", "http://push.example.com:8184")) {
            assertThrows(IllegalArgumentException.class, () -> endpoints(Map.of(), origin, List.of()), origin);
        }
        // and never under prod, whatever the environment says
        assertThrows(IllegalStateException.class, () -> new PushEndpoints(host -> new InetAddress[0],
                Optional.of("http://localhost:8184"), Optional.empty(), List.of("prod")));

        PushEndpoints listed = endpoints(Map.of("fcm.googleapis.com", "8.8.4.4"), null,
                List.of("fcm.googleapis.com", "push.apple.com"));
        assertEquals("8.8.4.4", listed.resolve("https://fcm.googleapis.com/fcm/send/abc").address().getHostAddress());
        listed.check("https://web.push.apple.com/QGuQyavXutnMH");
        assertEquals("is not a known push service",
                assertThrows(PushEndpoints.Refused.class, () -> listed.check("https://push.example.com/x")).getMessage());
        assertThrows(PushEndpoints.Refused.class, () -> listed.check("https://evilpush.apple.com.example.com/x"));
    }

    @Test
    void addressClassesFollowTheRegistries() throws Exception {
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("240.0.0.1")));
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("255.255.255.255")));
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("198.18.0.1")));
        assertEquals("multicast", PushEndpoints.forbidden(InetAddress.getByName("224.0.0.1")));
        assertEquals("link-local", PushEndpoints.forbidden(InetAddress.getByName("fe80::1")));
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("2001:db8::1")));
        assertNull(PushEndpoints.forbidden(InetAddress.getByName("2606:4700::1111")));
        assertEquals("loopback", PushEndpoints.forbidden(InetAddress.getByName("::7f00:1")), "IPv4-compatible");
        assertEquals("link-local", PushEndpoints.forbidden(InetAddress.getByName("::a9fe:a9fe")), "IPv4-compatible");
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("::ffff:0:7f00:1")), "SIIT");
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("2001::1")), "Teredo");
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("3fff::1")), "documentation");
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("5f00::1")), "not global unicast");
        assertEquals("reserved", PushEndpoints.forbidden(InetAddress.getByName("192.88.99.1")), "6to4 relay");
        assertNull(PushEndpoints.forbidden(InetAddress.getByName("172.32.0.1")), "just outside 172.16/12");
        assertEquals("private", PushEndpoints.forbidden(InetAddress.getByName("172.31.255.255")));
    }
}

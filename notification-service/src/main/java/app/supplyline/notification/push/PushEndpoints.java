package app.supplyline.notification.push;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which push endpoints notification-service calls, so that a subscription cannot make it call into the network it
 * runs in (SSRF): an https URL whose host is a DNS name — never an IP address, in any notation — that resolves only to
 * public addresses and, when {@code supplyline.push.allowed-hosts} is set (production), belongs to a known push
 * service. Checked when a browser subscribes and again before every send; the send then connects to the very address
 * checked, so a DNS answer that changes in between (rebinding) is never used. The local push service of the local
 * stack (plain http on this machine) is allowed only at the exact origin {@code supplyline.push.local-service}, on its
 * {@code /push/} path — set under the dev, test and local profiles, never in production.
 */
@ApplicationScoped
@Startup // its settings are checked when the service starts, not at the first push
public class PushEndpoints {

    /** An endpoint notification-service will not call, and why (a short text, safe to store and show). */
    public static final class Refused extends Exception {

        private final boolean transientFailure;

        Refused(String reason) {
            this(reason, false);
        }

        Refused(String reason, boolean transientFailure) {
            super(reason, null, false, false);
            this.transientFailure = transientFailure;
        }

        /** The name did not resolve: DNS may answer later, so a push is retried rather than dropped. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    /** Where to send: the URL, and the checked address to connect to (null: the local push service, by name). */
    public record Target(URI uri, InetAddress address) {
    }

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    /** A top-level domain starts with a letter: never all digits, nor 0x… — which rules out every IPv4 notation. */
    private static final Pattern TOP_LABEL = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private final HostResolver resolver;
    private final URI localService;
    private final List<String> allowedHosts;

    @Inject
    public PushEndpoints(HostResolver resolver,
            @ConfigProperty(name = "supplyline.push.local-service") Optional<String> localService,
            @ConfigProperty(name = "supplyline.push.allowed-hosts") Optional<List<String>> allowedHosts) {
        this(resolver, localService, allowedHosts, ConfigUtils.getProfiles());
    }

    /** With the active configuration profiles given: the local push service is refused under {@code prod}. */
    PushEndpoints(HostResolver resolver, Optional<String> localService, Optional<List<String>> allowedHosts,
            List<String> profiles) {
        this.resolver = resolver;
        this.localService = localService.map(String::strip).filter(o -> !o.isEmpty()).map(PushEndpoints::localOrigin)
                .orElse(null);
        if (this.localService != null && profiles.contains("prod")) {
            throw new IllegalStateException("supplyline.push.local-service is for the local stack and the tests: "
                    + "it is refused under the prod profile");
        }
        this.allowedHosts = allowedHosts.orElse(List.of()).stream().map(h -> h.strip().toLowerCase(Locale.ROOT))
                .filter(h -> !h.isEmpty()).toList();
    }

    /** Parses and checks an endpoint without any network access; throws the reason it is refused. */
    public URI check(String endpoint) throws Refused {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            throw new Refused("must be an https URL");
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            throw new Refused("must be an https URL");
        }
        if (uri.getUserInfo() != null || uri.getFragment() != null) {
            throw new Refused("must not carry user info or a fragment");
        }
        if (localPushService(uri)) {
            return uri;
        }
        if (!"https".equals(uri.getScheme())) {
            throw new Refused("must be an https URL");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!dnsName(host)) {
            throw new Refused("must name a push service's host: an IP address or a local name is not one");
        }
        if (!allowedHosts.isEmpty() && allowedHosts.stream().noneMatch(a -> host.equals(a) || host.endsWith("." + a))) {
            throw new Refused("is not a known push service");
        }
        return uri;
    }

    /**
     * {@link #check}, then resolves the host and picks the address to connect to; refused when any address it resolves
     * to is not public. Blocking: call it off the event loop.
     */
    public Target resolve(String endpoint) throws Refused {
        URI uri = check(endpoint);
        if (localPushService(uri)) {
            return new Target(uri, null);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw new Refused("host does not resolve", true);
        }
        if (addresses == null || addresses.length == 0) {
            throw new Refused("host does not resolve", true);
        }
        for (InetAddress address : addresses) {
            String kind = forbidden(address);
            if (kind != null) {
                throw new Refused("host resolves to a " + kind + " address");
            }
        }
        return new Target(uri, Arrays.stream(addresses).filter(a -> a instanceof Inet4Address).findFirst()
                .orElse(addresses[0]));
    }

    /** A failure's text as stored and logged: one line, printable, at most 200 characters. */
    static String shortText(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\p{Cntrl}]+", " ").strip();
        return line.length() <= 200 ? line : line.substring(0, 200) + "…";
    }

    /** The local stack's push service: its exact origin (scheme, host, port), and only its push path. */
    private boolean localPushService(URI uri) {
        return localService != null && "http".equals(uri.getScheme())
                && localService.getHost().equalsIgnoreCase(uri.getHost()) && localService.getPort() == uri.getPort()
                && uri.getRawPath() != null && uri.getRawPath().startsWith("/push/") && !uri.getRawPath().contains("..")
                && uri.getRawQuery() == null;
    }

    /** {@code supplyline.push.local-service}: an http origin on this machine with a port, or the service does not start. */
    static URI localOrigin(String origin) {
        URI uri;
        try {
            uri = new URI(origin);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("supplyline.push.local-service is not a URL: " + origin, e);
        }
        boolean originOnly = uri.getRawPath() == null || uri.getRawPath().isEmpty() || "/".equals(uri.getRawPath());
        if (!"http".equals(uri.getScheme()) || uri.getHost() == null || !LOOPBACK_NAMES.contains(uri.getHost().toLowerCase(Locale.ROOT))
                || uri.getPort() < 1 || !originOnly || uri.getRawQuery() != null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("supplyline.push.local-service must be an http origin on this machine "
                    + "with its port (http://localhost:8184): " + origin);
        }
        return uri;
    }

    /** At least two labels of letters, digits and hyphens, the last starting with a letter. */
    static boolean dnsName(String host) {
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        if (labels.length < 2 || !TOP_LABEL.matcher(labels[labels.length - 1]).matches()) {
            return false;
        }
        return Arrays.stream(labels).allMatch(l -> LABEL.matcher(l).matches());
    }

    /** Why notification-service must not call this address (loopback, private, …); null for a public address. */
    static String forbidden(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return "loopback";
        }
        if (address.isAnyLocalAddress()) {
            return "unspecified";
        }
        if (address.isLinkLocalAddress()) {
            return "link-local";
        }
        if (address.isSiteLocalAddress()) {
            return "private";
        }
        if (address.isMulticastAddress()) {
            return "multicast";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet6Address) {
            return forbidden6(b);
        }
        int ip = ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
        if (in(ip, 0x00000000, 8) || in(ip, 0xF0000000, 4)) {
            return "reserved";
        }
        if (in(ip, 0x64400000, 10)) {
            return "private"; // 100.64.0.0/10, shared by carrier-grade NAT
        }
        if (in(ip, 0xC0000000, 24) || in(ip, 0xC0000200, 24) || in(ip, 0xC6336400, 24) || in(ip, 0xCB007100, 24)
                || in(ip, 0xC6120000, 15) || in(ip, 0xC0586300, 24)) {
            return "reserved"; // IETF protocol assignments, documentation, benchmarking, the 6to4 relay
        }
        return null;
    }

    private static String forbidden6(byte[] b) {
        boolean mapped = true; // ::ffff:a.b.c.d
        for (int i = 0; i < 10; i++) {
            mapped &= b[i] == 0;
        }
        mapped &= (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean nat64 = b[0] == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        if (mapped || nat64) {
            return embedded(b, 12);
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return embedded(b, 2); // 6to4 carries the IPv4 address in bytes 2–5
        }
        boolean compatible = true; // ::a.b.c.d, the deprecated IPv4-compatible form
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        if (compatible) {
            return embedded(b, 12);
        }
        if ((b[0] & 0xfe) == 0xfc) {
            return "private"; // fc00::/7, unique local
        }
        if ((b[0] & 0xe0) != 0x20) {
            return "reserved"; // only 2000::/3 is global unicast
        }
        if (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xfe) == 0) {
            return "reserved"; // 2001::/23, IETF protocol assignments (Teredo among them)
        }
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && (b[3] & 0xff) == 0xb8) {
            return "reserved"; // 2001:db8::/32, documentation
        }
        if ((b[0] & 0xff) == 0x3f && (b[1] & 0xf0) == 0xf0) {
            return "reserved"; // 3fff::/20, documentation
        }
        return null;
    }

    private static String embedded(byte[] b, int from) {
        try {
            return forbidden(InetAddress.getByAddress(Arrays.copyOfRange(b, from, from + 4)));
        } catch (UnknownHostException e) {
            return "reserved";
        }
    }

    private static boolean in(int ip, int network, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (ip & mask) == (network & mask);
    }
}

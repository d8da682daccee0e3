package app.supplyline.notification.push;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Name resolution in tests: only the names a test put here resolve, to the addresses it chose; nothing is ever asked
 * of DNS, so no query leaves the machine.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class TestHostResolver implements HostResolver {

    static final Map<String, InetAddress[]> NAMES = new ConcurrentHashMap<>();

    /** Makes {@code host} resolve to {@code address} (an IP literal: no lookup). */
    static void map(String host, String address) throws UnknownHostException {
        NAMES.put(host, new InetAddress[] {InetAddress.getByName(address)});
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = NAMES.get(host);
        if (addresses == null) {
            throw new UnknownHostException(host + " (tests resolve no name through DNS)");
        }
        return addresses;
    }
}

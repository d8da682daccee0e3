package app.supplyline.notification.push;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Resolves a push service's host name (blocking: call it off the event loop). The JDK's resolver in production;
 * tests replace it, since they must never send a DNS query off the machine.
 */
@FunctionalInterface
public interface HostResolver {

    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The JDK's resolver. */
    @ApplicationScoped
    class Jdk {

        @Produces
        @DefaultBean
        @ApplicationScoped
        HostResolver jdk() {
            return InetAddress::getAllByName;
        }
    }
}

package app.supplyline.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the build of this module resolved: artifact versions, the Keycloak zip and the Kafka broker's classpath
 * in the local Maven repository. Written by Maven into the jar (see this module's pom).
 */
public final class BuildInfo {

    private static final Properties PROPS = load();

    private BuildInfo() {
    }

    public static String keycloakVersion() {
        return PROPS.getProperty("keycloak.version");
    }

    public static Path keycloakDistZip() {
        return Path.of(PROPS.getProperty("keycloak.dist.zip"));
    }

    /** deploy/keycloak-extensions' jar, as this build resolved it (the reactor's target/ or the local repository). */
    public static Path keycloakExtensionsJar() {
        return Path.of(PROPS.getProperty("keycloak.extensions.jar"));
    }

    public static String kafkaVersion() {
        return PROPS.getProperty("kafka.version");
    }

    public static String postgresVersion() {
        return PROPS.getProperty("postgres.version");
    }

    /** The Kafka broker's classpath: kafka_2.13 and its dependencies, as paths in the local Maven repository. */
    public static String kafkaBrokerClasspath() {
        return resource("supplyline-local/kafka-broker.classpath").trim();
    }

    private static Properties load() {
        Properties props = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/supplyline-local.properties")) {
            if (in == null) {
                throw new StackException("supplyline-local.properties is missing: build deploy/local with Maven");
            }
            props.load(in);
        } catch (IOException e) {
            throw new StackException("Cannot read supplyline-local.properties", e);
        }
        return props;
    }

    private static String resource(String name) {
        try (InputStream in = BuildInfo.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new StackException(name + " is missing: build deploy/local with Maven");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StackException("Cannot read " + name, e);
        }
    }
}

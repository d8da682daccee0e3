package app.supplyline.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/** Finds the {@code java} executables the children of the stack run on. */
public final class JavaRuntimes {

    private JavaRuntimes() {
    }

    /** The java launcher of the running JVM. */
    public static Path current() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * A Java home of at least {@code minimumFeature}: the running JVM's when new enough, else {@code JAVA_HOME}'s;
     * otherwise a clear error (Keycloak 26 needs Java 21).
     */
    public static Path homeAtLeast(int minimumFeature) {
        if (Runtime.version().feature() >= minimumFeature) {
            return Path.of(System.getProperty("java.home"));
        }
        String javaHome = System.getenv("JAVA_HOME");
        if (javaHome != null && !javaHome.isBlank()) {
            Path home = Path.of(javaHome);
            Optional<Integer> feature = featureOf(home);
            if (feature.isPresent() && feature.get() >= minimumFeature && Files.isExecutable(home.resolve("bin/java"))) {
                return home;
            }
        }
        throw new StackException("Java " + minimumFeature + " or newer is needed (this JVM is "
                + Runtime.version().feature() + ", JAVA_HOME=" + javaHome + "). Set JAVA_HOME to a JDK "
                + minimumFeature + "+ and run again.");
    }

    /** The feature version from a Java home's {@code release} file, e.g. 21 for JAVA_VERSION="21.0.4". */
    static Optional<Integer> featureOf(Path javaHome) {
        Path release = javaHome.resolve("release");
        if (!Files.isRegularFile(release)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (var in = Files.newBufferedReader(release)) {
            props.load(in);
        } catch (IOException e) {
            return Optional.empty();
        }
        String version = props.getProperty("JAVA_VERSION", "").replace("\"", "");
        String first = version.split("[.+-]")[0];
        try {
            int feature = Integer.parseInt(first);
            return Optional.of(feature == 1 ? Integer.parseInt(version.split("\\.")[1]) : feature);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }
}

package app.supplyline.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** One Supplyline service, run from its built {@code target/quarkus-app}. */
public final class ServiceProcess implements AutoCloseable {

    /** The configuration profile of every service the local stack, the system tests and the benchmarks start. */
    public static final String LOCAL_PROFILE = "local";

    private final String name;
    private final Path app;
    private final int port;
    private final Map<String, String> env;
    private final Path logFile;
    private ManagedProcess process;

    /**
     * A service run with {@code env} on top of this process's environment. Unless {@code env} names another, the
     * profile is {@code local}: the production build with development secrets, the local push service and Swagger UI
     * (the local stack, the system tests and the benchmarks); {@code prod} refuses to start without real secrets.
     */
    public ServiceProcess(String name, Path quarkusRunJar, int port, Map<String, String> env, Path logFile) {
        this.name = name;
        this.app = quarkusRunJar;
        this.port = port;
        Map<String, String> withProfile = new java.util.LinkedHashMap<>(env);
        withProfile.putIfAbsent("QUARKUS_PROFILE", LOCAL_PROFILE);
        this.env = Map.copyOf(withProfile);
        this.logFile = logFile;
    }

    public void start() {
        if (!Files.isRegularFile(app)) {
            throw new StackException(name + " is not built (" + app + " is missing): run ./mvnw -Pstack, which builds it.");
        }
        Ports.requireFree(port, name);
        process = ManagedProcess.start(name, List.of(JavaRuntimes.current().toString(),
                "-Xms64m", "-Xmx256m", "-XX:+UseSerialGC",
                "-jar", app.toString()), env, app.getParent(), logFile);
    }

    public void awaitReady(Duration timeout) {
        process.awaitReady(this::ready, timeout);
    }

    /** {@code kill -9}: no shutdown hook, no graceful close of consumers or transactions, as in a crash. */
    public void kill() {
        if (process != null && process.isAlive()) {
            process.signal("KILL");
            if (!process.waitForExit(Duration.ofSeconds(10))) {
                throw new StackException(name + " (pid " + process.pid() + ") survived SIGKILL");
            }
        }
    }

    /** Starts the service again after {@link #kill} or {@link #stop} and waits until it is ready. */
    public void restart(Duration timeout) {
        start();
        awaitReady(timeout);
    }

    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(20));
        }
    }

    @Override
    public void close() {
        stop();
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    private boolean ready() {
        return HttpProbe.answers200(url() + "/q/health/ready");
    }
}

package app.supplyline.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;

/**
 * The whole Supplyline stack on one machine, without Docker: PostgreSQL, Kafka, Keycloak, the three services and
 * the web app.
 * Started by {@code ./mvnw -Pstack}; runs in the foreground until Ctrl-C or SIGTERM, then stops every child.
 */
public final class LocalStack {

    /** Demo users of the dev realm (deploy/keycloak/supplyline-realm.json). Development only. */
    static final Map<String, String> DEMO_LOGINS = new LinkedHashMap<>();

    static {
        DEMO_LOGINS.put("parent1", "parent1-dev (role parent)");
        DEMO_LOGINS.put("parent2", "parent2-dev (role parent)");
        DEMO_LOGINS.put("clinician1", "clinician1-dev (role clinician)");
        DEMO_LOGINS.put("admin1", "admin1-dev (role admin)");
    }

    static final List<String> SERVICES = List.of("session", "analytics", "notification");
    /** The web app's database holds the signed-in users' tokens. */
    static final String WEB = "web";

    private final StackSettings settings;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final List<String> urls = new ArrayList<>();
    private KafkaServer kafka;
    private PostgresServer postgres;
    private LocalPushService push;
    private LocalMailServer mail;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> extraEnvironment = new LinkedHashMap<>();
    private final List<CompletableFuture<Void>> pending = new ArrayList<>();

    public LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    /**
     * Extra environment variables for one service ({@code notification-service}, …), on top of what the stack sets;
     * for tests (the system tests give notification-service a hosts file). Call before {@link #start}.
     */
    public LocalStack withEnvironment(String service, Map<String, String> env) {
        extraEnvironment.computeIfAbsent(service, s -> new LinkedHashMap<>()).putAll(env);
        return this;
    }

    public static void main(String[] args) throws InterruptedException {
        boolean fresh = false;
        Path projectDir = Path.of(System.getProperty("supplyline.project.dir", ".")).toAbsolutePath().normalize();
        for (String arg : args) {
            if (arg == null || arg.isBlank()) {
                continue; // an empty -Dstack.args arrives as a null or blank argument
            }
            switch (arg) {
                case "--fresh" -> fresh = true;
                default -> {
                    if (arg.startsWith("--project-dir=")) {
                        projectDir = Path.of(arg.substring("--project-dir=".length())).toAbsolutePath().normalize();
                    } else {
                        throw new StackException("Unknown option '" + arg + "'. Options: --fresh (wipe the data directory first)");
                    }
                }
            }
        }
        LocalStack stack = new LocalStack(StackSettings.fromEnvironment(projectDir));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the Supplyline stack ...");
            stack.stopAll();
            System.out.println("Stopped. Data kept in " + stack.settings.dataDir());
            stopped.countDown();
        }, "supplyline-stack-stop"));
        stack.start(fresh);
        stopped.await();
    }

    /** Starts every component; on any failure stops what was started and rethrows, naming the component. */
    public void start(boolean fresh) {
        long begin = System.nanoTime();
        try {
            if (fresh) {
                System.out.println("--fresh: wiping " + settings.dataDir());
                FileTrees.delete(settings.dataDir());
            }
            checkPortsFree();
            Files.createDirectories(settings.dataDir());
            boolean reused = Files.exists(settings.dataDir().resolve("postgres/pgdata/PG_VERSION"));
            System.out.println((reused ? "Reusing data in " : "New data directory ") + settings.dataDir());

            postgres = new PostgresServer(settings.postgresPort(), settings.dataDir().resolve("postgres"),
                    settings.cacheDir());
            kafka = new KafkaServer(settings.kafkaPort(), settings.kafkaControllerPort(),
                    settings.dataDir().resolve("kafka"));
            mail = new LocalMailServer(settings.smtpPort(), settings.dataDir().resolve("mail"));
            mail.start();
            started.push(mail);
            KeycloakServer keycloak = new KeycloakServer(settings.keycloakPort(), settings.keycloakManagementPort(),
                    settings.dataDir().resolve("keycloak"), settings.cacheDir(),
                    settings.projectDir().resolve("deploy/keycloak/supplyline-realm.json"),
                    Map.of("SUPPLYLINE_SMTP_PORT", Integer.toString(settings.smtpPort())));

            // Keycloak takes longest: it starts while PostgreSQL and Kafka come up.
            CompletableFuture<Void> keycloakReady = startAsync("Keycloak", keycloak);
            startAsync("PostgreSQL", postgres).join();
            SERVICES.forEach(postgres::ensureDatabase);
            postgres.ensureDatabase(WEB);
            startAsync("Kafka", kafka).join();
            kafka.createTopics(Topics.ALL);
            keycloakReady.join();
            push = new LocalPushService(settings.pushPort());
            push.start();
            started.push(push);
            urls.add(line("PostgreSQL", "localhost:" + settings.postgresPort() + " (databases " + SERVICES + " and " + WEB + ")"));
            urls.add(line("Kafka", kafka.bootstrapServers() + " (topics " + Topics.ALL.keySet() + ")"));
            urls.add(line("Keycloak", keycloak.url() + "  (admin console: admin / admin)"));
            urls.add(line("Mail catcher", "SMTP 127.0.0.1:" + settings.smtpPort() + "; sign-up and password-reset mails are in "
                    + mail.dir()));
            urls.add(line("Local push service", push.origin() + "  (POST /subscriptions for a test device, GET /pushes)"));

            List<ServiceProcess> services = new ArrayList<>();
            int[] ports = {settings.sessionPort(), settings.analyticsPort(), settings.notificationPort()};
            for (int i = 0; i < SERVICES.size(); i++) {
                String db = SERVICES.get(i);
                String name = db + "-service";
                Map<String, String> env = new LinkedHashMap<>();
                env.put("QUARKUS_HTTP_PORT", Integer.toString(ports[i]));
                env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(db));
                env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(db));
                env.put("QUARKUS_DATASOURCE_USERNAME", db);
                env.put("QUARKUS_DATASOURCE_PASSWORD", db);
                env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
                env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
                env.put("SUPPLYLINE_DATA_DIR", settings.dataDir().toString());
                if (db.equals("session")) {
                    // erasure deletes the parent's user with the supplyline-erasure service account
                    env.put("QUARKUS_KEYCLOAK_ADMIN_CLIENT_SERVER_URL", keycloak.url());
                }
                if (db.equals("notification")) {
                    // the local push service is allowed at its exact origin; the VAPID keys stay with the data
                    env.put("SUPPLYLINE_PUSH_LOCAL_SERVICE", push.origin());
                    env.put("SUPPLYLINE_PUSH_VAPID_KEY_FILE", settings.dataDir().resolve("notification/vapid-keys.properties").toString());
                }
                env.putAll(extraEnvironment.getOrDefault(name, Map.of()));
                ServiceProcess service = new ServiceProcess(name,
                        settings.projectDir().resolve(name + "/target/quarkus-app/quarkus-run.jar"), ports[i], env,
                        settings.dataDir().resolve("logs/" + name + ".log"));
                started.push(service);
                service.start();
                services.add(service);
                this.services.put(name, service);
            }
            services.add(web(keycloak));
            CompletableFuture.allOf(services.stream()
                    .map(s -> CompletableFuture.runAsync(() -> s.awaitReady(Duration.ofMinutes(2))))
                    .toArray(CompletableFuture[]::new)).join();
            services.stream().filter(s -> !s.name().equals(WEB)).forEach(s -> urls.add(line(s.name(), s.url()
                    + "  (health " + s.url() + "/q/health, API docs " + s.url() + "/q/swagger-ui)")));
            printReady(keycloak, Duration.ofNanos(System.nanoTime() - begin));
        } catch (CompletionException e) {
            fail(e.getCause());
        } catch (Exception e) {
            fail(e);
        }
    }

    /** The web app: the pages, and /api forwarded to the services with the signed-in user's token. */
    private ServiceProcess web(KeycloakServer keycloak) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(settings.webPort()));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", postgres.reactiveUrl(WEB));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.jdbcUrl(WEB));
        env.put("QUARKUS_DATASOURCE_USERNAME", WEB);
        env.put("QUARKUS_DATASOURCE_PASSWORD", WEB);
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.realmUrl());
        env.put("SUPPLYLINE_WEB_SESSION_URL", "http://localhost:" + settings.sessionPort());
        env.put("SUPPLYLINE_WEB_ANALYTICS_URL", "http://localhost:" + settings.analyticsPort());
        env.put("SUPPLYLINE_WEB_NOTIFICATION_URL", "http://localhost:" + settings.notificationPort());
        ServiceProcess web = new ServiceProcess(WEB, settings.projectDir().resolve("web/target/quarkus-app/quarkus-run.jar"),
                settings.webPort(), env, settings.dataDir().resolve("logs/web.log"));
        started.push(web);
        web.start();
        services.put(WEB, web);
        return web;
    }

    /** The broker, for system tests that stop and start it (null before {@link #start}). */
    public KafkaServer kafka() {
        return kafka;
    }

    /** The database server, for system tests that stop and start it (null before {@link #start}). */
    public PostgresServer postgres() {
        return postgres;
    }

    /** The mail catcher, for browser tests that follow a verification or reset link. */
    public LocalMailServer mail() {
        return mail;
    }

    /** The local push service, for system tests that script its answers or read what arrived. */
    public LocalPushService push() {
        return push;
    }

    /** A running service by name ({@code session-service}, …), for system tests that kill and restart it. */
    public ServiceProcess service(String name) {
        ServiceProcess service = services.get(name);
        if (service == null) {
            throw new IllegalArgumentException("No service " + name + "; the stack runs " + services.keySet());
        }
        return service;
    }

    /** Stops every started component, newest first. Safe to call more than once. */
    public synchronized void stopAll() {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                System.err.println("While stopping: " + e.getMessage());
            }
        }
    }

    private CompletableFuture<Void> startAsync(String name, Server server) {
        synchronized (this) {
            started.push(server);
        }
        CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> {
            System.out.println("Starting " + name + " ...");
            server.start();
        });
        synchronized (this) {
            pending.add(starting);
        }
        return starting;
    }

    private void fail(Throwable cause) {
        // a server still starting (Keycloak beside a failed PostgreSQL) would launch after stopAll and keep running
        List<CompletableFuture<Void>> starting;
        synchronized (this) {
            starting = List.copyOf(pending);
        }
        for (CompletableFuture<Void> start : starting) {
            try {
                start.get(3, java.util.concurrent.TimeUnit.MINUTES);
            } catch (Exception ignored) {
                // failed or slow: stopAll stops whatever it launched
            }
        }
        stopAll();
        String message = cause instanceof StackException ? cause.getMessage() : cause.toString();
        System.err.println("\nThe Supplyline stack could not start: " + message);
        if (!(cause instanceof Ports.PortTakenException)) {
            // every component of ours is stopped: a port that still answers was taken by another process meanwhile
            for (Map.Entry<String, Integer> port : ports().entrySet()) {
                if (Ports.isListening(port.getValue())) {
                    throw new Ports.PortTakenException("Port " + port.getValue() + " needed by " + port.getKey()
                            + " was taken by another process while the stack started (" + message + ")");
                }
            }
        }
        throw cause instanceof StackException se ? se : new StackException(message, cause);
    }

    private void checkPortsFree() {
        ports().forEach((component, port) -> Ports.requireFree(port, component));
    }

    private Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("PostgreSQL", settings.postgresPort());
        ports.put("Kafka", settings.kafkaPort());
        ports.put("the Kafka controller", settings.kafkaControllerPort());
        ports.put("Keycloak", settings.keycloakPort());
        ports.put("Keycloak's management interface", settings.keycloakManagementPort());
        ports.put("session-service", settings.sessionPort());
        ports.put("analytics-service", settings.analyticsPort());
        ports.put("notification-service", settings.notificationPort());
        ports.put("the local push service", settings.pushPort());
        ports.put("the web app", settings.webPort());
        ports.put("the mail catcher", settings.smtpPort());
        return ports;
    }

    private void printReady(KeycloakServer keycloak, Duration took) {
        StringBuilder out = new StringBuilder("\n=== Supplyline is ready (" + took.toSeconds() + " s) ===\n");
        out.append("\n  Open the app: http://localhost:").append(settings.webPort()).append("\n\n");
        urls.forEach(u -> out.append(u).append('\n'));
        out.append("\nDemo logins (development only; realm '").append(KeycloakServer.REALM).append("'):\n");
        DEMO_LOGINS.forEach((user, password) -> out.append(String.format("  %-11s %s%n", user, password)));
        out.append("\nToken: curl -s -d grant_type=password -d client_id=supplyline-web -d username=parent1 "
                + "-d password=parent1-dev ").append(keycloak.tokenEndpoint()).append('\n');
        out.append("Data: ").append(settings.dataDir()).append("   Logs: ").append(settings.dataDir().resolve("logs"))
                .append("\nPress Ctrl-C to stop.\n");
        System.out.println(out);
    }

    private static String line(String name, String where) {
        return String.format("  %-21s %s", name, where);
    }
}

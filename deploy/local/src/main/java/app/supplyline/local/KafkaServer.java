package app.supplyline.local;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Kafka broker ({@code org.apache.kafka:kafka_2.13}) in KRaft mode, single node acting as broker and
 * controller, running in a child JVM so that it can be stopped and started again on the same data.
 */
public final class KafkaServer implements Server {

    private static final System.Logger LOG = System.getLogger(KafkaServer.class.getName());

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private ManagedProcess process;

    public KafkaServer(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath();
    }

    @Override
    public void start() {
        Ports.requireFree(port, "Kafka");
        Ports.requireFree(controllerPort, "the Kafka controller");
        Path config = writeConfig();
        if (!Files.exists(dataDir.resolve("logs/meta.properties"))) {
            ManagedProcess.run("Kafka storage format", javaCommand("kafka.tools.StorageTool", "format",
                    "--config", config.toString(), "--cluster-id", Uuid.randomUuid().toString(), "--ignore-formatted"),
                    dataDir, dataDir.resolve("kafka-format.log"), Duration.ofMinutes(2));
        }
        process = ManagedProcess.start("Kafka", javaCommand("kafka.Kafka", config.toString()), Map.of(), dataDir,
                dataDir.resolve("kafka.log"));
        process.awaitReady(this::answersMetadata, Duration.ofSeconds(90));
        LOG.log(System.Logger.Level.INFO, "Kafka {0} ready on {1}", BuildInfo.kafkaVersion(), bootstrapServers());
    }

    /** Controlled shutdown (SIGTERM); the data stays, so {@link #start()} brings the same broker back. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.stop(Duration.ofSeconds(60));
        }
    }

    @Override
    public void close() {
        stop();
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    /**
     * Creates each topic with its partition count and its {@link Topics#SETTINGS} unless it exists, and gives an
     * existing topic its settings (a dead-letter topic created on first use by an older stack gets its retention).
     */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = admin()) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = new ArrayList<>();
            Map<ConfigResource, java.util.Collection<AlterConfigOp>> settings = new java.util.HashMap<>();
            partitionsByTopic.forEach((topic, partitions) -> {
                Map<String, String> config = Topics.SETTINGS.getOrDefault(topic, Map.of());
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1).configs(config));
                } else if (!config.isEmpty()) {
                    settings.put(new ConfigResource(ConfigResource.Type.TOPIC, topic), config.entrySet().stream()
                            .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                            .toList());
                }
            });
            for (var result : admin.createTopics(missing).values().values()) {
                try {
                    result.get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            if (!settings.isEmpty()) {
                admin.incrementalAlterConfigs(settings).all().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new StackException("Cannot create Kafka topics " + partitionsByTopic.keySet() + ": " + e.getMessage(), e);
        }
    }

    /**
     * An admin client on this broker; the caller closes it. Kafka loads configured classes through the thread's
     * context class loader, which inside Maven (exec:java) or a thread pool is not the one that has Kafka.
     */
    public Admin admin() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Admin.class.getClassLoader());
        try {
            return Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private boolean answersMetadata() {
        if (!Ports.isListening(port)) {
            return false;
        }
        try (Admin admin = admin()) {
            return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    private List<String> javaCommand(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                JavaRuntimes.current().toString(),
                "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"),
                "-cp", BuildInfo.kafkaBrokerClasspath(),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private Path writeConfig() {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@localhost:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://localhost:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", dataDir.resolve("logs").toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "10");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        // Every topic, dead-letter topics included, is created at start with its settings (Topics); a topic
        // someone else names is still created on first use.
        p.setProperty("auto.create.topics.enable", "true");
        // The sessions topic is the event log consumers replay from: keep it.
        p.setProperty("log.retention.hours", "-1");
        try {
            Files.createDirectories(dataDir);
            Path config = dataDir.resolve("server.properties");
            try (var out = Files.newBufferedWriter(config)) {
                p.store(out, "Written by the Supplyline embedded stack on every start");
            }
            Files.writeString(dataDir.resolve("log4j2.properties"), """
                    status = warn
                    appender.console.type = Console
                    appender.console.name = STDOUT
                    appender.console.layout.type = PatternLayout
                    appender.console.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n
                    rootLogger.level = info
                    rootLogger.appenderRef.stdout.ref = STDOUT
                    logger.kafka.name = kafka
                    logger.kafka.level = info
                    logger.apache.name = org.apache.kafka
                    logger.apache.level = warn
                    """);
            return config;
        } catch (IOException e) {
            throw new StackException("Cannot write the Kafka configuration in " + dataDir + ": " + e.getMessage(), e);
        }
    }
}

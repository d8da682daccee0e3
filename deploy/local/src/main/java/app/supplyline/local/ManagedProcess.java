package app.supplyline.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A child process of the embedded stack: started with its output sent to a log file, stopped with its whole
 * process tree, and able to say why it failed (the tail of its log).
 */
public final class ManagedProcess {

    private static final System.Logger LOG = System.getLogger(ManagedProcess.class.getName());

    private final String name;
    private final Process process;
    private final Path logFile;

    private ManagedProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /** Starts {@code command} with {@code extraEnv}, appending stdout and stderr to {@code logFile}. */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> extraEnv, Path workDir,
            Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().putAll(extraEnv);
            LOG.log(System.Logger.Level.DEBUG, "Starting {0}: {1}", name, String.join(" ", command));
            return new ManagedProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new StackException(name + " could not be started (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    /** Runs a short command to completion, failing with its output when it exits non-zero. */
    public static void run(String name, List<String> command, Path workDir, Path logFile, Duration timeout) {
        ManagedProcess p = start(name, command, Map.of(), workDir, logFile);
        try {
            if (!p.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.stop(Duration.ofSeconds(5));
                throw new StackException(name + " did not finish within " + timeout + ".\n" + p.logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.stop(Duration.ofSeconds(5));
            throw new StackException(name + " was interrupted", e);
        }
        if (p.process.exitValue() != 0) {
            throw new StackException(name + " failed with exit code " + p.process.exitValue() + ".\n" + p.logTail());
        }
    }

    /**
     * Waits until {@code ready} holds, failing early when the process exits and after {@code timeout} with the
     * tail of the log, so the user sees why the component did not come up.
     */
    public void awaitReady(BooleanSupplier ready, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new StackException(name + " exited during start-up (exit code " + process.exitValue() + ").\n"
                        + logTail());
            }
            if (ready.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(name + " was not ready within " + timeout.toSeconds() + " s.\n" + logTail());
            }
            pause(Duration.ofMillis(250));
        }
    }

    /**
     * Stops the process tree: descendants and the process get SIGTERM (a graceful stop for every server we run),
     * then SIGKILL after {@code grace}. Returns once nothing of it is left.
     */
    public void stop(Duration grace) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        awaitExit(tree, grace);
        tree.stream().filter(ProcessHandle::isAlive).forEach(h -> {
            LOG.log(System.Logger.Level.WARNING, "{0} (pid {1}) ignored SIGTERM; killing it", name, h.pid());
            h.destroyForcibly();
        });
        awaitExit(tree, Duration.ofSeconds(10));
    }

    /** Sends a signal by name ("INT", "TERM") to the main process only. */
    public void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new StackException("Could not signal " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code timeout} for the main process to exit; true when it did. */
    public boolean waitForExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** The last lines of the log, for error messages. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 25), lines.size());
            return "Last lines of " + logFile + ":\n  " + String.join("\n  ", tail);
        } catch (IOException | RuntimeException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private static void awaitExit(List<ProcessHandle> handles, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (ProcessHandle h : handles) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                h.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // still running after the grace period: the caller escalates
            }
        }
    }

    static void pause(Duration d) {
        try {
            Thread.sleep(d.toMillis()); // polling interval of a readiness loop, not a test wait
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while waiting", e);
        }
    }
}

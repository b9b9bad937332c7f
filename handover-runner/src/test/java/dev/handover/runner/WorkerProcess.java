package dev.handover.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/handover} as a separate process, started from the test class path: the worker killed with SIGKILL, stopped
 * with SIGTERM, or left to finish. Standard output and error go to {@code <name>.out} and {@code <name>.log} in the
 * working directory, so a failing test can show them.
 *
 * <pre>{@code
 * WorkerProcess w = WorkerProcess.in(dir).env(env).name("first").start("run", "--once", "--config", "handover.yaml");
 * w.waitFor(Duration.ofMinutes(2));
 * }</pre>
 */
final class WorkerProcess {
    private final Process process;
    private final Path dir;
    private final String name;

    private WorkerProcess(Process process, Path dir, String name) {
        this.process = process;
        this.dir = dir;
        this.name = name;
    }

    /** A launcher working in this directory. */
    static Launcher in(Path dir) {
        return new Launcher(dir);
    }

    /** How a process is started: directory, environment, name, clock, heap. */
    static final class Launcher {
        private final Path dir;
        private final Map<String, String> env = new HashMap<>();
        private final List<String> jvm = new ArrayList<>();
        private String name = "worker";
        private SimClock clock;

        private Launcher(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir");
        }

        Launcher env(Map<String, String> variables) {
            env.putAll(variables);
            return this;
        }

        /** The name of the log files; each start should have its own. */
        Launcher name(String n) {
            this.name = n;
            return this;
        }

        /** Runs the process on this simulated clock ({@link ClockedMain}); else on the system clock. */
        Launcher clock(SimClock c) {
            this.clock = c;
            return this;
        }

        /** A JVM option, such as {@code -Xmx96m}. */
        Launcher jvm(String option) {
            jvm.add(option);
            return this;
        }

        WorkerProcess start(String... args) {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
            command.addAll(jvm);
            if (clock != null) {
                command.add(clock.property());
            }
            command.addAll(List.of("-cp", classpath, ClockedMain.class.getName()));
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectOutput(dir.resolve(name + ".out").toFile())
                    .redirectError(dir.resolve(name + ".log").toFile());
            pb.environment().putAll(env);
            try {
                return new WorkerProcess(pb.start(), dir, name);
            } catch (IOException e) {
                throw new UncheckedIOException("starting " + name + ": " + e.getMessage(), e);
            }
        }
    }

    Process process() {
        return process;
    }

    String name() {
        return name;
    }

    /** Waits at most this long; true when the process ended. */
    boolean waitFor(Duration limit) {
        try {
            return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Ends the process within the limit or fails, naming the process and its log. */
    int exitCode(Duration limit) {
        if (!waitFor(limit)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end within " + limit + "\n" + log());
        }
        return process.exitValue();
    }

    /** SIGKILL: the process gets no chance to finish anything (on Linux, {@code destroyForcibly} is SIGKILL). */
    void kill() {
        process.destroyForcibly();
    }

    /** SIGTERM: the worker finishes its batch, saves its state and stops. */
    void stop() {
        process.destroy();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Standard error, then standard output. */
    String log() {
        try {
            return Files.readString(dir.resolve(name + ".log"), StandardCharsets.UTF_8)
                    + Files.readString(dir.resolve(name + ".out"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log of " + name + ": " + e.getMessage() + ")";
        }
    }
}

package dev.handover.runner.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.jul.LevelChangePropagator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.util.List;
import java.util.Objects;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Sets up the process's logging: one appender on standard error (stdout stays the command's output) writing every
 * line in one {@link LogFormat}, the root level, and java.util.logging bridged into SLF4J, so Jersey's lines come out
 * in the same format and obey the same level.
 *
 * <p>Logback is configured in code, here: at its first use by {@link DefaultConfigurator} from the environment, then
 * by {@code bin/handover} from its options before a command runs. A {@code logback.xml} on the class path is never
 * read.
 */
public final class Logging {
    /** Loggers of the JDK itself, kept at info when the level is debug. */
    private static final List<String> JDK_INTERNALS = List.of("jdk", "sun", "javax.management");

    private static volatile LogSettings current = LogSettings.defaults();

    private Logging() {}

    /**
     * Applies these settings to the whole process, replacing what was configured before.
     *
     * @throws IllegalStateException when SLF4J is bound to something other than logback (an embedder's choice: the
     *     runner's options cannot apply then)
     */
    public static synchronized void configure(LogSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            throw new IllegalStateException(
                    "SLF4J is bound to " + LoggerFactory.getILoggerFactory().getClass()
                            + ", not logback: --log-format and --log-level cannot apply");
        }
        configure(context, settings);
    }

    /** The settings in force. */
    public static LogSettings current() {
        return current;
    }

    /**
     * Lowers a chatty logger to {@code error} unless a level was chosen ({@code --log-level}, {@code
     * HANDOVER_LOG_LEVEL}): the demo's timeline tells what the engine does, its lines would only interleave with it.
     */
    public static void quietUnlessChosen(String loggerName) {
        if (!current.levelChosen() && LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(loggerName).setLevel(Level.ERROR);
        }
    }

    static void configure(LoggerContext context, LogSettings settings) {
        context.reset();
        // before any level is set: the propagator mirrors each logback level onto the java.util.logging logger of
        // the same name, so JUL drops what is disabled before building a record — the bridge's cost otherwise
        LevelChangePropagator propagator = new LevelChangePropagator();
        propagator.setContext(context);
        propagator.setResetJUL(true);
        propagator.start();
        context.addListener(propagator);

        LineEncoder encoder = new LineEncoder(settings.format());
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("stderr");
        stderr.setTarget("System.err"); // follows System.setErr: logback writes to System.err as it is at each line
        stderr.setEncoder(encoder);
        stderr.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(stderr);
        root.setLevel(settings.level().logback());
        if (settings.level() == LogLevel.DEBUG) {
            // the JDK's own FINE (the HTTP client's every frame and header, TLS events) is for the JDK's developers:
            // hundreds of lines a pass that would bury ours
            JDK_INTERNALS.forEach(name -> context.getLogger(name).setLevel(Level.INFO));
        }
        bridgeJul();
        current = settings;
    }

    /** Routes java.util.logging into SLF4J, once, instead of JUL's own console handler. */
    private static void bridgeJul() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }
}

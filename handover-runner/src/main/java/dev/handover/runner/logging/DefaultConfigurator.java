package dev.handover.runner.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration at its first use, found through {@code ServiceLoader} before logback would look for a
 * {@code logback.xml}: the runner's format and level from {@code HANDOVER_LOG_FORMAT} and {@code HANDOVER_LOG_LEVEL}
 * (the defaults when they are unset or wrong — {@code bin/handover} reports a wrong value itself when a command
 * starts). It stops logback's search, so a {@code logback.xml} or {@code logback-test.xml} that some jar brings is
 * never read.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class DefaultConfigurator extends ContextAwareBase implements Configurator {
    /** Made by {@code ServiceLoader}. */
    public DefaultConfigurator() {}

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        LogSettings settings;
        try {
            settings = LogSettings.resolve(null, null, System::getenv);
        } catch (IllegalArgumentException e) {
            settings = LogSettings.defaults();
        }
        Logging.configure(context, settings);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}

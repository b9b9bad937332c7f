/**
 * The {@code bin/handover} command line: demo, worker, manual handovers, reports. An application, not a library: it
 * exports nothing, and it compiles against no adapter: adapters are found at run time through {@code ServiceLoader}.
 */
module dev.handover.runner {
    requires dev.handover.spi;
    requires dev.handover.core;
    requires dev.handover.memory;
    requires dev.handover.selftest;
    requires info.picocli;
    requires org.slf4j;
    requires ch.qos.logback.classic;
    requires ch.qos.logback.core;
    requires jul.to.slf4j;
    requires java.logging;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    // the syntax error's own marks (problem and context), for a message that points at the real place
    requires org.yaml.snakeyaml;
    requires com.fasterxml.jackson.dataformat.csv;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires jakarta.ws.rs;
    requires jdk.httpserver;
    // sun.misc.Signal: a graceful stop on SIGTERM exits 0 (StopSignals)
    requires jdk.unsupported;
    requires me.tongfei.progressbar;

    opens dev.handover.runner to
            info.picocli;
    opens dev.handover.runner.demo to
            info.picocli;
    // Jersey reads the webhook resource reflectively
    opens dev.handover.runner.worker;
    opens dev.handover.runner.report to
            info.picocli;

    // logback's configuration in code, before it would look for a logback.xml
    provides ch.qos.logback.classic.spi.Configurator with
            dev.handover.runner.logging.DefaultConfigurator;
}

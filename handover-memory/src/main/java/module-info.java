/**
 * The in-memory CRM: {@code InMemoryCrm} (provider {@code memory}) with fault injection and call accounting, the demo
 * data set, a settable clock, and the sandbox file that keeps its state between processes (JSON, by Jackson). No JUnit and no test code: the runner ships it for its demo and {@code simulate}.
 */
module dev.handover.memory {
    requires transitive dev.handover.spi;
    requires com.fasterxml.jackson.databind;

    exports dev.handover.memory;
    exports dev.handover.memory.demo;
    exports dev.handover.memory.time;

    provides dev.handover.spi.CrmProvider with
            dev.handover.memory.InMemoryCrmProvider;
}

/**
 * The module-path smoke test: an embedder's module that requires the engine only. The memory provider and the
 * adapters are not required: {@code dev.handover.spi} {@code uses} {@code CrmProvider}, so the module system resolves
 * every provider module on the module path by service binding, with what each of them requires — no
 * {@code --add-modules}.
 */
module dev.handover.modulepath {
    requires dev.handover.core;
    requires jdk.httpserver;
}

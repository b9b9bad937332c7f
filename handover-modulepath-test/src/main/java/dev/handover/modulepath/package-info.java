/**
 * {@link dev.handover.modulepath.ModulePathSmoke}: run with {@code java --module-path … --module
 * dev.handover.modulepath/dev.handover.modulepath.ModulePathSmoke} by {@code ModulePathIT}.
 */
package dev.handover.modulepath;

/**
 * The {@link dev.handover.testkit.compat.CrmConnectorCompatibilityKit}: the SPI's contract as a JUnit 5 suite every
 * connector extends and passes, with the {@link dev.handover.testkit.compat.KitFixture} it seeds.
 */
package dev.handover.testkit.compat;

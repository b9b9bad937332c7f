package dev.handover.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CrmConnectorsTest {
    @TempDir
    Path dir;

    private ClassLoader loader(Class<?>... providers) {
        return loaderOf(java.util.Arrays.stream(providers).map(Class::getName).toList());
    }

    private ClassLoader loaderOf(List<String> names) {
        return new ServicesClassLoader(dir, names);
    }

    @Test
    void explicitConnectorWinsWithoutDiscovery() {
        CrmConnector explicit = new TestProviders.StubConnector("mine", CrmSettings.empty("mine"));
        CrmConnector chosen = CrmConnectors.builder()
                .connector(explicit)
                .settings(CrmSettings.empty("nonexistent"))
                .classLoader(loader(TestProviders.Exploding.class))
                .build();
        assertThat(chosen).isSameAs(explicit);
    }

    @Test
    void theOnlyProviderIsUsedWhenNoneIsNamed() {
        CrmConnector c = CrmConnectors.builder()
                .classLoader(loader(TestProviders.Beta.class))
                .build();
        assertThat(c.vendor()).isEqualTo("beta");
    }

    @Test
    void noProviderSaysWhatToAdd() {
        assertThatThrownBy(() ->
                        CrmConnectors.builder().classLoader(loaderOf(List.of())).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No CRM provider was found")
                .hasMessageContaining("handover-zendesk-adapter")
                .hasMessageContaining("META-INF/services/dev.handover.spi.CrmProvider");
    }

    @Test
    void severalProvidersNeedAChoiceAndAreListed() {
        assertThatThrownBy(() -> CrmConnectors.builder()
                        .classLoader(loader(TestProviders.Alpha.class, TestProviders.Beta.class))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Several CRM providers were found")
                .hasMessageContaining("alpha (" + TestProviders.Alpha.class.getName() + ")")
                .hasMessageContaining("beta (" + TestProviders.Beta.class.getName() + ")");
    }

    @Test
    void settingsChooseTheProviderByName() {
        CrmConnector c = CrmConnectors.builder()
                .classLoader(loader(TestProviders.Alpha.class, TestProviders.Beta.class))
                .settings(CrmSettings.builder("alpha").put("required", "yes").build())
                .build();
        assertThat(c.vendor()).isEqualTo("alpha");
        assertThat(((TestProviders.StubConnector) c).settings().require("required"))
                .isEqualTo("yes");
    }

    @Test
    void unknownNameListsWhatWasFound() {
        assertThatThrownBy(() -> CrmConnectors.builder()
                        .classLoader(loader(TestProviders.Beta.class))
                        .settings(CrmSettings.empty("zendesk"))
                        .build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No CRM provider named 'zendesk'")
                .hasMessageContaining("Found: beta");
    }

    @Test
    void brokenProvidersAreReportedAndSkipped() {
        ClassLoader l = loaderOf(List.of(
                TestProviders.Exploding.class.getName(),
                "com.example.DoesNotExist",
                TestProviders.Nameless.class.getName(),
                TestProviders.Beta.class.getName()));
        CrmConnectors.Discovery found = CrmConnectors.discover(l);
        assertThat(found.providers()).extracting(CrmProvider::name).containsExactly("beta");
        assertThat(found.failures())
                .hasSize(3)
                .anySatisfy(f -> assertThat(f).contains("Exploding"))
                .anySatisfy(f -> assertThat(f).contains("com.example.DoesNotExist"))
                .anySatisfy(f -> assertThat(f).contains("Nameless"));
        assertThat(CrmConnectors.builder().classLoader(l).build().vendor()).isEqualTo("beta");
    }

    @Test
    void brokenProvidersAreNamedWhenNothingElseLoads() {
        assertThatThrownBy(() -> CrmConnectors.builder()
                        .classLoader(loaderOf(List.of(TestProviders.Exploding.class.getName())))
                        .build())
                .hasMessageContaining("Providers that failed to load")
                .hasMessageContaining("Exploding");
    }

    @Test
    void aProviderRejectingItsSettingsSaysWhichKey() {
        assertThatThrownBy(() -> CrmConnectors.builder()
                        .classLoader(loader(TestProviders.Alpha.class))
                        .settings(CrmSettings.empty("alpha"))
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'required'");
    }

    @Test
    void builderRefusesSettingTheSameThingTwice() {
        CrmConnectors.Builder b = CrmConnectors.builder().settings(CrmSettings.empty("a"));
        assertThatThrownBy(() -> b.settings(CrmSettings.empty("b"))).hasMessageContaining("settings already set");
    }
}

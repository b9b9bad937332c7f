package dev.handover.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.handover.memory.time.MutableClock;
import dev.handover.runner.config.ConfigLoader;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.config.WorkerConfig;
import dev.handover.runner.logging.LogSettings;
import dev.handover.runner.worker.HealthEndpoint;
import dev.handover.runner.worker.PartitionFromEnvironment;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The deployment examples in {@code examples/deploy/} (shown in {@code docs/deploy.md}) say what the code reads: the
 * environment variables, the health port and paths, the command's arguments, the state directory — so they cannot
 * drift from it. The configuration they carry loads.
 */
class DeployManifestsTest {
    private static final Path DEPLOY = Path.of("..", "examples", "deploy");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z0-9_]+)}");
    /**
     * Variables the runner reads: the partition's, and the log settings' (beside {@code --log-format} and {@code
     * --log-level}).
     */
    private static final Set<String> READ_BY_THE_RUNNER = Set.of(
            PartitionFromEnvironment.PARTITION,
            PartitionFromEnvironment.REPLICAS,
            PartitionFromEnvironment.POD_INDEX,
            PartitionFromEnvironment.POD_NAME,
            LogSettings.FORMAT_VARIABLE,
            LogSettings.LEVEL_VARIABLE);

    private static List<JsonNode> documents(String file) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = new YAMLMapper()
                .readerFor(JsonNode.class)
                .readValues(DEPLOY.resolve(file).toFile())) {
            while (it.hasNext()) {
                docs.add(it.next());
            }
        }
        return docs;
    }

    private static JsonNode kind(List<JsonNode> docs, String kind) {
        return docs.stream()
                .filter(d -> kind.equals(d.path("kind").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind));
    }

    /** The configuration in the ConfigMap, loaded as the worker loads it, with every secret it names set. */
    private static RunnerConfig configMapConfig() throws IOException {
        String yaml = kind(documents("kubernetes/configmap.yaml"), "ConfigMap")
                .path("data")
                .path("handover.yaml")
                .asText();
        Map<String, String> env = new HashMap<>();
        secretsNamedIn(yaml).forEach(v -> env.put(v, "test-value"));
        return ConfigLoader.with(env::get, MutableClock.at("2026-03-02T09:00:00Z"))
                .load(new StringReader(yaml), "configmap.yaml", Path.of("/etc/handover"));
    }

    private static Set<String> secretsNamedIn(String yaml) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = ENV_REFERENCE.matcher(yaml);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    @Test
    void theStatefulSetGivesEachPodItsPartitionAndProbesTheHealthEndpoint() throws IOException {
        RunnerConfig config = configMapConfig();
        WorkerConfig.Health health = config.worker().health().orElseThrow();
        List<JsonNode> docs = documents("kubernetes/statefulset.yaml");
        JsonNode set = kind(docs, "StatefulSet");
        JsonNode pod = set.path("spec").path("template").path("spec");
        JsonNode worker = pod.path("containers").get(0);

        assertThat(worker.path("args").toString()).isEqualTo("[\"run\",\"--config\",\"/etc/handover/handover.yaml\"]");
        Map<String, JsonNode> env = new HashMap<>();
        worker.path("env").forEach(e -> env.put(e.path("name").asText(), e));
        assertThat(READ_BY_THE_RUNNER).containsAll(env.keySet());
        // the replica count the worker divides by is the StatefulSet's
        assertThat(env.get(PartitionFromEnvironment.REPLICAS).path("value").asText())
                .isEqualTo(set.path("spec").path("replicas").asText());
        assertThat(env.get(PartitionFromEnvironment.POD_INDEX)
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.labels['apps.kubernetes.io/pod-index']");
        assertThat(env.get(PartitionFromEnvironment.POD_NAME)
                        .path("valueFrom")
                        .path("fieldRef")
                        .path("fieldPath")
                        .asText())
                .isEqualTo("metadata.name");
        assertThat(set.path("spec").path("podManagementPolicy").asText()).isEqualTo("Parallel");

        // the probes reach the endpoint the configuration opens, on the paths it serves
        assertThat(health.host()).hasValue("0.0.0.0");
        JsonNode live = worker.path("livenessProbe").path("httpGet");
        JsonNode ready = worker.path("readinessProbe").path("httpGet");
        assertThat(live.path("path").asText()).isEqualTo(HealthEndpoint.LIVE);
        assertThat(ready.path("path").asText()).isEqualTo(HealthEndpoint.READY);
        assertThat(containerPort(worker, live.path("port").asText())).isEqualTo(health.port());
        assertThat(containerPort(worker, ready.path("port").asText())).isEqualTo(health.port());
        assertThat(kind(docs, "Service")
                        .path("spec")
                        .path("ports")
                        .get(0)
                        .path("port")
                        .asInt())
                .isEqualTo(health.port());

        // the state and the journal are on the pod's own claim; the configuration comes from the ConfigMap
        String stateMount = mount(worker, "state");
        assertThat(config.worker().state()).startsWithRaw(Path.of(stateMount));
        assertThat(config.worker().journal()).startsWithRaw(Path.of(stateMount));
        assertThat(health.file().orElseThrow()).startsWithRaw(Path.of(stateMount));
        assertThat(set.path("spec")
                        .path("volumeClaimTemplates")
                        .get(0)
                        .path("metadata")
                        .path("name")
                        .asText())
                .isEqualTo("state");
        assertThat(mount(worker, "config")).isEqualTo("/etc/handover");

        // every secret the configuration names comes from the Secret
        assertThat(worker.path("envFrom").get(0).path("secretRef").path("name").asText())
                .isEqualTo(kind(documents("kubernetes/secret.yaml"), "Secret")
                        .path("metadata")
                        .path("name")
                        .asText());
        assertThat(secretKeys()).containsAll(secretsNamedIn(configMapYaml()));
        // the grace period outlasts a pass's batch and the stop
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(60);
    }

    @Test
    void theCronJobRunsOnePassOnItsOwnVolumeAndNeverTwoAtOnce() throws IOException {
        List<JsonNode> docs = documents("kubernetes/cronjob.yaml");
        JsonNode job = kind(docs, "CronJob");
        assertThat(job.path("spec").path("concurrencyPolicy").asText()).isEqualTo("Forbid");
        JsonNode pod = job.path("spec")
                .path("jobTemplate")
                .path("spec")
                .path("template")
                .path("spec");
        JsonNode pass = pod.path("containers").get(0);
        assertThat(pass.path("args").toString())
                .isEqualTo("[\"run\",\"--once\",\"--config\",\"/etc/handover/handover.yaml\"]");
        Set<String> env = new LinkedHashSet<>();
        pass.path("env").forEach(e -> env.add(e.path("name").asText()));
        assertThat(READ_BY_THE_RUNNER).containsAll(env);
        assertThat(mount(pass, "state")).isEqualTo("/var/lib/handover");
        assertThat(pod.path("volumes").toString())
                .contains(kind(docs, "PersistentVolumeClaim")
                        .path("metadata")
                        .path("name")
                        .asText());
        assertThat(configMapConfig().worker().state()).startsWithRaw(Path.of(mount(pass, "state")));
    }

    @Test
    void theSystemdUnitRunsTheWorkerInItsStateDirectoryAndRestartsOnlyWhatARestartCanFix() throws IOException {
        Map<String, List<String>> unit = new HashMap<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("systemd/handover.service"))) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                unit.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
                        .add(line.substring(eq + 1));
            }
        }
        assertThat(unit.get("Type")).containsExactly("simple");
        assertThat(unit.get("ExecStart").get(0)).endsWith("handover.jar run --config /etc/handover/handover.yaml");
        assertThat(unit.get("Restart")).containsExactly("on-failure");
        // a configuration error does not heal by restarting; a graceful stop exits 0, so nothing else is needed
        assertThat(unit.get("RestartPreventExitStatus")).containsExactly(Integer.toString(ExitCodes.USAGE));
        assertThat(unit).doesNotContainKey("SuccessExitStatus");
        assertThat(unit.get("StateDirectory")).containsExactly("handover");
        assertThat(unit.get("EnvironmentFile")).containsExactly("/etc/handover/handover.env");
        unit.get("Environment").forEach(e -> assertThat(READ_BY_THE_RUNNER).contains(e.substring(0, e.indexOf('='))));

        String yaml = Files.readString(DEPLOY.resolve("systemd/handover.yaml"));
        Map<String, String> env = new HashMap<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("systemd/handover.env"))) {
            if (!line.startsWith("#") && line.contains("=")) {
                env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        assertThat(env.keySet()).containsAll(secretsNamedIn(yaml));
        RunnerConfig config = ConfigLoader.with(env::get, MutableClock.at("2026-03-02T09:00:00Z"))
                .load(new StringReader(yaml), "handover.yaml", Path.of("/etc/handover"));
        // StateDirectory=handover is /var/lib/handover
        assertThat(config.worker().state()).startsWithRaw(Path.of("/var/lib/handover"));
        assertThat(config.worker().journal()).startsWithRaw(Path.of("/var/lib/handover"));
    }

    private static String configMapYaml() throws IOException {
        return kind(documents("kubernetes/configmap.yaml"), "ConfigMap")
                .path("data")
                .path("handover.yaml")
                .asText();
    }

    private static Set<String> secretKeys() throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        kind(documents("kubernetes/secret.yaml"), "Secret")
                .path("stringData")
                .fieldNames()
                .forEachRemaining(keys::add);
        return keys;
    }

    private static String mount(JsonNode container, String volume) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (volume.equals(m.path("name").asText())) {
                return m.path("mountPath").asText();
            }
        }
        throw new AssertionError("no mount of " + volume);
    }
}

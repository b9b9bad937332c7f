package dev.handover.runner.config;

import dev.handover.core.Partition;
import dev.handover.core.policy.HandoverPolicy;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.CrmProvider;
import dev.handover.spi.CrmSettings;
import dev.handover.spi.CrmSettingsException;
import dev.handover.spi.Secret;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code handover.yaml}: checks every section and reports all problems at once, each with file, line and column,
 * the key, what was expected and what was found. Secrets are only ever {@code ${ENV_VAR}} references and never appear
 * in a message.
 */
public final class ConfigLoader {
    private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(secret|password|token|private-key|api-key)$");
    private static final Pattern PARTITION = Pattern.compile("\\s*(\\d+)\\s*/\\s*(\\d+)\\s*");
    private static final Pattern SIZE = Pattern.compile("(?i)\\s*(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?\\s*");

    private final Function<String, String> env;
    private final Clock clock;
    private final boolean secrets;

    private ConfigLoader(Function<String, String> env, Clock clock, boolean secrets) {
        this.env = env;
        this.clock = clock;
        this.secrets = secrets;
    }

    /** A loader reading secrets from these environment variables. */
    public static ConfigLoader with(Function<String, String> env, Clock clock) {
        return new ConfigLoader(Objects.requireNonNull(env, "env"), Objects.requireNonNull(clock, "clock"), true);
    }

    /**
     * This loader for a command that never connects to the CRM ({@code report}): a reference to an environment
     * variable that is not set is left out instead of being an error, and the adapter does not check its settings
     * (it would need them all). Every other problem is reported as usual, with file, line and column. The {@code crm}
     * settings of what it loads may lack values and are not for connecting.
     */
    public ConfigLoader withoutSecrets() {
        return new ConfigLoader(env, clock, false);
    }

    /** A loader reading the process environment. */
    public static ConfigLoader fromEnvironment() {
        return with(System::getenv, Clock.systemUTC());
    }

    /**
     * The largest configuration file read: a real one is a few kilobytes, even with hundreds of rules. A larger file is
     * refused before it is read, so a wrong {@code --config} (a log, a dump) is not loaded into memory, and the YAML
     * parser's own limit (3 million code points, reported without a useful place) is never reached.
     */
    static final long MAX_BYTES = 1L << 20;

    /** Reads and checks a configuration file. */
    public RunnerConfig load(Path file) {
        String name = file.toString();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigException(
                        List.of(new ConfigException.Problem(new Location(name, 1, 1), "", tooLarge(size))));
            }
            text = decode(Files.readAllBytes(file), name);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(
                    new Location(name, 1, 1), "", "the configuration file does not exist")));
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(
                    new Location(name, 1, 1), "", "the configuration file cannot be read: " + e.getMessage())));
        }
        Path dir = file.toAbsolutePath().getParent();
        return parse(text, name, dir);
    }

    /** Reads and checks a configuration; relative file names are resolved against {@code baseDir}. */
    public RunnerConfig load(Reader in, String name, Path baseDir) {
        StringWriter text = new StringWriter();
        char[] buffer = new char[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                text.write(buffer, 0, n);
                if (text.getBuffer().length() > MAX_BYTES) {
                    throw new ConfigException(List.of(new ConfigException.Problem(
                            new Location(name, 1, 1),
                            "",
                            tooLarge(text.getBuffer().length()))));
                }
            }
        } catch (IOException e) {
            throw new ConfigException(List.of(new ConfigException.Problem(
                    new Location(name, 1, 1), "", "the configuration cannot be read: " + e.getMessage())));
        }
        return parse(text.toString(), name, baseDir);
    }

    private static String tooLarge(long size) {
        return String.format(
                Locale.ROOT,
                "the file is %.1f MiB; a configuration file is at most %d MiB (is this the right file?)",
                size / (double) (1L << 20),
                MAX_BYTES >> 20);
    }

    /** UTF-8, or a problem at the line and column of the first byte that is not. */
    private static String decode(byte[] bytes, String name) {
        java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            out.flip();
            String before = out.toString();
            int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
            int column = before.length() - before.lastIndexOf('\n');
            throw new ConfigException(List.of(new ConfigException.Problem(
                    new Location(name, line, column),
                    "",
                    String.format(
                            Locale.ROOT,
                            "the file is not UTF-8 text (byte 0x%02X at offset %d); save it as UTF-8",
                            bytes[in.position()] & 0xff,
                            in.position()))));
        }
        out.flip();
        String text = out.toString();
        // a byte order mark is not part of the YAML
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private RunnerConfig parse(String text, String name, Path baseDir) {
        Node root = Yaml.read(text, name);
        if (root instanceof Node.NullNode) {
            throw new ConfigException(List.of(new ConfigException.Problem(
                    root.location(),
                    "",
                    "the configuration is empty: it needs at least a crm and a policy section"
                            + " (docs/configuration.md)")));
        }
        if (!(root instanceof Node.MapNode)) {
            throw new ConfigException(List.of(new ConfigException.Problem(
                    root.location(),
                    "",
                    "expected a map of sections (crm, policy, team, worker, selftest), found " + root.describe())));
        }
        Binder b = new Binder(env);
        b.source(text);
        Binder.Section top = b.section(root, "").orElse(null);
        if (top == null) {
            b.failIfAny();
        }
        top.allow("crm", "policy", "team", "worker", "selftest");
        List<Reference> references = new ArrayList<>();
        Optional<CrmSettings> crm = crm(b, top);
        Optional<HandoverPolicy> policy = Optional.empty();
        Optional<Binder.Section> p = top.section("policy");
        if (p.isEmpty() && !top.has("policy")) {
            b.problem(top.location(), "policy", "is required: the rules of the handover procedure");
        }
        if (p.isPresent()) {
            policy = new PolicyBinder(b, baseDir, LocalDate.now(clock).getYear() + 2, references).bind(p.get());
        }
        TeamOverlay team = top.section("team").map(t -> team(b, t)).orElse(TeamOverlay.none());
        WorkerConfig worker =
                top.section("worker").map(w -> worker(b, w, baseDir)).orElse(WorkerConfig.defaults(baseDir));
        Optional<SelfTestConfig> selfTest = top.section("selftest").flatMap(st -> selfTest(b, st, references));
        b.failIfAny();
        return new RunnerConfig(name, crm.orElseThrow(), policy.orElseThrow(), team, worker, references, selfTest);
    }

    private Optional<CrmSettings> crm(Binder b, Binder.Section top) {
        if (!top.keys().contains("crm")) {
            b.problem(top.location(), "crm", "is required: the CRM's type (" + adapters(", ") + ") and settings");
            return Optional.empty();
        }
        Optional<Binder.Section> c = top.section("crm");
        if (c.isEmpty()) {
            if (!top.has("crm")) {
                b.problem(top.at("crm"), "crm", "is required: the CRM's type (" + adapters(", ") + ") and settings");
            }
            return Optional.empty();
        }
        Binder.Section crm = c.get().allow("type", "settings");
        Optional<String> type = crm.required("type", "the CRM adapter: " + adapters(" or "));
        if (type.isEmpty()) {
            return Optional.empty();
        }
        List<String> installed = providers();
        if (!installed.isEmpty() && !installed.contains(type.get().strip())) {
            String t = type.get().strip();
            b.problem(
                    crm.at("type"),
                    "crm.type",
                    "no CRM adapter '" + t + "' is installed"
                            + Binder.suggestion(t, new LinkedHashSet<>(installed))
                                    .map(x -> " (did you mean '" + x + "'?)")
                                    .orElse("")
                            + "; installed: " + String.join(", ", installed)
                            + " (an adapter is found on the class path through ServiceLoader)");
            return Optional.empty();
        }
        CrmSettings.Builder settings = CrmSettings.builder(type.get().strip());
        Map<String, Location> where = new HashMap<>();
        Optional<Binder.Section> section = crm.section("settings");
        section.ifPresent(s -> flatten(b, s, "", settings, where));
        CrmSettings built = settings.build();
        if (b.problems.isEmpty() && secrets) {
            probe(
                    b,
                    built,
                    crm.at("type"),
                    section.map(Binder.Section::location).orElse(crm.location()),
                    where);
        }
        return Optional.of(built);
    }

    /** The provider names ServiceLoader finds, sorted. */
    private static List<String> providers() {
        return CrmConnectors.discover().providers().stream()
                .map(CrmProvider::name)
                .sorted()
                .toList();
    }

    /** The adapters on the class path, by provider name: {@code memory, salesforce or zendesk}. */
    private static String adapters(String lastSeparator) {
        List<String> names = providers();
        if (names.isEmpty()) {
            return "none is on the class path";
        }
        return names.size() == 1
                ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + lastSeparator + names.get(names.size() - 1);
    }

    /**
     * Lets the adapter check its own settings (names, values, combinations) by making a connector and closing it:
     * adapters do no I/O before a connector's first call. A problem with one setting is a {@link CrmSettingsException}
     * carrying its key, so the message is put at the line of that setting: a typo is found by {@code check}, not by the
     * first poll.
     */
    private static void probe(
            Binder b, CrmSettings settings, Location type, Location section, Map<String, Location> where) {
        try (CrmConnector probe = CrmConnectors.builder().settings(settings).build()) {
            // made and closed: the settings are good
        } catch (IllegalStateException e) {
            b.problem(type, "crm.type", e.getMessage());
        } catch (CrmSettingsException e) {
            b.problem(where.getOrDefault(e.key(), section), "crm.settings." + e.key(), e.getMessage());
        } catch (IllegalArgumentException e) {
            b.problem(section, "crm.settings", e.getMessage());
        }
    }

    /** Nested maps become dotted keys ({@code auth: {type: oauth}} is {@code auth.type}); lists are comma-joined. */
    private void flatten(
            Binder b, Binder.Section s, String prefix, CrmSettings.Builder out, Map<String, Location> where) {
        for (String key : s.keys()) {
            String full = prefix + key;
            Node n = s.get(key).orElse(null);
            if (n == null) {
                continue;
            }
            if (n instanceof Node.MapNode) {
                s.section(key).ifPresent(inner -> flatten(b, inner, full + ".", out, where));
                continue;
            }
            where.put(full, s.keyLocation(key));
            String value = n instanceof Node.ListNode
                    ? String.join(",", b.scalars(n, s.path(key)))
                    : ((Node.ScalarNode) n).text();
            Optional<String> ref = b.envReference(value);
            boolean secretKey = SECRET_KEY.matcher(full).matches();
            if (ref.isEmpty() && secretKey) {
                b.problem(
                        n.location(),
                        s.path(key),
                        "is a secret and must be an environment variable reference" + " such as ${" + envName(full)
                                + "}; secrets are never written in the file");
                continue;
            }
            if (ref.isEmpty()) {
                out.put(full, value);
                continue;
            }
            Optional<String> resolved = b.lookupEnv(ref.get());
            if (resolved.isEmpty()) {
                if (secrets) {
                    b.problem(n.location(), s.path(key), "the environment variable " + ref.get() + " is not set");
                }
            } else if (secretKey) {
                out.secret(full, Secret.of(resolved.get()));
            } else {
                out.put(full, resolved.get());
            }
        }
    }

    private static String envName(String key) {
        return "HANDOVER_" + key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
    }

    private TeamOverlay team(Binder b, Binder.Section t) {
        t.allow("agents");
        List<TeamOverlay.AgentPatch> patches = new ArrayList<>();
        t.section("agents").ifPresent(agents -> {
            for (String key : agents.keys()) {
                agents.section(key).ifPresent(a -> patches.add(agent(b, key, agents.at(key), a)));
            }
        });
        return TeamOverlay.of(patches);
    }

    private TeamOverlay.AgentPatch agent(Binder b, String key, Location at, Binder.Section a) {
        a.allow("skills", "languages", "timeZone", "shifts", "manager", "capacity", "role", "absences");
        Optional<java.util.Set<String>> skills =
                a.has("skills") ? Optional.of(new LinkedHashSet<>(a.strings("skills"))) : Optional.empty();
        Optional<List<Locale>> languages = Optional.empty();
        if (a.has("languages")) {
            List<Locale> ls = new ArrayList<>();
            for (String tag : a.strings("languages")) {
                Locale l = Locale.forLanguageTag(tag.replace('_', '-'));
                if (l.getLanguage().isEmpty()) {
                    b.problem(
                            a.at("languages"),
                            a.path("languages"),
                            "'" + tag + "' is not a language code like en, de or pt-BR");
                } else {
                    ls.add(l);
                }
            }
            languages = Optional.of(ls);
        }
        Optional<ZoneId> zone = a.string("timeZone").flatMap(z -> b.zone(z, a.at("timeZone"), a.path("timeZone")));
        Optional<List<dev.handover.spi.model.Shift>> shifts = Optional.empty();
        if (a.has("shifts")) {
            List<dev.handover.spi.model.Shift> ss = new ArrayList<>();
            List<String> hs = a.strings("shifts");
            List<Location> where = Hours.locations(a.get("shifts"), hs.size(), a.location());
            for (int i = 0; i < hs.size(); i++) {
                Hours.parse(hs.get(i), where.get(i), a.path("shifts"), b).ifPresent(ss::add);
            }
            shifts = Optional.of(ss);
        }
        Optional<Integer> capacity = a.integer("capacity", 0, 100_000);
        List<TeamOverlay.PlannedAbsence> absences = new ArrayList<>();
        List<Node> list = a.list("absences", "absences");
        for (int i = 0; i < list.size(); i++) {
            String path = a.path("absences") + "[" + i + "]";
            b.section(list.get(i), path).ifPresent(x -> absence(b, x).ifPresent(absences::add));
        }
        return new TeamOverlay.AgentPatch(
                key, at, skills, languages, zone, shifts, a.string("manager"), capacity, a.string("role"), absences);
    }

    private Optional<TeamOverlay.PlannedAbsence> absence(Binder b, Binder.Section x) {
        x.allow("from", "until", "reason", "deputy");
        Optional<String> from = x.required("from", "a date (2026-03-02) or an instant (2026-03-02T08:00:00Z)");
        Optional<String> until = x.required("until", "a date (inclusive) or an instant (exclusive)");
        String reason = x.string("reason", "absence");
        if (from.isEmpty() || until.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> fi = instant(from.get());
        Optional<Instant> ui = instant(until.get());
        Optional<LocalDate> fd = fi.isPresent() ? Optional.empty() : day(from.get());
        Optional<LocalDate> ud = ui.isPresent() ? Optional.empty() : day(until.get());
        if (fi.isEmpty() && fd.isEmpty()) {
            b.problem(x.at("from"), x.path("from"), "expected a date or an instant, found '" + from.get() + "'");
            return Optional.empty();
        }
        if (ui.isEmpty() && ud.isEmpty()) {
            b.problem(x.at("until"), x.path("until"), "expected a date or an instant, found '" + until.get() + "'");
            return Optional.empty();
        }
        boolean backwards = fi.isPresent() && ui.isPresent() && !ui.get().isAfter(fi.get())
                || fd.isPresent() && ud.isPresent() && ud.get().isBefore(fd.get());
        if (backwards) {
            b.problem(x.at("until"), x.path("until"), "the absence ends before it starts");
            return Optional.empty();
        }
        return Optional.of(new TeamOverlay.PlannedAbsence(fi, ui, fd, ud, reason, x.string("deputy")));
    }

    private static Optional<Instant> instant(String v) {
        try {
            return Optional.of(Instant.parse(v.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> day(String v) {
        try {
            return Optional.of(LocalDate.parse(v.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<SelfTestConfig> selfTest(Binder b, Binder.Section st, List<Reference> references) {
        st.allow("allowed", "requester", "sender", "receiver", "group");
        boolean allowed = st.bool("allowed").orElse(false);
        Optional<String> email = Optional.empty();
        Optional<String> name = Optional.empty();
        Optional<Binder.Section> r = st.section("requester");
        if (r.isEmpty()) {
            b.problem(
                    st.location(),
                    st.path("requester"),
                    "is required: the test requester (email, name) whose tickets the self-test makes — never a real"
                            + " customer");
        } else {
            Binder.Section req = r.get().allow("email", "name");
            email = req.required("email", "the test requester's address");
            name = req.required("name", "the test requester's name");
            email.filter(e -> !e.contains("@"))
                    .ifPresent(e ->
                            b.problem(req.at("email"), req.path("email"), "expected an address, found '" + e + "'"));
        }
        Optional<String> sender = st.required("sender", "the id of the test agent a test ticket starts with");
        Optional<String> receiver = st.required("receiver", "the id of the test agent it is handed over to");
        Optional<String> group = st.string("group");
        sender.ifPresent(
                id -> references.add(new Reference(Reference.Kind.AGENT, id, st.at("sender"), st.path("sender"))));
        receiver.ifPresent(
                id -> references.add(new Reference(Reference.Kind.AGENT, id, st.at("receiver"), st.path("receiver"))));
        group.ifPresent(
                id -> references.add(new Reference(Reference.Kind.GROUP, id, st.at("group"), st.path("group"))));
        if (sender.isPresent() && sender.equals(receiver)) {
            b.problem(
                    st.at("receiver"),
                    st.path("receiver"),
                    "must differ from selftest.sender ('" + sender.get() + "')");
            return Optional.empty();
        }
        if (email.isEmpty()
                || name.isEmpty()
                || sender.isEmpty()
                || receiver.isEmpty()
                || !email.get().contains("@")) {
            return Optional.empty();
        }
        return Optional.of(new SelfTestConfig(
                allowed,
                new dev.handover.spi.selftest.TestTeam(
                        email.get(),
                        name.get(),
                        dev.handover.spi.model.AgentId.of(sender.get()),
                        dev.handover.spi.model.AgentId.of(receiver.get()),
                        group.map(dev.handover.spi.model.GroupId::of)),
                st.location()));
    }

    private WorkerConfig worker(Binder b, Binder.Section w, Path baseDir) {
        w.allow(
                "pollInterval",
                "lookback",
                "sweepEvery",
                "reconcileEvery",
                "partition",
                "journal",
                "state",
                "lockWait",
                "webhook",
                "startup",
                "health");
        WorkerConfig d = WorkerConfig.defaults(baseDir);
        Duration poll = positive(b, w, "pollInterval", d.pollInterval());
        Duration lookback = w.duration("lookback", d.lookback());
        Duration sweep = positive(b, w, "sweepEvery", d.sweepEvery());
        Duration reconcile = positive(b, w, "reconcileEvery", d.reconcileEvery());
        Partition partition = w.string("partition")
                .flatMap(v -> {
                    Matcher m = PARTITION.matcher(v);
                    if (m.matches()) {
                        int i = Integer.parseInt(m.group(1));
                        int n = Integer.parseInt(m.group(2));
                        if (n >= 1 && i < n) {
                            return Optional.of(new Partition(i, n));
                        }
                    }
                    b.problem(
                            w.at("partition"),
                            w.path("partition"),
                            "expected index/count with 0 ≤ index < count, such as" + " 0/3, found '" + v + "'");
                    return Optional.empty();
                })
                .orElse(d.partition());
        Path journal = d.journal();
        long maxBytes = d.journalMaxBytes();
        int keep = d.journalKeep();
        Optional<Node> j = w.get("journal");
        if (j.isPresent() && j.get() instanceof Node.ScalarNode s) {
            journal = baseDir.resolve(s.text().strip());
        } else if (j.isPresent()) {
            Optional<Binder.Section> js = w.section("journal");
            if (js.isPresent()) {
                Binder.Section jj = js.get().allow("path", "maxSize", "keep");
                journal = jj.string("path").map(baseDir::resolve).orElse(journal);
                maxBytes = jj.string("maxSize")
                        .flatMap(v -> size(b, v, jj, "maxSize", 256))
                        .orElse(maxBytes);
                keep = jj.integer("keep", 0, 1000).orElse(keep);
            }
        }
        Path state = w.string("state").map(baseDir::resolve).orElse(d.state());
        Duration lockWait = w.duration("lockWait", d.lockWait());
        Optional<WorkerConfig.Webhook> webhook = w.section("webhook").flatMap(h -> webhook(b, h));
        return new WorkerConfig(
                        poll, lookback, sweep, reconcile, partition, journal, maxBytes, keep, state, lockWait, webhook)
                .with(startup(b, w), health(b, w, baseDir));
    }

    /** {@code worker.startup}: how long {@code run} keeps trying to reach the CRM at start. */
    private static WorkerConfig.Startup startup(Binder b, Binder.Section w) {
        WorkerConfig.Startup d = WorkerConfig.Startup.DEFAULT;
        Optional<Binder.Section> section = w.section("startup");
        if (section.isEmpty()) {
            return d;
        }
        Binder.Section s = section.get().allow("retryFor", "firstDelay", "maxDelay");
        Duration retryFor = s.duration("retryFor", d.retryFor());
        Duration first = positive(b, s, "firstDelay", d.firstDelay());
        Duration max = positive(b, s, "maxDelay", d.maxDelay());
        if (max.compareTo(first) < 0) {
            b.problem(s.at("maxDelay"), s.path("maxDelay"), "must be at least firstDelay (" + first + ")");
            max = first;
        }
        return new WorkerConfig.Startup(retryFor, first, max);
    }

    /** {@code worker.health}: the liveness and readiness endpoint, the file touched after each successful pass. */
    private static Optional<WorkerConfig.Health> health(Binder b, Binder.Section w, Path baseDir) {
        Optional<Binder.Section> section = w.section("health");
        if (section.isEmpty()) {
            return Optional.empty();
        }
        Binder.Section h = section.get().allow("listen", "file", "staleAfter");
        Optional<String> host = Optional.empty();
        int port = 0;
        Optional<String> listen = h.string("listen").map(String::strip);
        if (listen.isPresent()) {
            String v = listen.get();
            int colon = v.lastIndexOf(':');
            host = Optional.of(colon < 0 ? "127.0.0.1" : v.substring(0, colon));
            port = -1;
            try {
                port = Integer.parseInt(colon < 0 ? v : v.substring(colon + 1));
            } catch (NumberFormatException e) {
                // reported below
            }
            if (port < 0 || port > 65535 || host.get().isBlank()) {
                b.problem(
                        h.at("listen"),
                        h.path("listen"),
                        "expected host:port such as 0.0.0.0:8081, or a port, found '" + v + "'");
                return Optional.empty();
            }
        }
        Optional<Path> file = h.string("file").map(String::strip).map(baseDir::resolve);
        int staleAfter = h.integer("staleAfter", 1, 1000).orElse(3);
        if (host.isEmpty() && file.isEmpty()) {
            b.problem(
                    h.location(),
                    h.path("listen"),
                    "worker.health needs listen (an HTTP endpoint such as 0.0.0.0:8081), file (touched after each"
                            + " successful pass) or both");
            return Optional.empty();
        }
        return Optional.of(new WorkerConfig.Health(host, port, file, staleAfter));
    }

    private static Duration positive(Binder b, Binder.Section s, String key, Duration d) {
        Duration v = s.duration(key, d);
        if (v.isZero()) {
            b.problem(s.at(key), s.path(key), "expected a duration above zero");
            return d;
        }
        return v;
    }

    private static Optional<Long> size(Binder b, String v, Binder.Section s, String key, long min) {
        Matcher m = SIZE.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
            long factor = Map.of(
                            "b",
                            1L,
                            "kb",
                            1000L,
                            "kib",
                            1024L,
                            "mb",
                            1_000_000L,
                            "mib",
                            1L << 20,
                            "gb",
                            1_000_000_000L,
                            "gib",
                            1L << 30)
                    .get(unit);
            if (n * factor >= min) {
                return Optional.of(n * factor);
            }
        }
        b.problem(
                s.at(key),
                s.path(key),
                "expected a size of at least " + min + (min == 1 ? " byte" : " bytes") + " such as 64MiB or 500KB,"
                        + " found '" + v + "'");
        return Optional.empty();
    }

    private Optional<WorkerConfig.Webhook> webhook(Binder b, Binder.Section h) {
        h.allow("listen", "path", "secret", "maxAge", "threads", "queue", "maxBody", "readTimeout");
        String listen = h.string("listen", "127.0.0.1:8085").strip();
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : listen.substring(0, colon);
        int port = -1;
        try {
            port = Integer.parseInt(colon < 0 ? listen : listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (port < 0 || port > 65535 || host.isBlank()) {
            b.problem(
                    h.at("listen"),
                    h.path("listen"),
                    "expected host:port such as 127.0.0.1:8085, found '" + listen + "'");
        }
        String path = h.string("path", "/webhooks").strip();
        if (!path.startsWith("/")) {
            b.problem(h.at("path"), h.path("path"), "expected a path starting with /, found '" + path + "'");
        }
        Duration maxAge = positive(b, h, "maxAge", Duration.ofMinutes(5));
        int threads = h.integer("threads", 1, 1000).orElse(8);
        int queue = h.integer("queue", 0, 100_000).orElse(64);
        long maxBody =
                h.string("maxBody").flatMap(v -> size(b, v, h, "maxBody", 1)).orElse(1L << 20);
        Duration readTimeout = positive(b, h, "readTimeout", Duration.ofSeconds(10));
        Optional<Secret> secret = Optional.empty();
        Optional<String> raw = h.required("secret", "the webhook's signing secret as an ${ENV_VAR} reference");
        if (raw.isPresent()) {
            Optional<String> ref = b.envReference(raw.get());
            if (ref.isEmpty()) {
                b.problem(
                        h.at("secret"),
                        h.path("secret"),
                        "is a secret and must be an environment variable"
                                + " reference such as ${WEBHOOK_SECRET}; secrets are never written in the file");
            } else {
                secret = b.lookupEnv(ref.get()).map(Secret::of);
                if (secret.isEmpty() && secrets) {
                    b.problem(
                            h.at("secret"), h.path("secret"), "the environment variable " + ref.get() + " is not set");
                }
            }
        }
        if (secret.isEmpty() || port < 0 || port > 65535 || host.isBlank() || !path.startsWith("/")) {
            return Optional.empty();
        }
        return Optional.of(
                new WorkerConfig.Webhook(host, port, path, secret.get(), maxAge, threads, queue, maxBody, readTimeout));
    }
}

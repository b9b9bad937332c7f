package dev.handover.runner;

import dev.handover.runner.config.ConfigLoader;
import dev.handover.runner.config.Reference;
import dev.handover.runner.config.RunnerConfig;
import dev.handover.runner.procedure.Format;
import dev.handover.runner.procedure.Names;
import dev.handover.runner.procedure.ProcedureWriter;
import dev.handover.spi.CrmConnector;
import dev.handover.spi.CrmConnectors;
import dev.handover.spi.model.AgentId;
import dev.handover.spi.model.Directory;
import dev.handover.spi.model.GroupId;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code handover check}: validates the configuration and prints the handover procedure it describes. */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        description = {
            "Checks the configuration file and prints the handover procedure it describes, in plain language: the"
                    + " document a team agrees on before switching the rules on.",
            "Every problem is reported at once with file, line and column. With --connect the CRM is asked too: the"
                    + " agent and group ids the file names must exist, and so must the agents of the team section.",
            "With --connect --probe-tasks one task is created, closed and deleted, to prove the account lets"
                    + " handover tasks be completed (required fields, forms, statuses).",
            "Without --connect the CRM's secrets are not needed: environment variables the file references may be"
                    + " unset. With --connect the agents and groups are named as the CRM names them.",
            "--format markdown or html makes a document to share; --out writes it to a file."
        })
final class CheckCommand extends ConfiguredCommand {
    /** The width of the text when neither --width nor the terminal ($COLUMNS) says. */
    static final int DEFAULT_WIDTH = 100;

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final Context context;

    CheckCommand(Context context) {
        super(context);
        this.context = context;
    }

    @Option(names = "--connect", description = "Also connect to the CRM (read only) and check the ids the file names.")
    boolean connect;

    @Option(
            names = "--probe-tasks",
            description = "With --connect: create one task in the CRM as handovers create them, close it as they close"
                    + " them, and delete it — proof that tasks can be completed in this account. This writes.")
    boolean probeTasks;

    @Option(names = "--quiet", description = "Print only problems, not the procedure.")
    boolean quiet;

    @Option(
            names = "--format",
            paramLabel = "FORMAT",
            defaultValue = "text",
            converter = FormatConverter.class,
            description = "How the procedure is printed: text (default; wrapped), markdown or html (one"
                    + " self-contained page).")
    Format format;

    @Option(
            names = "--width",
            paramLabel = "COLUMNS",
            description = "Wrap the text at this many columns (default: the terminal's $COLUMNS, else " + DEFAULT_WIDTH
                    + ").")
    Integer width;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the procedure to this file (UTF-8) instead of standard output.")
    Path outFile;

    /** {@code text}, {@code markdown} or {@code html}, in any case. */
    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "text", "txt" -> Format.TEXT;
                case "markdown", "md" -> Format.MARKDOWN;
                case "html" -> Format.HTML;
                default ->
                    throw new picocli.CommandLine.TypeConversionException(
                            "expected text, markdown or html, was '" + value + "'");
            };
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = out();
        // a Markdown or HTML document on standard output is the whole output, so that "> procedure.md" is the document
        // alone; what check found goes to standard error then
        PrintWriter status = format == Format.TEXT || outFile != null || quiet
                ? out
                : spec.commandLine().getErr();
        if (probeTasks && !connect) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--probe-tasks needs --connect: it creates a task in the CRM");
        }
        if (width != null && width < 20) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--width: at least 20 columns, was " + width);
        }
        RunnerConfig c = connect ? config.load() : loadOffline();
        Names names = Names.ids();
        if (connect) {
            List<String> problems = new ArrayList<>();
            try (CrmConnector crm = CrmConnectors.builder().settings(c.crm()).build()) {
                // one read of the directory serves the id check and the names in the procedure
                Directory dir = crm.directory();
                names = Names.of(dir);
                for (Reference r : c.references()) {
                    boolean known = r.kind() == Reference.Kind.AGENT
                            ? dir.agent(AgentId.of(r.id())).isPresent()
                            : dir.group(GroupId.of(r.id())).isPresent();
                    if (!known) {
                        problems.add(r.at() + ": " + r.key() + ": no "
                                + r.kind().name().toLowerCase(java.util.Locale.ROOT) + " '" + r.id()
                                + "' in the CRM's directory");
                    }
                }
                problems.addAll(c.team().unmatched(dir));
                // what only the account can tell: a field key that does not exist reads as "no value" at run time
                crm.checkSettings().forEach(p -> problems.add(c.source() + ": crm.settings." + p));
                java.util.Optional<List<String>> probed = probeTasks ? crm.probeTasks() : java.util.Optional.empty();
                probed.ifPresent(found -> found.forEach(p -> problems.add(c.source() + ": crm: " + p)));
                if (!problems.isEmpty()) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println(
                            problems.size() == 1
                                    ? "handover: " + problems.get(0)
                                    : "handover: " + problems.size() + " problems found against the CRM:");
                    if (problems.size() > 1) {
                        problems.forEach(p -> err.println("  " + p));
                    }
                    return ExitCodes.USAGE;
                }
                status.println(c.source() + ": connected to " + crm.vendor() + "; "
                        + plural(dir.agents().size(), "agent", "agents") + " and "
                        + plural(dir.groups().size(), "group", "groups") + "; every id the file names exists.");
                if (probeTasks) {
                    status.println(
                            probed.isPresent()
                                    ? c.source() + ": a task was created, closed and deleted again: handover tasks can"
                                            + " be completed in this account."
                                    : c.source() + ": " + crm.vendor() + " has no task probe; nothing was written.");
                }
            }
        }
        status.println(c.source() + " is valid: " + plural(c.policy().rules().size(), "rule", "rules") + ", "
                + plural(c.policy().reminderPolicies().size(), "reminder policy", "reminder policies") + ", CRM "
                + c.crm().provider() + ".");
        if (!quiet) {
            String document = format.render(ProcedureWriter.write(c.policy(), names), width());
            if (outFile != null) {
                Path target = context.directory().resolve(outFile);
                try {
                    Files.writeString(target, document, StandardCharsets.UTF_8);
                } catch (IOException e) {
                    String why = e instanceof java.nio.file.NoSuchFileException
                            ? "its directory does not exist"
                            : e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.toString();
                    spec.commandLine()
                            .getErr()
                            .println("handover: --out " + outFile + ": the procedure cannot be written: " + why);
                    return ExitCodes.FAILED;
                }
                out.println(
                        "The procedure is in " + outFile + " (" + format.name().toLowerCase(Locale.ROOT) + ").");
            } else {
                if (format == Format.TEXT) {
                    out.println();
                }
                out.print(document);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /**
     * The configuration without the CRM's secrets when one of the variables it references is not set: the procedure
     * needs none of them. When all are set it is checked in full, as {@code run} will read it (the adapter's own
     * check of its settings included); otherwise the variables missing are named on standard error, as a note.
     */
    private RunnerConfig loadOffline() {
        ConfigLoader strict = ConfigLoader.with(context.env(), clock);
        Map<String, String> missing = missingVariables(config.file);
        if (missing.isEmpty()) {
            return strict.load(config.file);
        }
        RunnerConfig c = strict.withoutSecrets().load(config.file);
        PrintWriter err = spec.commandLine().getErr();
        missing.forEach((name, where) -> err.println("handover: note: " + where + ": the environment variable " + name
                + " is not set; the procedure does not need it, but check --connect, run and the other commands that"
                + " reach the CRM do"));
        return c;
    }

    /** The variables the file references ({@code ${NAME}}) that are not set, with where each is first written. */
    private Map<String, String> missingVariables(Path file) {
        Map<String, String> missing = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException | java.io.UncheckedIOException e) {
            return missing; // the loader reports an unreadable file with its location
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = comment(line);
            Matcher m = ENV_REFERENCE.matcher(line);
            while (m.find()) {
                if (m.start() >= hash) {
                    break;
                }
                String name = m.group(1);
                String value = context.env().apply(name);
                if ((value == null || value.isEmpty()) && !missing.containsKey(name)) {
                    missing.put(name, config.file + ":" + (i + 1) + ":" + (m.start() + 1));
                }
            }
        }
        return missing;
    }

    /** Where a YAML comment starts on the line ({@code #} at its start or after a blank), or its length. */
    private static int comment(String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return line.length();
    }

    /** --width, else the terminal's $COLUMNS when it is a sensible number, else 100. */
    private int width() {
        if (width != null) {
            return width;
        }
        String columns = context.env().apply("COLUMNS");
        if (columns != null && columns.strip().matches("\\d{2,4}")) {
            int n = Integer.parseInt(columns.strip());
            if (n >= 20) {
                return n;
            }
        }
        return DEFAULT_WIDTH;
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}

package io.vigil.cli;

import io.vigil.detect.Signal;
import io.vigil.parse.ParserRegistry;
import io.vigil.rules.Rule;
import io.vigil.rules.RuleException;
import io.vigil.rules.RuleFormat;
import io.vigil.rules.RulePack;
import io.vigil.rules.RuleTester;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil rules}: detection as code for CI pipelines, and the generated rule catalogue. */
@Command(name = "rules", mixinStandardHelpOptions = true, description = "Test rules against log files; list the built-in pack.",
        subcommands = {RulesCommand.Test.class, RulesCommand.Docs.class})
final class RulesCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code vigil rules test RULE.yml LOGFILE --type T [--expect fire|quiet]}: exit 0 when the expectation holds. */
    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Run a rule over a log file and print what it fires. Exit code 1 when the expectation fails.")
    static final class Test implements Callable<Integer> {
        @Parameters(index = "0", description = "Rule file (YAML)")
        Path rule;

        @Parameters(index = "1", description = "Log file, one record per line")
        Path log;

        @Option(names = "--type", defaultValue = "auto", description = "Parser type of the log file (default: auto)")
        String type;

        @Option(names = "--expect", description = "fire or quiet (default: fire)", defaultValue = "fire")
        String expect;

        @Override
        public Integer call() throws Exception {
            Rule r;
            try {
                r = RuleFormat.parseYaml(Files.readString(rule), rule.toString());
            } catch (RuleException e) {
                e.problems().forEach(p -> System.err.println(p));
                return 2;
            }
            List<Signal> signals = new RuleTester(ParserRegistry.builtIn()).run(r, log, type);
            for (Signal s : signals) {
                System.out.printf("%s %s %s count=%d %s%n", s.at(), s.severity().id(), s.ruleId(), s.count(), s.group());
            }
            System.out.printf("%s: %d signal(s) on %s%n", r.id(), signals.size(), log);
            boolean ok = expect.equals("quiet") ? signals.isEmpty() : !signals.isEmpty();
            if (!ok) {
                System.err.println("expected the rule to " + (expect.equals("quiet") ? "stay quiet" : "fire"));
            }
            return ok ? 0 : 1;
        }
    }

    /** {@code vigil rules docs}: the built-in pack as a Markdown table (docs/rules.md is generated from it). */
    @Command(name = "docs", mixinStandardHelpOptions = true, description = "Print the built-in rule catalogue as Markdown.")
    static final class Docs implements Callable<Integer> {
        @Option(names = "--write", description = "Replace the table between the markers in this Markdown file")
        Path write;

        @Override
        public Integer call() throws Exception {
            if (write == null) {
                System.out.print(catalogue());
                return 0;
            }
            String text = Files.readString(write);
            int start = text.indexOf(START);
            int end = text.indexOf(END);
            if (start < 0 || end < start) {
                System.err.println(write + " has no " + START + " ... " + END + " markers");
                return 1;
            }
            Files.writeString(write, text.substring(0, start + START.length()) + catalogue() + text.substring(end));
            return 0;
        }
    }

    static final String START = "<!-- generated:rules -->\n";
    static final String END = "<!-- end:rules -->";

    /** The Markdown catalogue of the built-in pack. */
    static String catalogue() {
        StringBuilder sb = new StringBuilder();
        var rules = RulePack.load().values().stream().sorted(java.util.Comparator.comparing(Rule::id)).toList();
        sb.append("| id | title | severity | type | data sources | tags |\n| --- | --- | --- | --- | --- | --- |\n");
        for (Rule r : rules) {
            sb.append("| `").append(r.id()).append("` | ").append(r.title().replace("|", "\\|")).append(" | ")
                    .append(r.severity().id()).append(" | ").append(r.detection().type()).append(" | ")
                    .append(String.join(", ", r.dataSources())).append(" | ")
                    .append(String.join(", ", r.tags())).append(" |\n");
        }
        return sb.toString();
    }
}

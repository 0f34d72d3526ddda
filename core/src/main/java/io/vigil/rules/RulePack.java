package io.vigil.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The built-in rule pack, shipped in the jar under {@code rules/}. {@code rules/index.txt} lists
 * every rule file (one path per line, relative to {@code rules/}); nothing is found by scanning.
 * A rule's test samples sit beside it under {@code tests/<id>/}.
 */
public final class RulePack {
    public static final String ROOT = "rules/";
    public static final String INDEX = ROOT + "index.txt";

    private RulePack() {}

    /** Paths of the built-in rule files, relative to {@code rules/}, in index order. */
    public static List<String> files() {
        String index = read(INDEX);
        return index.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /**
     * Every built-in rule by id.
     *
     * @throws RuleException listing the problems of all invalid files at once
     */
    public static Map<String, Rule> load() {
        Map<String, Rule> rules = new LinkedHashMap<>();
        List<RuleProblem> problems = new ArrayList<>();
        for (String file : files()) {
            try {
                Rule rule = RuleFormat.parseYaml(read(ROOT + file), file);
                if (rules.putIfAbsent(rule.id(), rule) != null) {
                    problems.add(new RuleProblem(file, 0, "id", "duplicate rule id " + rule.id()));
                }
            } catch (RuleException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new RuleException(problems);
        }
        return rules;
    }

    static String read(String resource) {
        try (InputStream in = RulePack.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

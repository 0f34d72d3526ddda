package io.vigil.rules;

/**
 * One thing wrong with a rule.
 *
 * @param origin file name or "api"
 * @param line 1-based line in the file, 0 when unknown
 * @param field dotted path of the field ({@code threshold.count}), or empty for the whole rule
 */
public record RuleProblem(String origin, int line, String field, String message) {
    @Override
    public String toString() {
        return origin + (line > 0 ? ":" + line : "") + (field.isEmpty() ? "" : " " + field) + ": " + message;
    }
}

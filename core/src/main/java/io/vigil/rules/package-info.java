/**
 * Rules as code: the rule model, its YAML/JSON form, and validation.
 *
 * <p>In: rule files or API bodies. Out: validated {@link io.vigil.rules.Rule} records. Promises:
 * an invalid rule is refused with every problem listed at once, each with its field and line;
 * unknown keys are problems, not silently ignored.
 */
package io.vigil.rules;

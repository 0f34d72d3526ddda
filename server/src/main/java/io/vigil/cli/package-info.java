/**
 * The {@code vigil} command: {@code server}, {@code ingest}, {@code rules} and {@code bench}. Options override environment
 * variables, which override the YAML file, which overrides defaults.
 */
package io.vigil.cli;

/**
 * Parsing: raw records in, ECS events out.
 *
 * <p>In: a {@link io.vigil.parse.RawEvent} (one line or one JSON document) and a type name.
 * Out: a {@link io.vigil.parse.ParseResult}, either events or a failure reason. Promises: a parser
 * never throws on malformed input, keeps the raw line in {@code message}, and is thread-safe.
 * {@link io.vigil.parse.ParserRegistry} is the one explicit list of types; nothing is found by
 * classpath scanning.
 */
package io.vigil.parse;

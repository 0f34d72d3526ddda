/**
 * The search model shared by every store: a Lucene-syntax query string, a time range, sorting and
 * aggregations ({@code date_histogram}, {@code terms}, {@code cardinality}, {@code stats}).
 *
 * <p>In: API parameters. Out: a validated {@link io.vigil.query.SearchRequest}. Promises: invalid
 * input fails with {@link io.vigil.query.QueryException} naming what was wrong and where.
 */
package io.vigil.query;

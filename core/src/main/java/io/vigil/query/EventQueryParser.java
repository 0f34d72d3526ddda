package io.vigil.query;

import io.vigil.event.Ecs;
import io.vigil.event.FieldType;
import io.vigil.event.IpAddresses;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.Token;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;

/**
 * Lucene query syntax as Kibana users type it, typed by field: numeric and date ranges are
 * numeric, IP fields take addresses and CIDR blocks, keywords match exactly, {@code message} and
 * other text fields are analysed, {@code _exists_:field} tests presence, bare words search
 * {@code message}. A field never seen matches nothing. Not thread-safe: make one per query.
 */
public final class EventQueryParser extends QueryParser {
    public static final String DEFAULT_FIELD = Ecs.MESSAGE;
    private final Function<String, FieldType> types;

    EventQueryParser(Function<String, FieldType> types) {
        super(DEFAULT_FIELD, new TypedAnalyzer(types));
        this.types = types;
        setAllowLeadingWildcard(true);
        setDefaultOperator(Operator.OR);
        setSplitOnWhitespace(true);
        setAutoGeneratePhraseQueries(true);
    }

    /** Parses a query string; blank means all events. */
    public static Query parse(String query, Function<String, FieldType> types) {
        if (query == null || query.isBlank() || query.trim().equals("*") || query.trim().equals("*:*")) {
            return new MatchAllDocsQuery();
        }
        EventQueryParser parser = new EventQueryParser(types);
        try {
            return parser.parse(query);
        } catch (IllegalArgumentException e) {
            // Lucene refuses some patterns outright, e.g. a regular expression whose automaton is too large.
            throw new QueryException("query refused: " + e.getMessage());
        } catch (ParseException e) {
            QueryException explained = explain(e);
            if (query.indexOf('/') >= 0) {
                // The most common surprise: an unquoted CIDR block or path.
                return rethrowWithHint(explained);
            }
            throw explained;
        }
    }

    private static Query rethrowWithHint(QueryException e) {
        throw new QueryException(e.getMessage() + " (a / starts a regular expression: put CIDR blocks and paths"
                + " in quotes, e.g. source.ip:\"10.0.0.0/8\", or escape it as \\/)", e.position());
    }

    private static QueryException explain(ParseException e) {
        ParseException syntax = e.getCause() instanceof ParseException inner ? inner : e;
        if (syntax.currentToken != null && syntax.currentToken.next != null) {
            Token bad = syntax.currentToken.next;
            List<String> expected = new ArrayList<>();
            if (syntax.expectedTokenSequences != null) {
                for (int[] seq : syntax.expectedTokenSequences) {
                    if (seq.length > 0 && expected.size() < 6) {
                        String name = syntax.tokenImage[seq[0]];
                        if (!expected.contains(name)) {
                            expected.add(name);
                        }
                    }
                }
            }
            String found = bad.kind == 0 ? "end of query" : "'" + bad.image + "'";
            return new QueryException("syntax error at column " + bad.beginColumn + ": unexpected " + found
                    + (expected.isEmpty() ? "" : "; expected one of " + String.join(", ", expected)), bad.beginColumn);
        }
        String message = e.getMessage();
        if (e.getCause() != null && e.getCause().getMessage() != null) {
            message = e.getCause().getMessage();
        }
        int column = column(message);
        return new QueryException("syntax error: " + message.replaceFirst("^Cannot parse '.*?': ", ""), column);
    }

    private static int column(String message) {
        var m = java.util.regex.Pattern.compile("column (\\d+)").matcher(message);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private FieldType typeOf(String field) {
        return types.apply(field);
    }

    @Override
    protected Query getFieldQuery(String field, String text, boolean quoted) throws ParseException {
        if (field.equals("_exists_")) {
            return typeOf(text) == null ? new MatchNoDocsQuery("no field " + text) : new FieldExistsQuery(text);
        }
        if (field.equals("*") && text.equals("*")) {
            return new MatchAllDocsQuery();
        }
        FieldType type = typeOf(field);
        if (type == null) {
            return new MatchNoDocsQuery("no field " + field);
        }
        if (!quoted && (type.isNumeric() || type == FieldType.IP) && (text.startsWith(">") || text.startsWith("<"))) {
            return comparison(field, text);
        }
        return switch (type) {
            case TEXT -> super.getFieldQuery(field, text, quoted);
            case KEYWORD, BOOLEAN -> new TermQuery(new Term(field, text));
            case LONG -> LongPoint.newExactQuery(field, parseLong(field, text));
            case DOUBLE -> DoublePoint.newExactQuery(field, parseDouble(field, text));
            case DATE -> LongPoint.newExactQuery(field, parseDate(field, text));
            case IP -> ipQuery(field, text);
        };
    }

    @Override
    protected Query getFieldQuery(String field, String text, int slop) throws ParseException {
        FieldType type = typeOf(field);
        if (type == FieldType.TEXT) {
            return super.getFieldQuery(field, text, slop);
        }
        return getFieldQuery(field, text, true);
    }

    /**
     * A group of only negative clauses ({@code NOT x}) means "everything except x", as Kibana
     * users expect; plain Lucene would match nothing.
     */
    @Override
    protected Query getBooleanQuery(List<org.apache.lucene.search.BooleanClause> clauses) throws ParseException {
        if (!clauses.isEmpty() && clauses.stream().allMatch(c -> c.getOccur() == org.apache.lucene.search.BooleanClause.Occur.MUST_NOT)) {
            List<org.apache.lucene.search.BooleanClause> all = new ArrayList<>(clauses);
            all.add(new org.apache.lucene.search.BooleanClause(new MatchAllDocsQuery(), org.apache.lucene.search.BooleanClause.Occur.MUST));
            return super.getBooleanQuery(all);
        }
        return super.getBooleanQuery(clauses);
    }

    /** {@code status:>=400}, {@code bytes:<1000}: a one-sided range, as Elasticsearch's query_string allows. */
    private Query comparison(String field, String text) throws ParseException {
        boolean inclusive = text.length() > 1 && text.charAt(1) == '=';
        String bound = text.substring(inclusive ? 2 : 1).trim();
        if (bound.isEmpty()) {
            throw new QueryException("field " + field + ": '" + text + "' needs a value after the comparison");
        }
        return text.charAt(0) == '>'
                ? getRangeQuery(field, bound, null, inclusive, true)
                : getRangeQuery(field, null, bound, true, inclusive);
    }

    private static Query ipQuery(String field, String text) {
        int slash = text.indexOf('/');
        if (slash > 0) {
            InetAddress base = IpAddresses.parse(text.substring(0, slash));
            int prefix;
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            int max = base == null ? 0 : base.getAddress().length * 8;
            if (base == null || prefix < 0 || prefix > max) {
                throw new QueryException("field " + field + " holds IP addresses; '" + text + "' is not a CIDR block (e.g. 10.0.0.0/8)");
            }
            return InetAddressPoint.newPrefixQuery(field, base, prefix);
        }
        InetAddress address = IpAddresses.parse(text);
        if (address == null) {
            throw new QueryException("field " + field + " holds IP addresses; '" + text
                    + "' is not an IP address or CIDR block (quote CIDR and IPv6: \"10.0.0.0/8\")");
        }
        return InetAddressPoint.newExactQuery(field, address);
    }

    @Override
    protected Query getRangeQuery(String field, String lower, String upper, boolean startInclusive, boolean endInclusive)
            throws ParseException {
        FieldType type = typeOf(field);
        if (type == null) {
            return new MatchNoDocsQuery("no field " + field);
        }
        lower = open(lower) ? null : lower;
        upper = open(upper) ? null : upper;
        switch (type) {
            case LONG, DATE -> {
                long lo = lower == null ? Long.MIN_VALUE : type == FieldType.DATE ? parseDate(field, lower) : parseLong(field, lower);
                long hi = upper == null ? Long.MAX_VALUE : type == FieldType.DATE ? parseDate(field, upper) : parseLong(field, upper);
                if (lower != null && !startInclusive) {
                    lo = lo == Long.MAX_VALUE ? lo : lo + 1;
                }
                if (upper != null && !endInclusive) {
                    hi = hi == Long.MIN_VALUE ? hi : hi - 1;
                }
                return LongPoint.newRangeQuery(field, lo, hi);
            }
            case DOUBLE -> {
                double lo = lower == null ? Double.NEGATIVE_INFINITY : parseDouble(field, lower);
                double hi = upper == null ? Double.POSITIVE_INFINITY : parseDouble(field, upper);
                if (lower != null && !startInclusive) {
                    lo = Math.nextUp(lo);
                }
                if (upper != null && !endInclusive) {
                    hi = Math.nextDown(hi);
                }
                return DoublePoint.newRangeQuery(field, lo, hi);
            }
            case IP -> {
                InetAddress lo = lower == null ? InetAddressPoint.MIN_VALUE : address(field, lower);
                InetAddress hi = upper == null ? InetAddressPoint.MAX_VALUE : address(field, upper);
                if (lower != null && !startInclusive) {
                    lo = InetAddressPoint.nextUp(lo);
                }
                if (upper != null && !endInclusive) {
                    hi = InetAddressPoint.nextDown(hi);
                }
                return InetAddressPoint.newRangeQuery(field, lo, hi);
            }
            default -> {
                return TermRangeQuery.newStringRange(field, lower, upper, startInclusive, endInclusive);
            }
        }
    }

    private static boolean open(String bound) {
        return bound == null || bound.equals("*");
    }

    @Override
    protected Query getWildcardQuery(String field, String text) throws ParseException {
        if (field.equals("*") && text.equals("*")) {
            return new MatchAllDocsQuery();
        }
        FieldType type = typeOf(field);
        if (type == null) {
            return new MatchNoDocsQuery("no field " + field);
        }
        if (text.equals("*")) {
            return new FieldExistsQuery(field);
        }
        return switch (type) {
            case TEXT -> super.getWildcardQuery(field, text);
            case KEYWORD -> new WildcardQuery(new Term(field, text));
            default -> throw new QueryException("wildcards work on keyword and text fields; " + field + " is " + type.id());
        };
    }

    @Override
    protected Query getPrefixQuery(String field, String text) throws ParseException {
        FieldType type = typeOf(field);
        if (type == null) {
            return new MatchNoDocsQuery("no field " + field);
        }
        return switch (type) {
            case TEXT -> super.getPrefixQuery(field, text);
            case KEYWORD -> new PrefixQuery(new Term(field, text));
            default -> throw new QueryException("wildcards work on keyword and text fields; " + field + " is " + type.id());
        };
    }

    @Override
    protected Query getFuzzyQuery(String field, String text, float similarity) throws ParseException {
        FieldType type = typeOf(field);
        if (type == null) {
            return new MatchNoDocsQuery("no field " + field);
        }
        if (type != FieldType.TEXT && type != FieldType.KEYWORD) {
            throw new QueryException("fuzzy queries work on keyword and text fields; " + field + " is "
                    + (type == null ? "unknown" : type.id()));
        }
        return super.getFuzzyQuery(field, text, similarity);
    }

    @Override
    protected Query getRegexpQuery(String field, String text) throws ParseException {
        FieldType type = typeOf(field);
        if (type == null) {
            return new MatchNoDocsQuery("no field " + field);
        }
        if (type == FieldType.IP) {
            // source.ip:10.0.0.0/8 without quotes reaches here as a regular expression.
            throw new QueryException("put CIDR blocks in quotes: " + field + ":\"" + text + "\"");
        }
        if (type != FieldType.TEXT && type != FieldType.KEYWORD) {
            throw new QueryException("regular expressions work on keyword and text fields; " + field + " is "
                    + (type == null ? "unknown" : type.id()));
        }
        return super.getRegexpQuery(field, text);
    }

    private static long parseLong(String field, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new QueryException("field " + field + " is numeric; '" + text + "' is not a whole number");
        }
    }

    private static double parseDouble(String field, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new QueryException("field " + field + " is numeric; '" + text + "' is not a number");
        }
    }

    private static long parseDate(String field, String text) {
        try {
            return DateMath.parse(text, Instant.now()).toEpochMilli();
        } catch (QueryException e) {
            throw new QueryException("field " + field + " is a date; " + e.getMessage());
        }
    }

    private static InetAddress address(String field, String text) {
        InetAddress a = IpAddresses.parse(text);
        if (a == null) {
            throw new QueryException("field " + field + " holds IP addresses; '" + text + "' is not one");
        }
        return a;
    }

    /** Analyses text fields with the standard analyzer and leaves every other field verbatim. */
    static final class TypedAnalyzer extends AnalyzerWrapper {
        private final Function<String, FieldType> types;
        private final Analyzer text = new StandardAnalyzer(org.apache.lucene.analysis.CharArraySet.EMPTY_SET);
        private final Analyzer keyword = new KeywordAnalyzer();

        TypedAnalyzer(Function<String, FieldType> types) {
            super(PER_FIELD_REUSE_STRATEGY);
            this.types = types;
        }

        @Override
        protected Analyzer getWrappedAnalyzer(String fieldName) {
            FieldType type = types.apply(fieldName);
            return type == FieldType.TEXT || type == null ? text : keyword;
        }
    }
}

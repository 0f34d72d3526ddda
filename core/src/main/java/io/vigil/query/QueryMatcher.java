package io.vigil.query;

import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.event.IpAddresses;
import io.vigil.parse.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PointRangeQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.ByteRunAutomaton;

/**
 * Evaluates a query in Lucene syntax against one event in memory, with exactly the meaning the
 * store gives it: the query is parsed by {@link EventQueryParser} into the same Lucene query
 * objects the store runs, and each kind is evaluated the way the index would match it (points
 * compared as encoded bytes, keywords exactly, text through the same analyzer, wildcards through
 * the same automata). This is what lets the streaming rule engine and the historical one agree.
 *
 * <p>A compiled matcher is immutable and thread-safe. Query kinds the parser never produces are
 * refused at compile time.
 */
public final class QueryMatcher {
    /** Same limit as the store: longer keyword values are not indexed, so they never match. */
    static final int IGNORE_ABOVE = 8_191;
    private static final Analyzer TEXT = new StandardAnalyzer(CharArraySet.EMPTY_SET);

    private final Predicate<Context> predicate;
    private final String query;

    private QueryMatcher(String query, Predicate<Context> predicate) {
        this.query = query;
        this.predicate = predicate;
    }

    /**
     * Compiles a query string.
     *
     * @param types the type of each field, as the store has fixed it; null for unknown fields
     * @throws QueryException when the query is invalid
     */
    public static QueryMatcher compile(String query, Function<String, FieldType> types) {
        Query parsed = EventQueryParser.parse(query, types);
        return new QueryMatcher(query, new Compiler(types).compile(parsed));
    }

    public boolean matches(Event event) {
        return predicate.test(new Context(event));
    }

    public String query() {
        return query;
    }

    /** Per-event memo of analysed text fields, so that several clauses tokenise a field once. */
    static final class Context {
        final Event event;
        private Map<String, List<String>> tokens;
        private Map<String, List<byte[]>> keywordBytes;
        private Map<String, List<byte[]>> tokenBytes;

        Context(Event event) {
            this.event = event;
        }

        /** UTF-8 of each indexable keyword value of a field, computed once per event. */
        List<byte[]> keywordBytes(String field) {
            if (keywordBytes == null) {
                keywordBytes = new HashMap<>(8);
            }
            return keywordBytes.computeIfAbsent(field, f -> {
                List<byte[]> out = new ArrayList<>(1);
                for (Object v : values(event, f)) {
                    String s = keyword(v);
                    if (s != null) {
                        out.add(s.getBytes(StandardCharsets.UTF_8));
                    }
                }
                return out;
            });
        }

        /** UTF-8 of each analysed token of a text field, computed once per event. */
        List<byte[]> tokenBytes(String field) {
            if (tokenBytes == null) {
                tokenBytes = new HashMap<>(4);
            }
            return tokenBytes.computeIfAbsent(field, f -> {
                List<byte[]> out = new ArrayList<>();
                for (String token : tokens(f)) {
                    out.add(token.getBytes(StandardCharsets.UTF_8));
                }
                return out;
            });
        }

        List<String> tokens(String field) {
            if (tokens == null) {
                tokens = new HashMap<>(4);
            }
            return tokens.computeIfAbsent(field, f -> {
                List<String> out = new ArrayList<>();
                for (Object v : values(event, f)) {
                    analyse(f, v.toString(), out);
                }
                return out;
            });
        }
    }

    private static void analyse(String field, String text, List<String> out) {
        try (TokenStream ts = TEXT.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String keyword(Object v) {
        String s = v.toString();
        return s.length() > IGNORE_ABOVE ? null : s;
    }

    static List<?> values(Event event, String field) {
        Object v = event.get(field);
        if (v == null) {
            return List.of();
        }
        return v instanceof List<?> list ? list : List.of(v);
    }

    private static final class Compiler {
        private final Function<String, FieldType> types;

        Compiler(Function<String, FieldType> types) {
            this.types = types;
        }

        Predicate<Context> compile(Query q) {
            if (q instanceof MatchAllDocsQuery) {
                return c -> true;
            }
            if (q instanceof MatchNoDocsQuery) {
                return c -> false;
            }
            if (q instanceof BoostQuery b) {
                return compile(b.getQuery());
            }
            if (q instanceof ConstantScoreQuery cs) {
                return compile(cs.getQuery());
            }
            if (q instanceof BooleanQuery b) {
                return bool(b);
            }
            if (q instanceof FieldExistsQuery e) {
                String field = e.getField();
                return c -> c.event.has(field);
            }
            if (q instanceof TermQuery t) {
                return term(t.getTerm());
            }
            if (q instanceof PhraseQuery p) {
                return phrase(p);
            }
            if (q instanceof PointRangeQuery p) {
                return points(p);
            }
            if (q instanceof TermRangeQuery r) {
                return termRange(r);
            }
            if (q instanceof AutomatonQuery a) {
                return automaton(a.getField(), new ByteRunAutomaton(a.getAutomaton()));
            }
            throw new QueryException("this query cannot run in a rule: " + q.getClass().getSimpleName() + " (" + q + ")");
        }

        private Predicate<Context> bool(BooleanQuery b) {
            List<Predicate<Context>> must = new ArrayList<>();
            List<Predicate<Context>> should = new ArrayList<>();
            List<Predicate<Context>> not = new ArrayList<>();
            // Alternatives that are patterns on one field run as one automaton: a rule listing
            // twenty attack patterns costs one pass over the value instead of twenty.
            Map<String, List<org.apache.lucene.util.automaton.Automaton>> patterns = new java.util.LinkedHashMap<>();
            for (BooleanClause clause : b.clauses()) {
                if (clause.getOccur() == BooleanClause.Occur.SHOULD && clause.getQuery() instanceof AutomatonQuery a
                        && !(a instanceof TermRangeQuery)) {
                    patterns.computeIfAbsent(a.getField(), f -> new ArrayList<>()).add(a.getAutomaton());
                }
            }
            java.util.Set<String> united = new java.util.HashSet<>();
            for (Map.Entry<String, List<org.apache.lucene.util.automaton.Automaton>> e : patterns.entrySet()) {
                if (e.getValue().size() > 1 && b.getMinimumNumberShouldMatch() <= 1) {
                    try {
                        org.apache.lucene.util.automaton.Automaton union = org.apache.lucene.util.automaton.Operations.determinize(
                                org.apache.lucene.util.automaton.Operations.union(e.getValue()), 20_000);
                        should.add(automaton(e.getKey(), new ByteRunAutomaton(union)));
                        united.add(e.getKey());
                    } catch (org.apache.lucene.util.automaton.TooComplexToDeterminizeException tooBig) {
                        // keep them apart
                    }
                }
            }
            // Cheap tests first: most events fail a rule on its first exact clause.
            List<BooleanClause> ordered = new ArrayList<>(b.clauses());
            ordered.sort(java.util.Comparator.comparingInt(c -> cost(c.getQuery())));
            for (BooleanClause clause : ordered) {
                if (clause.getOccur() == BooleanClause.Occur.SHOULD && clause.getQuery() instanceof AutomatonQuery a
                        && !(a instanceof TermRangeQuery) && united.contains(a.getField())) {
                    continue;
                }
                Predicate<Context> p = compile(clause.getQuery());
                switch (clause.getOccur()) {
                    case MUST, FILTER -> must.add(p);
                    case SHOULD -> should.add(p);
                    case MUST_NOT -> not.add(p);
                }
            }
            int minShould = Math.max(b.getMinimumNumberShouldMatch(), must.isEmpty() ? 1 : 0);
            boolean noPositive = must.isEmpty() && should.isEmpty();
            return c -> {
                if (noPositive) {
                    return false; // Lucene matches nothing with only prohibited clauses.
                }
                for (Predicate<Context> p : must) {
                    if (!p.test(c)) {
                        return false;
                    }
                }
                for (Predicate<Context> p : not) {
                    if (p.test(c)) {
                        return false;
                    }
                }
                if (minShould > 0) {
                    int n = 0;
                    for (Predicate<Context> p : should) {
                        if (p.test(c) && ++n >= minShould) {
                            return true;
                        }
                    }
                    return false;
                }
                return true;
            };
        }

        /** A rough price of evaluating a query on one event, to order clauses. */
        private static int cost(Query q) {
            if (q instanceof BooleanQuery b) {
                int sum = 0;
                for (BooleanClause c : b.clauses()) {
                    sum += cost(c.getQuery());
                }
                return sum;
            }
            if (q instanceof BoostQuery bq) {
                return cost(bq.getQuery());
            }
            if (q instanceof ConstantScoreQuery cs) {
                return cost(cs.getQuery());
            }
            if (q instanceof PhraseQuery) {
                return 20;
            }
            if (q instanceof AutomatonQuery) {
                return 8;
            }
            return 1;
        }

        private Predicate<Context> term(Term term) {
            String field = term.field();
            String text = term.text();
            if (types.apply(field) == FieldType.TEXT) {
                return c -> c.tokens(field).contains(text);
            }
            return c -> {
                for (Object v : values(c.event, field)) {
                    String s = keyword(v);
                    if (s != null && s.equals(text)) {
                        return true;
                    }
                }
                return false;
            };
        }



        private Predicate<Context> phrase(PhraseQuery p) {
            String field = p.getField();
            Term[] terms = p.getTerms();
            int[] positions = p.getPositions();
            int slop = p.getSlop();
            if (terms.length == 0) {
                return c -> false;
            }
            return c -> {
                List<String> tokens = c.tokens(field);
                for (int start = 0; start < tokens.size(); start++) {
                    if (phraseAt(tokens, start, terms, positions, slop)) {
                        return true;
                    }
                }
                return false;
            };
        }

        private static boolean phraseAt(List<String> tokens, int start, Term[] terms, int[] positions, int slop) {
            if (!tokens.get(start).equals(terms[0].text())) {
                return false;
            }
            int previous = start;
            for (int i = 1; i < terms.length; i++) {
                int expected = start + positions[i] - positions[0];
                int found = -1;
                for (int at = Math.max(previous + 1, expected - slop); at <= expected + slop && at < tokens.size(); at++) {
                    if (at >= 0 && tokens.get(at).equals(terms[i].text())) {
                        found = at;
                        break;
                    }
                }
                if (found < 0) {
                    return false;
                }
                previous = found;
            }
            return true;
        }

        private Predicate<Context> points(PointRangeQuery p) {
            String field = p.getField();
            FieldType type = types.apply(field);
            byte[] lower = p.getLowerPoint();
            byte[] upper = p.getUpperPoint();
            return c -> {
                for (Object v : values(c.event, field)) {
                    byte[] encoded = encode(field, type, v);
                    if (encoded != null && encoded.length == lower.length
                            && Arrays.compareUnsigned(encoded, lower) >= 0 && Arrays.compareUnsigned(encoded, upper) <= 0) {
                        return true;
                    }
                }
                return false;
            };
        }

        /** The value as the store's point encoding, or null when it does not fit the type. */
        private static byte[] encode(String field, FieldType type, Object v) {
            if (type == null) {
                return null;
            }
            switch (type) {
                case LONG: {
                    Long l = v instanceof Long x ? x : parseLong(v);
                    return l == null ? null : LongPoint.pack(l).bytes;
                }
                case DATE: {
                    Instant t = v instanceof Instant i ? i : v instanceof Number n ? Instant.ofEpochMilli(n.longValue())
                            : Timestamps.iso(v.toString());
                    return t == null ? null : LongPoint.pack(t.toEpochMilli()).bytes;
                }
                case DOUBLE: {
                    Double d = v instanceof Number n ? (Double) n.doubleValue() : parseDouble(v);
                    return d == null ? null : DoublePoint.pack(d).bytes;
                }
                case IP: {
                    InetAddress a = IpAddresses.parse(v.toString());
                    return a == null ? null : InetAddressPoint.encode(a);
                }
                default:
                    return null;
            }
        }

        private static Long parseLong(Object v) {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                return d == Math.rint(d) ? (Long) n.longValue() : null;
            }
            try {
                return Long.parseLong(v.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private static Double parseDouble(Object v) {
            try {
                return Double.parseDouble(v.toString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }

        private Predicate<Context> termRange(TermRangeQuery r) {
            String field = r.getField();
            BytesRef lower = r.getLowerTerm();
            BytesRef upper = r.getUpperTerm();
            boolean includeLower = r.includesLower();
            boolean includeUpper = r.includesUpper();
            return c -> {
                for (Object v : values(c.event, field)) {
                    String s = keyword(v);
                    if (s == null) {
                        continue;
                    }
                    BytesRef b = new BytesRef(s);
                    int lo = lower == null ? 1 : b.compareTo(lower);
                    int hi = upper == null ? -1 : b.compareTo(upper);
                    if ((lo > 0 || includeLower && lo == 0) && (hi < 0 || includeUpper && hi == 0)) {
                        return true;
                    }
                }
                return false;
            };
        }

        private Predicate<Context> automaton(String field, ByteRunAutomaton run) {
            boolean text = types.apply(field) == FieldType.TEXT;
            return c -> {
                for (byte[] b : text ? c.tokenBytes(field) : c.keywordBytes(field)) {
                    if (run.run(b, 0, b.length)) {
                        return true;
                    }
                }
                return false;
            };
        }
    }
}

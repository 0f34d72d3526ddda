package io.vigil.store.lucene;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.FieldType;
import io.vigil.event.IpAddresses;
import io.vigil.parse.Timestamps;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Turns an event into a Lucene document: every field indexed by its type with doc values (for
 * sorting and aggregations), the whole event kept as {@code _source}. A value that does not fit
 * its field's fixed type is kept in {@code _source}, not indexed, and its field is listed in
 * {@code _ignored}. Thread-safe.
 */
final class DocumentMapper {
    static final String SOURCE = "_source";
    static final String IGNORED = "_ignored";
    /** Longer keyword values are stored but not indexed (Lucene terms are at most 32 KiB). */
    static final int IGNORE_ABOVE = 8_191;

    private final FieldMappings mappings;

    DocumentMapper(FieldMappings mappings) {
        this.mappings = mappings;
    }

    Document toDocument(Event event, byte[] source) {
        Document doc = new Document();
        doc.add(new StringField(Ecs.ID, event.id(), Field.Store.NO));
        doc.add(new StoredField(SOURCE, source));
        for (Map.Entry<String, Object> e : event.fields().entrySet()) {
            String field = e.getKey();
            if (field.equals(Ecs.ID) || field.equals(SOURCE) || field.equals(IGNORED)) {
                continue;
            }
            Object value = e.getValue();
            if (field.equals(Ecs.TIMESTAMP)) {
                long millis = millis(value);
                doc.add(new LongPoint(field, millis));
                doc.add(new NumericDocValuesField(field, millis));
                continue;
            }
            FieldType type = mappings.resolve(field, value);
            boolean ok = true;
            if (value instanceof List<?> list) {
                for (Object v : list) {
                    ok &= add(doc, field, type, v);
                }
            } else {
                ok = add(doc, field, type, value);
            }
            if (!ok) {
                doc.add(new StringField(IGNORED, field, Field.Store.NO));
                doc.add(new SortedSetDocValuesField(IGNORED, new BytesRef(field)));
            }
        }
        return doc;
    }

    static long millis(Object value) {
        if (value instanceof Instant t) {
            return t.toEpochMilli();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        Instant t = value == null ? null : Timestamps.iso(value.toString());
        if (t == null) {
            throw new IllegalArgumentException("unreadable @timestamp: " + value);
        }
        return t.toEpochMilli();
    }

    private static boolean add(Document doc, String field, FieldType type, Object value) {
        switch (type) {
            case TEXT -> doc.add(new TextField(field, value.toString(), Field.Store.NO));
            case KEYWORD -> {
                String s = value.toString();
                if (s.length() > IGNORE_ABOVE) {
                    return false;
                }
                doc.add(new StringField(field, s, Field.Store.NO));
                doc.add(new SortedSetDocValuesField(field, new BytesRef(s)));
            }
            case BOOLEAN -> {
                Boolean b = value instanceof Boolean v ? v
                        : "true".equals(value) ? Boolean.TRUE : "false".equals(value) ? Boolean.FALSE : null;
                if (b == null) {
                    return false;
                }
                doc.add(new StringField(field, b.toString(), Field.Store.NO));
                doc.add(new SortedSetDocValuesField(field, new BytesRef(b.toString())));
            }
            case LONG -> {
                Long l = toLong(value);
                if (l == null) {
                    return false;
                }
                doc.add(new LongPoint(field, l));
                doc.add(new SortedNumericDocValuesField(field, l));
            }
            case DOUBLE -> {
                Double d = toDouble(value);
                if (d == null) {
                    return false;
                }
                doc.add(new DoublePoint(field, d));
                doc.add(new SortedNumericDocValuesField(field, NumericUtils.doubleToSortableLong(d)));
            }
            case DATE -> {
                Instant t = value instanceof Instant i ? i
                        : value instanceof Number n ? Instant.ofEpochMilli(n.longValue())
                        : Timestamps.iso(value.toString());
                if (t == null) {
                    return false;
                }
                doc.add(new LongPoint(field, t.toEpochMilli()));
                doc.add(new SortedNumericDocValuesField(field, t.toEpochMilli()));
            }
            case IP -> {
                InetAddress address = IpAddresses.parse(value.toString());
                if (address == null) {
                    return false;
                }
                doc.add(new InetAddressPoint(field, address));
                doc.add(new SortedSetDocValuesField(field, new BytesRef(InetAddressPoint.encode(address))));
            }
        }
        return true;
    }

    static Long toLong(Object value) {
        if (value instanceof Long l) {
            return l;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) ? (Long) n.longValue() : null;
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double toDouble(Object value) {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return Double.parseDouble(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

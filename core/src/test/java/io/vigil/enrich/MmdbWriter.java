package io.vigil.enrich;

import io.vigil.event.Cidr;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes small MaxMind DB files (format 2.0, IPv6 tree, 32-bit records) for tests, so GeoIP code
 * is tested on a real file read by the real reader without shipping a database. IPv4 networks go
 * where readers look for them, under {@code ::/96}. Values: strings, doubles, longs (written as
 * uint32), booleans, maps and lists.
 */
final class MmdbWriter {
    private static final byte[] METADATA_MARKER = {(byte) 0xAB, (byte) 0xCD, (byte) 0xEF,
        'M', 'a', 'x', 'M', 'i', 'n', 'd', '.', 'c', 'o', 'm'};

    private static final class Node {
        Object left;
        Object right;
    }

    private final String databaseType;
    private final Node root = new Node();
    private final Map<Map<String, Object>, Integer> dataOffsets = new LinkedHashMap<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    MmdbWriter(String databaseType) {
        this.databaseType = databaseType;
    }

    /** Maps a network (later inserts win where they overlap) to a record. */
    MmdbWriter insert(String cidr, Map<String, Object> record) {
        Cidr c = Cidr.parse(cidr).orElseThrow(() -> new IllegalArgumentException(cidr));
        int depth = c.ipv6() ? c.prefix() : 96 + c.prefix();
        long hi = c.ipv6() ? c.hi() : 0;
        long lo = c.ipv6() ? c.lo() : c.lo();
        Integer offset = dataOffsets.computeIfAbsent(record, this::encodeRecord);
        Node node = root;
        for (int bit = 0; bit < depth; bit++) {
            boolean one = bit < 64 ? (hi >>> (63 - bit) & 1) == 1 : (lo >>> (127 - bit) & 1) == 1;
            if (bit == depth - 1) {
                if (one) {
                    node.right = offset;
                } else {
                    node.left = offset;
                }
                break;
            }
            Object next = one ? node.right : node.left;
            if (!(next instanceof Node)) {
                Node created = new Node();
                // A record set for a shorter prefix covers both halves below it.
                created.left = next;
                created.right = next;
                if (one) {
                    node.right = created;
                } else {
                    node.left = created;
                }
                next = created;
            }
            node = (Node) next;
        }
        return this;
    }

    void write(Path file) throws IOException {
        List<Node> nodes = new ArrayList<>();
        Map<Node, Integer> numbers = new IdentityHashMap<>();
        ArrayDeque<Node> queue = new ArrayDeque<>(List.of(root));
        while (!queue.isEmpty()) {
            Node n = queue.poll();
            numbers.put(n, nodes.size());
            nodes.add(n);
            for (Object child : new Object[] {n.left, n.right}) {
                if (child instanceof Node c) {
                    queue.add(c);
                }
            }
        }
        long nodeCount = nodes.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Node n : nodes) {
            writeRecord(out, n.left, nodeCount, numbers);
            writeRecord(out, n.right, nodeCount, numbers);
        }
        out.write(new byte[16]);
        out.write(data.toByteArray());
        out.write(METADATA_MARKER);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("node_count", nodeCount);
        metadata.put("record_size", new Uint16(32));
        metadata.put("ip_version", new Uint16(6));
        metadata.put("database_type", databaseType);
        metadata.put("languages", List.of("en"));
        metadata.put("binary_format_major_version", new Uint16(2));
        metadata.put("binary_format_minor_version", new Uint16(0));
        metadata.put("build_epoch", 1_700_000_000L);
        metadata.put("description", Map.of("en", "Vigil test database"));
        encode(out, metadata);
        Files.write(file, out.toByteArray());
    }

    private static void writeRecord(ByteArrayOutputStream out, Object child, long nodeCount, Map<Node, Integer> numbers) {
        long value;
        if (child instanceof Node n) {
            value = numbers.get(n);
        } else if (child instanceof Integer dataOffset) {
            value = nodeCount + 16 + dataOffset;
        } else {
            value = nodeCount;
        }
        for (int shift = 24; shift >= 0; shift -= 8) {
            out.write((int) (value >>> shift) & 0xFF);
        }
    }

    private int encodeRecord(Map<String, Object> record) {
        int offset = data.size();
        encode(data, record);
        return offset;
    }

    /** Marks a number to be written as uint16 (metadata needs it). */
    private record Uint16(int value) {}

    private static void encode(ByteArrayOutputStream out, Object v) {
        if (v instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            control(out, 2, b.length);
            out.writeBytes(b);
        } else if (v instanceof Double d) {
            control(out, 3, 8);
            long bits = Double.doubleToLongBits(d);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (bits >>> shift) & 0xFF);
            }
        } else if (v instanceof Uint16 u) {
            unsigned(out, 5, u.value());
        } else if (v instanceof Long || v instanceof Integer) {
            long n = ((Number) v).longValue();
            unsigned(out, n > 0xFFFF_FFFFL ? 9 : 6, n);
        } else if (v instanceof Boolean b) {
            control(out, 14, b ? 1 : 0);
        } else if (v instanceof Map<?, ?> m) {
            control(out, 7, m.size());
            m.forEach((k, value) -> {
                encode(out, k.toString());
                encode(out, value);
            });
        } else if (v instanceof List<?> list) {
            control(out, 11, list.size());
            list.forEach(item -> encode(out, item));
        } else {
            throw new IllegalArgumentException("cannot encode " + v);
        }
    }

    private static void unsigned(ByteArrayOutputStream out, int type, long n) {
        int bytes = 0;
        for (long rest = n; rest != 0; rest >>>= 8) {
            bytes++;
        }
        control(out, type, bytes);
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (n >>> (8 * i)) & 0xFF);
        }
    }

    private static void control(ByteArrayOutputStream out, int type, int size) {
        int first = type <= 7 ? type << 5 : 0;
        if (size < 29) {
            out.write(first | size);
            if (type > 7) {
                out.write(type - 7);
            }
            return;
        }
        int marker = size < 285 ? 29 : size < 65_821 ? 30 : 31;
        out.write(first | marker);
        if (type > 7) {
            out.write(type - 7);
        }
        int rest = size - (marker == 29 ? 29 : marker == 30 ? 285 : 65_821);
        int width = marker - 28;
        for (int i = width - 1; i >= 0; i--) {
            out.write(rest >>> (8 * i) & 0xFF);
        }
    }
}

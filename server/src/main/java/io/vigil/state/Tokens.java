package io.vigil.state;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Access tokens, kept as SHA-256 hashes in {@code DATA/state/tokens.json}.
 *
 * <p>Tokens are 256 random bits, so a fast hash is the right tool (a slow password hash adds
 * nothing against brute force of such a space and would cost every request). Comparison is
 * constant-time. Bootstrap: {@code VIGIL_INGEST_TOKEN} / {@code VIGIL_API_TOKEN} are accepted
 * (held in memory as hashes, never written); when neither the variable nor a stored token of a
 * kind exists, one is generated, stored hashed, written in clear once to {@code DATA/credentials}
 * (mode 0600) and printed once. Thread-safe.
 */
public final class Tokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A stored token: its kind, the hex SHA-256 of its value and when it was made. */
    public record StoredToken(TokenKind kind, String sha256, String created) {}

    private final Path file;
    private final List<StoredToken> tokens = new CopyOnWriteArrayList<>();

    private Tokens(Path file) {
        this.file = file;
    }

    /**
     * Loads the stored tokens and applies the bootstrap rules above.
     *
     * @param console where a generated token is printed once
     */
    public static Tokens open(Path dataDir, Map<String, String> env, PrintStream console) throws IOException {
        Path stateDir = Files.createDirectories(dataDir.resolve("state"));
        Tokens t = new Tokens(stateDir.resolve("tokens.json"));
        if (Files.exists(t.file)) {
            t.tokens.addAll(JSON.readValue(t.file.toFile(), new TypeReference<List<StoredToken>>() {}));
        }
        List<String> generated = new ArrayList<>();
        for (TokenKind kind : TokenKind.values()) {
            String fromEnv = env.get(kind.envVar());
            if (fromEnv != null && !fromEnv.isBlank()) {
                t.tokens.add(new StoredToken(kind, sha256(fromEnv), Instant.now().toString()));
            } else if (t.tokens.stream().noneMatch(s -> s.kind() == kind)) {
                String secret = newSecret(kind);
                t.tokens.add(new StoredToken(kind, sha256(secret), Instant.now().toString()));
                generated.add(kind.envVar() + "=" + secret);
            }
        }
        t.save(env);
        if (!generated.isEmpty()) {
            Path credentials = dataDir.resolve("credentials");
            writePrivate(credentials, String.join("\n", generated) + "\n");
            console.println("Generated credentials (shown once, also in " + credentials.toAbsolutePath() + "):");
            generated.forEach(line -> console.println("  " + line));
        }
        return t;
    }

    /** The kind of the token presented, if it is a valid one. */
    public Optional<TokenKind> authenticate(String presented) {
        if (presented == null || presented.isEmpty() || presented.length() > 512) {
            return Optional.empty();
        }
        byte[] hash = sha256(presented).getBytes(StandardCharsets.US_ASCII);
        TokenKind found = null;
        for (StoredToken t : tokens) {
            // Check all to keep the time independent of which token matched.
            if (MessageDigest.isEqual(hash, t.sha256().getBytes(StandardCharsets.US_ASCII))) {
                found = t.kind();
            }
        }
        return Optional.ofNullable(found);
    }

    /** A new random token of a kind, e.g. {@code vgi_...} (43 base64url characters). */
    public static String newSecret(TokenKind kind) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return kind.prefix() + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String secret) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private void save(Map<String, String> env) throws IOException {
        // Environment tokens are not persisted: unsetting the variable revokes them.
        List<String> envHashes = new ArrayList<>();
        for (TokenKind kind : TokenKind.values()) {
            String v = env.get(kind.envVar());
            if (v != null && !v.isBlank()) {
                envHashes.add(sha256(v));
            }
        }
        List<StoredToken> persistent = tokens.stream().filter(t -> !envHashes.contains(t.sha256())).toList();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        writePrivate(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(persistent));
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writePrivate(Path path, String content) throws IOException {
        Files.deleteIfExists(path);
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(path);
        }
        Files.writeString(path, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}

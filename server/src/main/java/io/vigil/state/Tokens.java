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

    /**
     * A stored token: its kind, the hex SHA-256 of its value, when it was made, and a name.
     *
     * @param name what it is for ({@code generated} for the first-start tokens); older files have none
     */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    public record StoredToken(TokenKind kind, String sha256, String created, String name) {
        public StoredToken {
            name = name == null || name.isBlank() ? "generated" : name;
        }

        /** A public handle: the first 12 hex digits of the hash (which reveals nothing of a 256-bit secret). */
        public String id() {
            return sha256.substring(0, 12);
        }
    }

    /** What {@link #list} shows of a token: never its hash or value. */
    public record Listed(String id, String name, TokenKind kind, String created, boolean fromEnvironment) {}

    /** A token just made: the secret is shown this once. */
    public record Created(Listed token, String secret) {}

    private static final int MAX_NAME = 64;

    private final Path file;
    private final List<StoredToken> tokens = new CopyOnWriteArrayList<>();
    private final List<String> environmentHashes = new ArrayList<>();

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
                t.tokens.add(new StoredToken(kind, sha256(fromEnv), Instant.now().toString(), kind.envVar()));
                t.environmentHashes.add(sha256(fromEnv));
            } else if (t.tokens.stream().noneMatch(s -> s.kind() == kind)) {
                String secret = newSecret(kind);
                t.tokens.add(new StoredToken(kind, sha256(secret), Instant.now().toString(), "generated"));
                generated.add(kind.envVar() + "=" + secret);
            }
        }
        t.save();
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

    /** Every token, oldest first, without secrets or hashes. */
    public List<Listed> list() {
        return tokens.stream().map(this::listed).toList();
    }

    /**
     * Makes a token; its value is returned this once and only its hash is kept.
     *
     * @throws IllegalArgumentException when the name is blank or too long
     */
    public synchronized Created create(TokenKind kind, String name) throws IOException {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("name must be 1-" + MAX_NAME + " printable characters");
        }
        String secret = newSecret(kind);
        StoredToken t = new StoredToken(kind, sha256(secret), Instant.now().toString(), n);
        tokens.add(t);
        save();
        return new Created(listed(t), secret);
    }

    /** The outcome of {@link #revoke}. */
    public enum Revoked { DONE, MISSING, FROM_ENVIRONMENT, LAST_API_TOKEN }

    /**
     * Revokes a stored token at once. Tokens from the environment are revoked by unsetting the
     * variable, and the last API token stays, so that the API cannot lock itself out.
     */
    public synchronized Revoked revoke(String id) throws IOException {
        Optional<StoredToken> found = tokens.stream().filter(t -> t.id().equals(id)).findFirst();
        if (found.isEmpty()) {
            return Revoked.MISSING;
        }
        StoredToken t = found.get();
        if (environmentHashes.contains(t.sha256())) {
            return Revoked.FROM_ENVIRONMENT;
        }
        if (t.kind() == TokenKind.API && tokens.stream().filter(o -> o.kind() == TokenKind.API).count() == 1) {
            return Revoked.LAST_API_TOKEN;
        }
        tokens.remove(t);
        save();
        return Revoked.DONE;
    }

    private Listed listed(StoredToken t) {
        return new Listed(t.id(), t.name(), t.kind(), t.created(), environmentHashes.contains(t.sha256()));
    }

    private void save() throws IOException {
        // Environment tokens are not persisted: unsetting the variable revokes them.
        List<StoredToken> persistent = tokens.stream().filter(t -> !environmentHashes.contains(t.sha256())).toList();
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

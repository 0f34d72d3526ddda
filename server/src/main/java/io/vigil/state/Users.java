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
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * People who sign in to the web UI, kept in {@code DATA/state/users.json} with BCrypt password
 * hashes (cost {@value #BCRYPT_COST}: about a quarter of a second per check on one core, which
 * makes guessing slow without making a sign-in feel slow).
 *
 * <p>Bootstrap: when no user exists, {@code admin} is created with {@code VIGIL_ADMIN_PASSWORD},
 * or with a generated password that is appended once to {@code DATA/credentials} (mode 0600) and
 * printed once. Each user has a {@link Role}; today every user is an {@link Role#ADMIN}, the
 * field is there so that read-only analysts can be added without changing the file format.
 * Thread-safe.
 */
public final class Users {
    public static final String ADMIN = "admin";
    public static final String PASSWORD_ENV = "VIGIL_ADMIN_PASSWORD";
    static final int BCRYPT_COST = 12;
    /** BCrypt reads only the first 72 bytes; longer passwords are refused instead of silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when the user does not exist, so that the answer takes as long either way. */
    private static final String DUMMY_HASH = hash("not a password");

    /** What a user may do. */
    public enum Role {
        /** Everything, including settings, rules and users. */
        ADMIN
    }

    /** A stored user: name, role, BCrypt hash and when it was made. */
    public record User(String username, Role role, String passwordHash, String created) {}

    private final Path file;
    private final List<User> users = new ArrayList<>();

    private Users(Path file) {
        this.file = file;
    }

    /**
     * Loads the users and creates the admin when there is none (see the class comment).
     *
     * @param console where a generated password is printed once
     */
    public static Users open(Path dataDir, Map<String, String> env, PrintStream console) throws IOException {
        Path stateDir = Files.createDirectories(dataDir.resolve("state"));
        Users u = new Users(stateDir.resolve("users.json"));
        if (Files.exists(u.file)) {
            u.users.addAll(JSON.readValue(u.file.toFile(), new TypeReference<List<User>>() {}));
        }
        if (u.users.isEmpty()) {
            String fromEnv = env.get(PASSWORD_ENV);
            boolean generate = fromEnv == null || fromEnv.isBlank();
            String password = generate ? newPassword() : fromEnv;
            u.add(ADMIN, Role.ADMIN, password);
            if (generate) {
                Path credentials = dataDir.resolve("credentials");
                appendPrivate(credentials, PASSWORD_ENV + "=" + password + "\n");
                console.println("Web UI: sign in as '" + ADMIN + "' with " + PASSWORD_ENV + "=" + password
                        + " (shown once, also in " + credentials.toAbsolutePath() + ")");
            }
        }
        return u;
    }

    /** The user whose password this is; empty for an unknown user or a wrong password (same time either way). */
    public Optional<User> authenticate(String username, String password) {
        if (username == null || password == null || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Optional.empty();
        }
        Optional<User> user = find(username);
        boolean matches = BCrypt.checkpw(password, user.map(User::passwordHash).orElse(DUMMY_HASH));
        return matches ? user : Optional.empty();
    }

    public synchronized Optional<User> find(String username) {
        return users.stream().filter(x -> x.username().equals(username)).findFirst();
    }

    /** Adds a user, or replaces the password and role of an existing one. */
    public synchronized User add(String username, Role role, String password) throws IOException {
        if (password.length() < 8 || password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw new IllegalArgumentException("a password needs 8 to " + MAX_PASSWORD_BYTES + " bytes");
        }
        users.removeIf(x -> x.username().equals(username));
        User user = new User(username, role, hash(password), Instant.now().toString());
        users.add(user);
        save();
        return user;
    }

    // BCrypt's static API: the encoder class would pull in commons-logging for nothing.
    private static String hash(String password) {
        return BCrypt.hashpw(password, BCrypt.gensalt(BCRYPT_COST, RANDOM));
    }

    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void save() throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        createPrivate(tmp);
        Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(users), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void appendPrivate(Path path, String line) throws IOException {
        if (!Files.exists(path)) {
            createPrivate(path);
        }
        Files.writeString(path, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    private static void createPrivate(Path path) throws IOException {
        try {
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(path);
        }
    }
}

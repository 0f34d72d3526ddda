package io.vigil.web;

import io.vigil.state.Tokens;
import io.vigil.state.Users;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server-side session store of the web UI. A session id is 256 random bits given to the
 * browser once (in the cookie) and kept here only as its SHA-256, like API tokens. A session
 * ends when it has been idle for {@link #IDLE}, {@link #ABSOLUTE} after sign-in, or at sign-out.
 * Sessions live in memory: a restart signs everyone out, which is the safe direction.
 * Thread-safe.
 */
public final class Sessions {
    static final Duration IDLE = Duration.ofHours(8);
    static final Duration ABSOLUTE = Duration.ofHours(24);
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A signed-in user.
     *
     * @param csrf the token the UI must send in {@code X-CSRF-Token} with every state-changing request
     */
    public record Session(String username, Users.Role role, String csrf, Instant created, Instant lastUsed) {
        Session touched(Instant now) {
            return new Session(username, role, csrf, created, now);
        }

        boolean expired(Instant now) {
            return now.isAfter(lastUsed.plus(IDLE)) || now.isAfter(created.plus(ABSOLUTE));
        }

        /** When it ends if it stays in use. */
        public Instant expires() {
            Instant idle = lastUsed.plus(IDLE);
            Instant absolute = created.plus(ABSOLUTE);
            return idle.isBefore(absolute) ? idle : absolute;
        }
    }

    /** A new session and the id to give the browser; the id is not kept. */
    public record Started(String id, Session session) {}

    private final Map<String, Session> byHash = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = clock;
    }

    public Started start(Users.User user) {
        Instant now = clock.instant();
        sweep(now);
        String id = secret();
        Session s = new Session(user.username(), user.role(), secret(), now, now);
        byHash.put(Tokens.sha256(id), s);
        return new Started(id, s);
    }

    /** The live session with this id, marked as used now; empty when unknown or expired. */
    public Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        String key = Tokens.sha256(id);
        Session s = byHash.computeIfPresent(key, (k, v) -> v.expired(now) ? null : v.touched(now));
        return Optional.ofNullable(s);
    }

    public void end(String id) {
        if (id != null) {
            byHash.remove(Tokens.sha256(id));
        }
    }

    /** Whether a presented CSRF token is this session's (constant time). */
    public static boolean csrfMatches(Session s, String presented) {
        return presented != null && MessageDigest.isEqual(s.csrf().getBytes(StandardCharsets.US_ASCII),
                presented.getBytes(StandardCharsets.US_ASCII));
    }

    int size() {
        return byHash.size();
    }

    private void sweep(Instant now) {
        byHash.values().removeIf(s -> s.expired(now));
    }

    private static String secret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

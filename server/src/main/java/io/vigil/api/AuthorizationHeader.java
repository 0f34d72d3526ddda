package io.vigil.api;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the token out of an {@code Authorization} header, in the schemes that log shippers can
 * send: {@code Bearer <token>}; {@code Basic base64(user:password)}, whose password is the token
 * (the user is ignored; a shipper that only has a user field may send the token as the user with
 * an empty password); and {@code ApiKey <value>}, where the token may be the key of a base64
 * {@code id:key} pair, the whole decoded value, or the raw value. Stateless.
 */
final class AuthorizationHeader {
    private AuthorizationHeader() {}

    /**
     * The values to try as a token, most specific first; empty when the scheme is not one of the
     * three. An undecodable Basic value gives an empty list (no token to try).
     */
    static Optional<List<String>> candidates(String header) {
        String value = header.trim();
        if (hasScheme(value, "Bearer")) {
            return Optional.of(nonEmpty(value.substring(6).trim()));
        }
        if (hasScheme(value, "Basic")) {
            return Optional.of(basic(value.substring(5).trim()));
        }
        if (hasScheme(value, "ApiKey")) {
            return Optional.of(apiKey(value.substring(6).trim()));
        }
        return Optional.empty();
    }

    private static List<String> basic(String encoded) {
        String decoded = base64(encoded);
        if (decoded == null) {
            return List.of();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return nonEmpty(decoded);
        }
        String password = decoded.substring(colon + 1);
        return nonEmpty(password.isEmpty() ? decoded.substring(0, colon) : password);
    }

    private static List<String> apiKey(String raw) {
        List<String> out = new ArrayList<>(3);
        String decoded = base64(raw);
        if (decoded != null) {
            int colon = decoded.indexOf(':');
            if (colon >= 0) {
                add(out, decoded.substring(colon + 1));
            }
            add(out, decoded);
        }
        add(out, raw);
        return out;
    }

    private static boolean hasScheme(String header, String scheme) {
        return header.length() > scheme.length() && header.regionMatches(true, 0, scheme, 0, scheme.length())
                && header.charAt(scheme.length()) == ' ';
    }

    private static String base64(String s) {
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static List<String> nonEmpty(String token) {
        return token.isEmpty() ? List.of() : List.of(token);
    }

    private static void add(List<String> out, String token) {
        if (!token.isEmpty() && !out.contains(token)) {
            out.add(token);
        }
    }
}

package io.scatterguard.store;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Hashing for the console's sign-in, with the JDK only. Passwords: PBKDF2-HMAC-SHA256 with a random
 * salt, encoded as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (so the cost can rise later). API
 * tokens are long random strings, so one SHA-256 suffices and allows a look-up by hash.
 */
public final class Credentials {
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 210_000; // OWASP's figure for PBKDF2-HMAC-SHA256
    private static final SecureRandom RANDOM = new SecureRandom();

    private Credentials() {}

    public static String hashPassword(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return encode(ITERATIONS, salt, pbkdf2(password, salt, ITERATIONS));
    }

    /** Whether the password matches the encoded hash; false for a hash in an unknown format. */
    public static boolean verifyPassword(char[] password, String encoded) {
        String[] p = encoded == null ? new String[0] : encoded.split("\\$");
        if (p.length != 4 || !p[0].equals(SCHEME)) return false;
        int iterations;
        byte[] salt;
        byte[] want;
        try {
            iterations = Integer.parseInt(p[1]);
            salt = Base64.getDecoder().decode(p[2]);
            want = Base64.getDecoder().decode(p[3]);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (iterations < 1) return false;
        return MessageDigest.isEqual(want, pbkdf2(password, salt, iterations));
    }

    /** A new random API token to hand to the user once ({@code sg_} and 43 URL-safe characters). */
    public static String newApiToken() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "sg_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /** The hash under which a token is stored and looked up (hex SHA-256). */
    public static String hashToken(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private static String encode(int iterations, byte[] salt, byte[] hash) {
        return SCHEME + "$" + iterations + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(hash);
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }
}

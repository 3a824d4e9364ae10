package io.scatterguard.store;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashing for the console's sign-in. Passwords: Argon2id (RFC 9106) with a random salt, in the PHC
 * string format {@code $argon2id$v=19$m=MEMORY,t=PASSES,p=LANES$SALT$HASH}, so the cost can rise
 * later without invalidating stored hashes ({@link #needsRehash} tells a caller when a stored hash
 * uses weaker parameters than new ones get). API tokens are long random strings, so one SHA-256
 * suffices and allows a look-up by hash.
 */
public final class Credentials {
    // OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane (about 50 ms per sign-in here).
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int PASSES = 2;
    private static final int LANES = 1;
    private static final int HASH_BYTES = 32;
    // Bounds on what a stored hash may ask for, so a tampered row cannot make one sign-in cost minutes.
    private static final int MAX_MEMORY_KIB = 1024 * 1024;
    private static final int MAX_PASSES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private Credentials() {}

    /** A new Argon2id hash of the password, with a fresh random salt. */
    public static String hashPassword(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] hash = argon2id(password, salt, MEMORY_KIB, PASSES, LANES, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$" + B64.encodeToString(salt) + "$"
                + B64.encodeToString(hash);
    }

    /** Whether the password matches the encoded hash; false for a hash in an unknown or damaged format. */
    public static boolean verifyPassword(char[] password, String encoded) {
        return encoded != null && encoded.startsWith("$argon2id$") && verifyArgon2id(password, encoded);
    }

    /** Whether a stored hash uses other parameters than {@link #hashPassword} gives new ones. */
    public static boolean needsRehash(String encoded) {
        return encoded == null || !encoded.startsWith("$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + PASSES + ",p=" + LANES + "$");
    }

    private static boolean verifyArgon2id(char[] password, String encoded) {
        // $argon2id$v=19$m=19456,t=2,p=1$SALT$HASH → ["", "argon2id", "v=19", "m=..,t=..,p=..", SALT, HASH]
        String[] p = encoded.split("\\$");
        if (p.length != 6 || !p[2].equals("v=19")) return false;
        int m = -1;
        int t = -1;
        int lanes = -1;
        try {
            for (String kv : p[3].split(",")) {
                String[] x = kv.split("=", 2);
                if (x.length != 2) return false;
                int v = Integer.parseInt(x[1]);
                switch (x[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> lanes = v;
                    default -> {
                        return false;
                    }
                }
            }
            byte[] salt = Base64.getDecoder().decode(p[4]);
            byte[] want = Base64.getDecoder().decode(p[5]);
            if (m < 8 || m > MAX_MEMORY_KIB || t < 1 || t > MAX_PASSES || lanes < 1 || lanes > 16 || salt.length < 8
                    || want.length < 16 || want.length > 64) {
                return false;
            }
            return MessageDigest.isEqual(want, argon2id(password, salt, m, t, lanes, want.length));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] argon2id(char[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(passes).withParallelism(lanes).withSalt(salt).build());
        byte[] utf8 = utf8(password);
        try {
            byte[] out = new byte[length];
            g.generateBytes(utf8, out);
            return out;
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[b.remaining()];
        b.get(out);
        if (b.hasArray()) Arrays.fill(b.array(), (byte) 0);
        return out;
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
}

package io.scatterguard.mail.batv;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The BATV secrets by key number (0–9), one of which is the current signing key. Keeping the
 * previous keys lets tags signed before a rotation verify until they expire.
 *
 * <p>Computes the tag signature {@code SSSSSS}: the first three bytes, lower-case hex, of
 * {@code HMAC-SHA1(key, K ‖ DDD ‖ local@domain)} (primer §4). The domain is lower-cased before
 * hashing (domains are case-insensitive and relays may re-case them); the local part is hashed as
 * written. Immutable and thread-safe.
 */
public final class BatvKeyring {
    private static final String ALGORITHM = "HmacSHA1";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Map<Integer, SecretKeySpec> keys;
    private final int current;

    private BatvKeyring(Map<Integer, SecretKeySpec> keys, int current) {
        this.keys = Map.copyOf(keys);
        this.current = current;
    }

    /** One key, used both to sign and to verify. The secret is taken as UTF-8 bytes. */
    public static BatvKeyring single(int keyNumber, String secret) {
        return builder().key(keyNumber, secret).current(keyNumber).build();
    }

    /**
     * A keyring from settings strings {@code N:SECRET} (key number 0–9, a colon, the secret as
     * UTF-8), e.g. {@code --batv-key 1:s3cr3t}. The highest key number signs; use {@link #builder()}
     * to choose another. Error messages never repeat a secret.
     *
     * @throws IllegalArgumentException for an empty list or a spec that does not fit
     */
    public static BatvKeyring fromSpecs(Collection<String> specs) {
        Builder b = builder();
        int highest = -1;
        for (String spec : specs) {
            String s = spec == null ? "" : spec.strip();
            int colon = s.indexOf(':');
            if (colon != 1 || !Character.isDigit(s.charAt(0)) || s.length() == 2) {
                throw new IllegalArgumentException("a BATV key must be written N:SECRET with N 0-9");
            }
            int k = s.charAt(0) - '0';
            b.key(k, s.substring(2));
            highest = Math.max(highest, k);
        }
        if (highest < 0) throw new IllegalArgumentException("no BATV keys given");
        return b.current(highest).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key number new tags are signed with. */
    public int currentKeyNumber() {
        return current;
    }

    public boolean hasKey(int keyNumber) {
        return keys.containsKey(keyNumber);
    }

    /**
     * The six lower-case hex digits for {@code address} under key {@code keyNumber} and expiry day
     * {@code expiryDay}; empty when there is no such key.
     */
    public Optional<String> signature(int keyNumber, int expiryDay, String address) {
        SecretKeySpec key = keys.get(keyNumber);
        if (key == null) return Optional.empty();
        String message = keyNumber + BatvDays.dayText(expiryDay) + canonical(address);
        byte[] mac = hmac(key, message.getBytes(StandardCharsets.UTF_8));
        return Optional.of(hex3(mac));
    }

    /** Constant-time comparison of two signatures, case-insensitive for the hex letters. */
    static boolean sameSignature(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /** The address as it is hashed: local part as written, domain lower-cased. */
    static String canonical(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? address : address.substring(0, at + 1) + address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK always provides " + ALGORITHM, e);
        }
    }

    private static String hex3(byte[] mac) {
        char[] out = new char[6];
        for (int i = 0; i < 3; i++) {
            out[2 * i] = HEX[(mac[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[mac[i] & 0xf];
        }
        return new String(out);
    }

    @Override
    public String toString() {
        return "BatvKeyring[keys=" + keys.keySet() + ", current=" + current + "]"; // never the secrets
    }

    /** Collects keys; {@link #build()} checks that the current key exists. */
    public static final class Builder {
        private final Map<Integer, SecretKeySpec> keys = new HashMap<>();
        private int current = -1;

        /** Adds key {@code keyNumber} (0–9); the secret is taken as UTF-8 bytes. */
        public Builder key(int keyNumber, String secret) {
            return key(keyNumber, secret.getBytes(StandardCharsets.UTF_8));
        }

        public Builder key(int keyNumber, byte[] secret) {
            if (keyNumber < 0 || keyNumber > 9) throw new IllegalArgumentException("BATV key numbers are 0-9: " + keyNumber);
            if (secret.length == 0) throw new IllegalArgumentException("empty BATV key " + keyNumber);
            keys.put(keyNumber, new SecretKeySpec(Arrays.copyOf(secret, secret.length), ALGORITHM));
            return this;
        }

        /** The key new tags are signed with; defaults to the only key when there is one. */
        public Builder current(int keyNumber) {
            current = keyNumber;
            return this;
        }

        public BatvKeyring build() {
            if (keys.isEmpty()) throw new IllegalStateException("a BATV keyring needs at least one key");
            int cur = current >= 0 ? current : keys.size() == 1 ? keys.keySet().iterator().next() : -1;
            if (!keys.containsKey(cur)) throw new IllegalStateException("no current BATV signing key among " + keys.keySet());
            return new BatvKeyring(keys, cur);
        }
    }
}

package io.scatterguard.console.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The CSRF protection of the sign-in form, which comes before there is a session: the form carries
 * a nonce that is also set as an HttpOnly, SameSite=Strict cookie (double submit), and the nonce is
 * signed with a key known only to this process and dated, so a value planted in a cookie by
 * someone else is worthless and an old form expires.
 */
final class LoginNonces {
    private static final Duration LIFETIME = Duration.ofHours(1);
    private final byte[] key = new byte[32];
    private final Clock clock;

    LoginNonces(Clock clock) {
        this.clock = clock;
        new SecureRandom().nextBytes(key);
    }

    /** A fresh nonce: time.random.signature. */
    String issue() {
        String body = clock.instant().getEpochSecond() + "." + Sessions.randomToken();
        return body + "." + sign(body);
    }

    /** Whether the form's nonce equals the cookie's, is ours, and is less than an hour old. */
    boolean valid(String fromCookie, String fromForm) {
        if (fromCookie == null || fromForm == null || fromCookie.length() > 200) return false;
        if (!MessageDigest.isEqual(fromCookie.getBytes(StandardCharsets.UTF_8), fromForm.getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        int last = fromForm.lastIndexOf('.');
        int first = fromForm.indexOf('.');
        if (first <= 0 || last <= first) return false;
        String body = fromForm.substring(0, last);
        if (!MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII),
                fromForm.substring(last + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            long issued = Long.parseLong(fromForm.substring(0, first));
            long now = clock.instant().getEpochSecond();
            return issued <= now + 60 && now - issued <= LIFETIME.toSeconds();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}

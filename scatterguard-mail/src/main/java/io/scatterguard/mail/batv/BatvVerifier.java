package io.scatterguard.mail.batv;

import io.scatterguard.mail.batv.BatvResult.Status;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Checks the BATV tag on a bounce's envelope recipient (primer §4): the signature must match one
 * of our keys (compared in constant time, upper-case hex accepted) and the expiry day must lie
 * within the lifetime window {@code (DDD − today + 1000) mod 1000 ≤ lifetime}. The signature is
 * checked before the date, so a forged tag is reported as {@link Status#BAD_SIGNATURE} whatever its
 * day. Both {@code prvs=TAG=local@domain} and {@code local+prvs=TAG@domain} are verified; other
 * schemes are only recognised ({@link Status#FOREIGN_TAG}). Immutable and thread-safe.
 */
public final class BatvVerifier {
    private final BatvKeyring keyring;
    private final int lifetimeDays;
    private final Clock clock;

    /** Verifies with a 7-day lifetime by the system UTC clock. */
    public BatvVerifier(BatvKeyring keyring) {
        this(keyring, BatvSigner.DEFAULT_LIFETIME_DAYS, Clock.systemUTC());
    }

    public BatvVerifier(BatvKeyring keyring, int lifetimeDays, Clock clock) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.lifetimeDays = BatvDays.checkLifetime(lifetimeDays);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Checks {@code address} (angle brackets allowed; "" or {@code <>} is {@link Status#NOT_TAGGED}). Never throws. */
    public BatvResult verify(String address) {
        BatvAddress parsed = BatvAddress.parse(address);
        return switch (parsed.scheme()) {
            case NONE -> result(Status.NOT_TAGGED, parsed, "no tag");
            case PRVS, PRVS_SUBADDRESS -> parsed.isVerifiable() ? check(parsed)
                    : result(Status.MALFORMED, parsed, "prvs tag '" + parsed.tag() + "' is not KDDDSSSSSS");
            default -> result(Status.FOREIGN_TAG, parsed, schemeName(parsed.scheme()) + " tag, not checked");
        };
    }

    public int lifetimeDays() {
        return lifetimeDays;
    }

    private BatvResult check(BatvAddress parsed) {
        int k = parsed.keyNumber();
        Optional<String> expected = keyring.signature(k, parsed.expiryDay(), parsed.original());
        if (expected.isEmpty()) return result(Status.UNKNOWN_KEY, parsed, "no BATV key number " + k);
        if (!BatvKeyring.sameSignature(expected.get(), parsed.signature())) {
            return result(Status.BAD_SIGNATURE, parsed, "signature does not match key " + k);
        }
        int today = BatvDays.today(clock);
        if (!BatvDays.withinLifetime(parsed.expiryDay(), today, lifetimeDays)) {
            return result(Status.EXPIRED, parsed, "expiry day " + BatvDays.dayText(parsed.expiryDay())
                    + " is outside " + lifetimeDays + " days of today (" + BatvDays.dayText(today) + ")");
        }
        return result(Status.VALID, parsed, "signed with key " + k + ", expires day " + BatvDays.dayText(parsed.expiryDay()));
    }

    private static BatvResult result(Status status, BatvAddress parsed, String detail) {
        return new BatvResult(status, parsed.original(), parsed, detail);
    }

    private static String schemeName(BatvAddress.Scheme s) {
        return switch (s) {
            case BARRACUDA_BTV1 -> "Barracuda btv1";
            case SPARKPOST_MSPRVS1 -> "SparkPost msprvs1";
            case SRS0, SRS1 -> "SRS (" + s.name() + ")";
            case PRVS_LOCAL_FIRST -> "prvs=local=TAG ordering";
            default -> s.name();
        };
    }
}

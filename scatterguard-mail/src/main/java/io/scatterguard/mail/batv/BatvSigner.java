package io.scatterguard.mail.batv;

import java.time.Clock;
import java.util.Objects;

/**
 * Tags outbound envelope senders with BATV so that bounces answering our mail can be told from
 * backscatter (primer §4): {@code alice@example.com} becomes {@code prvs=KDDDSSSSSS=alice@example.com}
 * (or {@code alice+prvs=KDDDSSSSSS@example.com} in the sub-address form), signed with the keyring's
 * current key and expiring {@code lifetime} days from today.
 *
 * <p>Leaves alone what must not be signed: the null sender {@code <>}, addresses that already
 * carry a tag (any BATV form, Barracuda, SparkPost) or were rewritten by SRS, quoted local parts,
 * and anything that is not an address. Immutable and thread-safe.
 */
public final class BatvSigner {
    /** Exim's lifetime for signed addresses. */
    public static final int DEFAULT_LIFETIME_DAYS = 7;

    private final BatvKeyring keyring;
    private final int lifetimeDays;
    private final BatvAddress.Form form;
    private final Clock clock;

    /** Signs in the {@code prvs=} prefix form with a 7-day lifetime by the system UTC clock. */
    public BatvSigner(BatvKeyring keyring) {
        this(keyring, DEFAULT_LIFETIME_DAYS, BatvAddress.Form.PREFIX, Clock.systemUTC());
    }

    public BatvSigner(BatvKeyring keyring, int lifetimeDays, BatvAddress.Form form, Clock clock) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
        this.lifetimeDays = BatvDays.checkLifetime(lifetimeDays);
        this.form = Objects.requireNonNull(form, "form");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether {@link #sign} would tag this address. */
    public boolean canSign(String address) {
        String a = BatvAddress.strip(address);
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) return false;
        if (a.charAt(0) == '"' || hasBlank(a)) return false;
        return !BatvAddress.parse(a).isTagged();
    }

    /**
     * The tagged form of {@code address} (angle brackets removed), or the address unchanged when it
     * must not be signed (see the class comment).
     */
    public String sign(String address) {
        if (!canSign(address)) return address;
        String a = BatvAddress.strip(address);
        return BatvAddress.format(form, tag(a), a);
    }

    /** The tag {@code KDDDSSSSSS} for an untagged address, signed now with the current key. */
    public String tag(String address) {
        int k = keyring.currentKeyNumber();
        int day = BatvDays.expiry(clock, lifetimeDays);
        String sig = keyring.signature(k, day, address).orElseThrow();
        return k + BatvDays.dayText(day) + sig;
    }

    public int lifetimeDays() {
        return lifetimeDays;
    }

    public BatvAddress.Form form() {
        return form;
    }

    private static boolean hasBlank(String a) {
        for (int i = 0; i < a.length(); i++) {
            if (Character.isWhitespace(a.charAt(i))) return true;
        }
        return false;
    }
}

package io.scatterguard.mail.batv;

import java.util.Locale;

/**
 * An envelope address taken apart to see whether, and how, it carries a bounce-address tag
 * (primer §4). Parsing never verifies anything and never throws; it only names the scheme and
 * recovers the untagged original address.
 *
 * <p>Recognised forms ({@link Scheme}):
 * <ul>
 *   <li>{@code prvs=KDDDSSSSSS=local@domain}: BATV as draft-levine-smtp-batv-01 and Exim write it;</li>
 *   <li>{@code local+prvs=KDDDSSSSSS@domain}: the same tag as a sub-address, which survives recipient
 *       checks on backup MXes;</li>
 *   <li>{@code prvs=local=KDDDSSSSSS@domain}: the older ordering some implementations emit;</li>
 *   <li>Barracuda {@code btv1==TAG==local@domain}, SparkPost {@code msprvs1=TAG=local@domain};</li>
 *   <li>Sender Rewriting Scheme {@code SRS0=HHH=TT=domain=local@forwarder} and
 *       {@code SRS1=HHH=forwarder==HHH=TT=domain=local@forwarder}.</li>
 * </ul>
 * Prefixes are matched case-insensitively because some MTAs upper-case local parts.
 *
 * @param address   the address as given, without angle brackets
 * @param scheme    which tagging scheme the address uses, {@link Scheme#NONE} if untagged
 * @param original  the untagged original address ({@code local@domain}); for SRS the address before
 *                  forwarding; the input itself when it is untagged or cannot be taken apart
 * @param tag       the tag text as written ({@code KDDDSSSSSS} for BATV), "" when untagged
 * @param wellFormed false when a prefix announces a scheme but the rest does not fit it
 */
public record BatvAddress(String address, Scheme scheme, String original, String tag, boolean wellFormed) {

    /** Tagging schemes that can be told from the address alone. */
    public enum Scheme {
        NONE, PRVS, PRVS_SUBADDRESS, PRVS_LOCAL_FIRST, BARRACUDA_BTV1, SPARKPOST_MSPRVS1, SRS0, SRS1
    }

    /** How {@link BatvSigner} writes a tag. */
    public enum Form {
        /** {@code prvs=KDDDSSSSSS=local@domain} */
        PREFIX,
        /** {@code local+prvs=KDDDSSSSSS@domain} */
        SUBADDRESS
    }

    private static final String PRVS = "prvs=";
    private static final String SUB_PRVS = "+prvs=";
    private static final String BTV1 = "btv1==";
    private static final String MSPRVS1 = "msprvs1=";

    /** Parses {@code text} (angle brackets and surrounding blanks allowed). Never throws. */
    public static BatvAddress parse(String text) {
        String a = strip(text);
        int at = a.lastIndexOf('@');
        if (at <= 0 || at == a.length() - 1) return untagged(a);
        String local = a.substring(0, at);
        String domain = a.substring(at); // keeps the '@'
        String lower = local.toLowerCase(Locale.ROOT);
        if (lower.startsWith(PRVS)) return prvs(a, local.substring(PRVS.length()), domain);
        if (lower.startsWith(BTV1)) return barracuda(a, local.substring(BTV1.length()), domain);
        if (lower.startsWith(MSPRVS1)) return sparkPost(a, local.substring(MSPRVS1.length()), domain);
        if (isSrs(lower, '0')) return srs0(a, local.substring(5), Scheme.SRS0);
        if (isSrs(lower, '1')) return srs1(a, local.substring(5));
        int sub = lower.lastIndexOf(SUB_PRVS);
        if (sub > 0) return subaddress(a, local.substring(0, sub), local.substring(sub + SUB_PRVS.length()), domain);
        return untagged(a);
    }

    /** Writes {@code original} tagged with {@code tag} in the given form. */
    public static String format(Form form, String tag, String original) {
        int at = original.lastIndexOf('@');
        if (at <= 0) throw new IllegalArgumentException("not an address: " + original);
        return switch (form) {
            case PREFIX -> PRVS + tag + "=" + original;
            case SUBADDRESS -> original.substring(0, at) + SUB_PRVS + tag + original.substring(at);
        };
    }

    /** Whether the address carries any recognised tag (BATV of any form, Barracuda, SparkPost, SRS). */
    public boolean isTagged() {
        return scheme != Scheme.NONE;
    }

    /** Whether this is a well-formed {@code KDDDSSSSSS} BATV tag in a form {@link BatvVerifier} checks. */
    public boolean isVerifiable() {
        return wellFormed && (scheme == Scheme.PRVS || scheme == Scheme.PRVS_SUBADDRESS);
    }

    /** The key number K of a verifiable tag, or -1. */
    public int keyNumber() {
        return isVerifiable() ? tag.charAt(0) - '0' : -1;
    }

    /** The expiry day DDD (0–999) of a verifiable tag, or -1. */
    public int expiryDay() {
        return isVerifiable() ? Integer.parseInt(tag.substring(1, 4)) : -1;
    }

    /** The six hex digits SSSSSS of a verifiable tag, lower-cased, or "". */
    public String signature() {
        return isVerifiable() ? tag.substring(4).toLowerCase(Locale.ROOT) : "";
    }

    /** Whether {@code tag} has the BATV shape: one digit K, three digits DDD, six hex digits. */
    static boolean isBatvTag(String tag) {
        if (tag.length() != 10) return false;
        for (int i = 0; i < 4; i++) {
            if (!isDigit(tag.charAt(i))) return false;
        }
        for (int i = 4; i < 10; i++) {
            if (!isHex(tag.charAt(i))) return false;
        }
        return true;
    }

    private static BatvAddress prvs(String a, String rest, String domain) {
        int eq = rest.indexOf('=');
        if (eq == 10 && isBatvTag(rest.substring(0, 10)) && rest.length() > 11) {
            return new BatvAddress(a, Scheme.PRVS, rest.substring(11) + domain, rest.substring(0, 10), true);
        }
        int last = rest.lastIndexOf('=');
        if (last > 0 && isBatvTag(rest.substring(last + 1))) {
            return new BatvAddress(a, Scheme.PRVS_LOCAL_FIRST, rest.substring(0, last) + domain,
                    rest.substring(last + 1), true);
        }
        String original = eq >= 0 && eq < rest.length() - 1 ? rest.substring(eq + 1) + domain : a;
        String tag = eq >= 0 ? rest.substring(0, eq) : rest;
        return new BatvAddress(a, Scheme.PRVS, original, tag, false);
    }

    private static BatvAddress subaddress(String a, String base, String tag, String domain) {
        return new BatvAddress(a, Scheme.PRVS_SUBADDRESS, base + domain, tag, isBatvTag(tag));
    }

    private static BatvAddress barracuda(String a, String rest, String domain) {
        int end = rest.indexOf("==");
        if (end <= 0 || end + 2 >= rest.length()) return new BatvAddress(a, Scheme.BARRACUDA_BTV1, a, rest, false);
        return new BatvAddress(a, Scheme.BARRACUDA_BTV1, rest.substring(end + 2) + domain, rest.substring(0, end), true);
    }

    private static BatvAddress sparkPost(String a, String rest, String domain) {
        int end = rest.indexOf('=');
        if (end <= 0 || end + 1 >= rest.length()) return new BatvAddress(a, Scheme.SPARKPOST_MSPRVS1, a, rest, false);
        return new BatvAddress(a, Scheme.SPARKPOST_MSPRVS1, rest.substring(end + 1) + domain, rest.substring(0, end), true);
    }

    /** {@code rest} is {@code HHH=TT=domain=local} (the part after {@code SRS0=}). */
    private static BatvAddress srs0(String a, String rest, Scheme scheme) {
        String[] f = rest.split("=", 4);
        if (f.length < 4 || f[2].isEmpty() || f[3].isEmpty()) return new BatvAddress(a, scheme, a, rest, false);
        return new BatvAddress(a, scheme, f[3] + "@" + f[2], f[0] + "=" + f[1], true);
    }

    /** {@code rest} is {@code HHH=forwarder==HHH=TT=domain=local} (the part after {@code SRS1=}). */
    private static BatvAddress srs1(String a, String rest) {
        int inner = rest.indexOf("==");
        if (inner < 0) return new BatvAddress(a, Scheme.SRS1, a, rest, false);
        BatvAddress r = srs0(a, rest.substring(inner + 2), Scheme.SRS1);
        return new BatvAddress(a, Scheme.SRS1, r.original, rest.substring(0, inner), r.wellFormed);
    }

    private static boolean isSrs(String lowerLocal, char version) {
        if (lowerLocal.length() < 6 || !lowerLocal.startsWith("srs") || lowerLocal.charAt(3) != version) return false;
        char sep = lowerLocal.charAt(4);
        return sep == '=' || sep == '+' || sep == '-';
    }

    private static BatvAddress untagged(String a) {
        return new BatvAddress(a, Scheme.NONE, a, "", true);
    }

    static String strip(String text) {
        if (text == null) return "";
        String s = text.strip();
        if (s.startsWith("<") && s.endsWith(">")) s = s.substring(1, s.length() - 1).strip();
        return s;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}

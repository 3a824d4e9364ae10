package io.scatterguard.mail.bounce.reason;

import io.scatterguard.mail.bounce.Reason;
import java.util.Locale;

/**
 * Hard or soft, permanent or temporary, following Sisimai::SMTP::Failure: only userunknown,
 * hostunknown and hasmoved are hard bounces, plus notaccept when the refusal is permanent (a 5xx
 * code, or no sign of a temporary condition). Everything else may succeed on a later attempt.
 */
public final class HardBounce {
    private HardBounce() {
    }

    /** True when the text carries a 5xx status/reply code or says "permanent". */
    public static boolean isPermanent(String text) {
        if (text == null || text.isEmpty()) return false;
        if (codeOf(text).startsWith("5")) return true;
        return text.toLowerCase(Locale.ROOT).contains(" permanent ");
    }

    /** True when the text carries a 4xx status/reply code or says "temporar…" / "persistent". */
    public static boolean isTemporary(String text) {
        if (text == null || text.isEmpty()) return false;
        if (codeOf(text).startsWith("4")) return true;
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains(" temporar") || lower.contains(" persistent");
    }

    /**
     * Whether a recipient with this reason is a hard bounce; {@code codes} is the status code and
     * error message ("5.1.1 550 user unknown"), consulted only for notaccept.
     */
    public static boolean isHard(Reason reason, String codes) {
        if (reason == null) return false;
        if (reason.alwaysHard()) return true;
        if (reason != Reason.NOTACCEPT) return false;
        if (codes == null || codes.isBlank()) return true;
        return codeOf(codes).startsWith("5") || !isTemporary(codes);
    }

    private static String codeOf(String text) {
        String c = StatusCodes.find(text, ' ');
        return c.isEmpty() ? ReplyCodes.find(text, ' ') : c;
    }
}

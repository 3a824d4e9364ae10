package io.scatterguard.tools.logaudit;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.reason.ReasonResolver;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Failure texts made comparable — addresses, host names, numbers and queue ids taken out, so that
 * ten thousand "unknown user" bounces are one line of the report — and classified with the bounce
 * library's reason resolver (Sisimai's reason names: userunknown, mailboxfull, spamdetected...).
 */
final class ReasonText {
    private static final Pattern HOST_SAID = Pattern.compile("^host \\S+\\[[^\\]]*\\](?::\\d+)? said: ");
    private static final Pattern HOST_IP = Pattern.compile("\\S+\\[[0-9A-Fa-f.:]+\\](?::\\d+)?|\\[[0-9A-Fa-f.:]+\\](?::\\d+)?");
    private static final Pattern ADDRESS = Pattern.compile("<[^<>\\s]*@[^<>\\s]*>|[^\\s<>\"'(),;:]+@[A-Za-z0-9.-]+");
    private static final Pattern UNKNOWN_USER = Pattern.compile("(?i)(unknown user: )\"[^\"]*\"");
    private static final Pattern QUEUE_ID = Pattern.compile("(?i)(queued as|id=) ?[0-9A-Za-z-]{5,}");
    private static final Pattern LONG_NUMBER = Pattern.compile("\\b\\d{5,}\\b");
    private static final Pattern SPACE = Pattern.compile("\\s+");
    private static final int MAX = 160;

    private final ReasonResolver resolver = new ReasonResolver();
    private final Map<String, Reason> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Reason> eldest) {
            return size() > 4096;
        }
    };

    /** The text without the parts that differ from message to message. */
    static String normalise(String text) {
        String t = text == null ? "" : text.strip();
        t = HOST_SAID.matcher(t).replaceFirst("remote server said: ");
        t = UNKNOWN_USER.matcher(t).replaceAll("$1\"…\"");
        t = ADDRESS.matcher(t).replaceAll("<address>");
        t = HOST_IP.matcher(t).replaceAll("host[ip]");
        t = QUEUE_ID.matcher(t).replaceAll("$1 …");
        t = LONG_NUMBER.matcher(t).replaceAll("N");
        t = SPACE.matcher(t).replaceAll(" ");
        if (t.length() > MAX) t = t.substring(0, MAX - 1) + "…";
        return t;
    }

    /** The reason for a failure text and status code, in Sisimai's names; cached by normalised text. */
    Reason classify(String status, String normalisedText) {
        String key = status + " " + normalisedText;
        Reason r = cache.get(key);
        if (r == null) {
            DeliveryStatus d = DeliveryStatus.builder().action("failed").status(status).diagnostic(normalisedText).build();
            r = resolver.resolve(d, null).reason();
            cache.put(key, r);
        }
        return r;
    }
}

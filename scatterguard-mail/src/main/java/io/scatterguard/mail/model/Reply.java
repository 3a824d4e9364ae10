package io.scatterguard.mail.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An SMTP reply (RFC 5321 §4.2) with its RFC 3463 enhanced status code and a human-readable
 * reason, e.g. {@code 550 5.1.1 <bob@example.org>: no such user here}.
 *
 * @param code    the three-digit reply code (2xx, 3xx, 4xx, 5xx)
 * @param status  the enhanced status code ("5.1.1"), whose class must agree with the reply code
 * @param text    the reason; may contain line breaks, each becomes one reply line
 */
public record Reply(int code, String status, String text) {
    private static final Pattern STATUS = Pattern.compile("[245]\\.\\d{1,3}\\.\\d{1,3}");

    public Reply {
        if (code < 200 || code > 599) throw new IllegalArgumentException("reply code out of range: " + code);
        if (!STATUS.matcher(status).matches()) throw new IllegalArgumentException("not an enhanced status code: " + status);
        int klass = code / 100;
        if (klass != 3 && status.charAt(0) - '0' != klass) {
            throw new IllegalArgumentException("status " + status + " does not match reply code " + code);
        }
        if (text == null || text.isBlank()) throw new IllegalArgumentException("a reply needs a reason");
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' || c == 0x7f)) {
            throw new IllegalArgumentException("control characters in reply text");
        }
    }

    public static Reply of(int code, String status, String text) {
        return new Reply(code, status, text);
    }

    public boolean isPositive() {
        return code < 400;
    }

    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    public boolean isPermanent() {
        return code >= 500;
    }

    /** The reply as wire lines without CRLF: "550-5.7.1 first" ... "550 5.7.1 last". */
    public List<String> lines() {
        String[] parts = text.split("\n");
        List<String> out = new ArrayList<>(parts.length);
        for (int i = 0; i < parts.length; i++) {
            String sep = i == parts.length - 1 ? " " : "-";
            out.add(code + sep + (code / 100 == 3 ? "" : status + " ") + parts[i].strip());
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}

package io.scatterguard.gateway.testing;

/** Messages the milter, policy and integration tests send, CRLF-terminated. */
public final class TestMessages {
    private TestMessages() {}

    /** A Postfix-style delivery status notification to {@code to}, quoting an original with this Message-ID. */
    public static String bounce(String to, String originalMessageId) {
        return crlf("From: MAILER-DAEMON@mx.other.example.net (Mail Delivery System)\nTo: " + to + "\n"
                + "Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
                + "Message-ID: " + bounceMessageId(originalMessageId) + "\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\n\n"
                + "--b\nContent-Type: text/plain\n\nThis is the mail system at host mx.other.example.net.\n"
                + "<info@other.example.net>: unknown user\n\n"
                + "--b\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.other.example.net\n\n"
                + "Final-Recipient: rfc822; info@other.example.net\nAction: failed\nStatus: 5.1.1\n\n"
                + "--b\nContent-Type: text/rfc822-headers\n\nFrom: alice@example.com\nTo: info@other.example.net\n"
                + "Subject: hello\nMessage-ID: " + originalMessageId + "\n\n--b--\n");
    }

    /** The Message-ID of {@link #bounce}'s own message. */
    public static String bounceMessageId(String originalMessageId) {
        return "<bounce-" + Integer.toHexString(originalMessageId.hashCode()) + "@mx.other.example.net>";
    }

    /** Ordinary mail; {@code messageId} may be empty for a message without one. */
    public static String ordinary(String from, String to, String messageId) {
        return crlf("From: " + from + "\nTo: " + to + "\nSubject: Lunch on Friday?\n"
                + (messageId.isEmpty() ? "" : "Message-ID: " + messageId + "\n") + "\nShall we?\n");
    }

    public static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n");
    }

    /** The header block of a CRLF message (without the blank line). */
    public static String header(String message) {
        int end = message.indexOf("\r\n\r\n");
        return end < 0 ? message : message.substring(0, end + 2);
    }

    /** The body of a CRLF message. */
    public static String body(String message) {
        int end = message.indexOf("\r\n\r\n");
        return end < 0 ? "" : message.substring(end + 4);
    }
}

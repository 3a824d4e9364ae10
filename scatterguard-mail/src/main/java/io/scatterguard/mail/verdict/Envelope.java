package io.scatterguard.mail.verdict;

import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The SMTP envelope of the message being judged, or the best guess at it from the headers.
 *
 * @param sender     MAIL FROM ("" for the null sender {@code <>}; from headers also "" when no
 *                   Return-Path was recorded, which is why null-sender rules only use SMTP envelopes)
 * @param recipients RCPT TO addresses; for file scans the candidates in the order they are trusted
 * @param source     where the addresses come from
 */
public record Envelope(String sender, List<String> recipients, Source source) {

    public enum Source {
        /** Seen in the SMTP dialogue: authoritative. */
        SMTP,
        /** Guessed from Delivered-To, X-Original-To, Envelope-To and To headers (file scans). */
        HEADERS
    }

    /** Outer headers that record the envelope recipient at delivery, most trusted first. */
    private static final List<String> RECIPIENT_HEADERS = List.of("Delivered-To", "X-Original-To", "Envelope-To", "To");

    public Envelope {
        sender = stripBrackets(Objects.requireNonNullElse(sender, ""));
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(source, "source");
    }

    /** The envelope as the SMTP session saw it. */
    public static Envelope smtp(String mailFrom, List<String> rcptTo) {
        return new Envelope(mailFrom, rcptTo, Source.SMTP);
    }

    /** The envelope as far as a stored message's headers tell (Return-Path, Delivered-To...). */
    public static Envelope fromHeaders(ParsedMessage message) {
        Headers h = message.headers();
        Set<String> rcpts = new LinkedHashSet<>();
        for (String name : RECIPIENT_HEADERS) {
            for (String value : h.all(name)) addAddresses(value, rcpts);
        }
        return new Envelope(message.envelopeSender(), new ArrayList<>(rcpts), Source.HEADERS);
    }

    public boolean nullSender() {
        return sender.isEmpty();
    }

    /** The first recipient, or "" when none is known. */
    public String firstRecipient() {
        return recipients.isEmpty() ? "" : recipients.get(0);
    }

    private static void addAddresses(String value, Set<String> out) {
        for (String piece : value.split(",")) {
            String a = Addresses.extract(piece);
            if (!a.isEmpty()) out.add(a);
        }
    }

    private static String stripBrackets(String s) {
        String t = s.strip();
        if (t.startsWith("<") && t.endsWith(">")) t = t.substring(1, t.length() - 1).strip();
        return t;
    }
}

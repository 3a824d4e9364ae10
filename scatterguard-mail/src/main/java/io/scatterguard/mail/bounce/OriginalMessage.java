package io.scatterguard.mail.bounce;

import java.util.List;

/**
 * What a report says about the message it is about: the quoted original's headers.
 * Fields are "" when the report did not quote them.
 */
public record OriginalMessage(
        String messageId, String from, String to, String subject, String date, String returnPath,
        List<String> received) {

    public static final OriginalMessage NONE = new OriginalMessage("", "", "", "", "", "", List.of());

    public boolean isEmpty() {
        return messageId.isEmpty() && from.isEmpty() && to.isEmpty() && subject.isEmpty() && received.isEmpty();
    }
}

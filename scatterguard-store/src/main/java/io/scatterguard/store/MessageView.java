package io.scatterguard.store;

import io.scatterguard.mail.model.Headers;
import java.util.List;

/**
 * A quarantined message made safe to show: decoded header fields, the text of its textual parts
 * (HTML reduced to plain text, control characters removed), and the attachments only by type and
 * name. Nothing in it is active content; a console escapes it as ordinary text.
 *
 * @param truncated whether the text was cut at the requested length
 * @param notes     what the reader had to cut or repair (from the parser's limits)
 */
public record MessageView(List<Headers.Field> headers, String text, List<String> attachments, boolean truncated,
        List<String> notes) {
    public MessageView {
        headers = List.copyOf(headers);
        attachments = List.copyOf(attachments);
        notes = List.copyOf(notes);
    }
}

package io.scatterguard.mail.verdict;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The Message-IDs of mail we sent recently (primer §3, evidence 2; rspamd's {@code replies} module
 * keeps the same for replies). A bounce whose quoted original carries one of them answers our mail.
 * Implementations must be thread-safe; look-ups take the ID with or without angle brackets.
 */
public interface OutboundLedger {

    /** Whether we sent a message with this Message-ID recently enough to still remember it. */
    boolean contains(String messageId);

    /** When we sent it, if known. */
    default Optional<Instant> sentAt(String messageId) {
        return Optional.empty();
    }

    /**
     * A fixed ledger of these Message-IDs (with or without brackets), e.g. read from a file of IDs
     * for a scan. It knows no send times, so it never forgets.
     */
    static OutboundLedger of(Collection<String> messageIds) {
        Set<String> ids = new HashSet<>();
        for (String id : messageIds) {
            String n = normalise(id);
            if (!n.isEmpty()) ids.add(n);
        }
        Set<String> fixed = Set.copyOf(ids);
        return id -> fixed.contains(normalise(id));
    }

    /** The ID as stored: without angle brackets and surrounding blanks ("" for none). Case is kept. */
    static String normalise(String messageId) {
        if (messageId == null) return "";
        String s = messageId.strip();
        int lt = s.indexOf('<');
        int gt = s.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) s = s.substring(lt + 1, gt);
        return s.strip();
    }
}

package io.scatterguard.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One SMTP transaction decision: who connected, the envelope, every check's verdict and symbol,
 * and the final reply. The gateway writes one per transaction (and one per refused connection).
 *
 * @param stage        the SMTP stage that ended the transaction: CONNECT, MAIL, DATA, END_OF_DATA, ABANDONED…
 * @param replyCode    the final reply's code, 0 when there was none (abandoned)
 * @param category     the analyzer's category of the message (e.g. {@code dsn}), empty before end of data
 * @param backscatter  whether the analyzer judged it backscatter (a report about mail we never sent)
 * @param quarantineId the quarantine record, when the message was held
 */
public record AuditRecord(Instant time, String node, String sessionId, String clientIp, String clientName, String helo,
        boolean tls, String sender, List<String> recipients, List<RefusedRecipient> refused, List<CheckResult> checks,
        String stage, Outcome outcome, int replyCode, String reply, long size, String messageId, String category,
        boolean backscatter, OptionalLong quarantineId) {

    public AuditRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(outcome, "outcome");
        node = Objects.requireNonNullElse(node, "");
        sessionId = Objects.requireNonNullElse(sessionId, "");
        clientIp = Objects.requireNonNullElse(clientIp, "");
        clientName = Objects.requireNonNullElse(clientName, "");
        helo = Objects.requireNonNullElse(helo, "");
        sender = Objects.requireNonNullElse(sender, "");
        recipients = List.copyOf(recipients);
        refused = List.copyOf(refused);
        checks = List.copyOf(checks);
        stage = Objects.requireNonNullElse(stage, "");
        reply = Objects.requireNonNullElse(reply, "");
        messageId = Objects.requireNonNullElse(messageId, "");
        category = Objects.requireNonNullElse(category, "");
        quarantineId = Objects.requireNonNullElse(quarantineId, OptionalLong.empty());
    }

    /** Every symbol any check gave, in order, without blanks. */
    public List<String> symbols() {
        return checks.stream().map(CheckResult::symbol).filter(s -> !s.isEmpty()).toList();
    }
}

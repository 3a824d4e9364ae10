package io.scatterguard.tools.probe;

import java.util.List;

/**
 * What a probe found, with the transcript as evidence.
 *
 * @param target          the server probed
 * @param domain          the domain whose recipients were tested ("" when none could be chosen)
 * @param domainFromGreeting true when the domain was taken from the server's greeting
 * @param sender          the MAIL FROM address ("" = null sender)
 * @param probeRecipient  the recipient that must not exist ("" when the probe did not get that far)
 * @param validRecipient  the known-good address tried for contrast, or ""
 * @param verdict         the conclusion
 * @param stage           where the conversation ended or the decision fell: CONNECT, GREETING, EHLO,
 *                        STARTTLS, MAIL, RCPT
 * @param explanation     the conclusion in plain words, quoting the reply that decided it
 * @param probeReply      the reply to the unknown recipient, or null
 * @param validReply      the reply to the known-good recipient, or null
 * @param tls             the TLS session, or null
 * @param tlsNote         why TLS was not used, or what went wrong with it ("" when used)
 * @param transcript      the whole conversation
 */
public record ProbeResult(Target target, String domain, boolean domainFromGreeting, String sender,
        String probeRecipient, String validRecipient, ProbeVerdict verdict, String stage, String explanation,
        Reply probeReply, Reply validReply, TlsInfo tls, String tlsNote, List<Transcript.Line> transcript) {

    public ProbeResult {
        transcript = List.copyOf(transcript);
    }
}

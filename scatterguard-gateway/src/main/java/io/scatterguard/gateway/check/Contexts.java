package io.scatterguard.gateway.check;

import io.scatterguard.mail.Analysis;
import java.util.List;

/**
 * The immutable context each stage's checks receive (house style: one typed context per stage).
 * The null sender is the empty string.
 */
public final class Contexts {
    private Contexts() {}

    public record Connect(Client client) {}

    public record Helo(Client client, String heloName) {}

    public record Mail(Client client, String sender) {}

    /** One RCPT: the candidate and the recipients already accepted in this transaction. */
    public record Rcpt(Client client, String sender, List<String> accepted, String recipient) {
        public Rcpt {
            accepted = List.copyOf(accepted);
        }
    }

    /** Before 354: the whole envelope. */
    public record Data(Client client, String sender, List<String> recipients) {
        public Data {
            recipients = List.copyOf(recipients);
        }
    }

    /** After the final dot, before the reply: the envelope, the message and the analyzer's findings. */
    public record Message(Client client, String sender, List<String> recipients, byte[] raw, Analysis analysis) {
        public Message {
            recipients = List.copyOf(recipients);
        }
    }
}

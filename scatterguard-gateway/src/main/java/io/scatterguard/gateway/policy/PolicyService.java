package io.scatterguard.gateway.policy;

import io.scatterguard.gateway.check.ChainResult;
import io.scatterguard.gateway.check.Client;
import io.scatterguard.gateway.check.Contexts;
import io.scatterguard.gateway.check.Pipeline;
import io.scatterguard.gateway.check.Verdict;
import io.scatterguard.gateway.check.builtin.AllowList;
import io.scatterguard.gateway.core.EventLog;
import io.scatterguard.gateway.core.GatewayFactory;
import io.scatterguard.gateway.core.TransactionEvent;
import io.scatterguard.mail.model.Reply;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The check pipeline behind Postfix's {@code check_policy_service}: each request runs the chain of
 * its protocol state — in {@code smtpd_recipient_restrictions} that is RCPT, one request per
 * recipient: unknown recipients (with a recipients file), one recipient per bounce, no bounces to
 * addresses that never send, and valid BATV tags on bounces' recipients. Put it last in the
 * restrictions, so that a recipient it passes is one Postfix accepts. The answer is an access(5) action: {@code DUNNO} when we
 * have no objection (never {@code OK}, which would skip Postfix's own later restrictions), our
 * reply as {@code 550 5.7.1 reason}, and {@code DEFER_IF_PERMIT} when a check failed — never an
 * acceptance on error. Our own users (SASL-authenticated, or in {@code relay.networks}) are not
 * judged. Content is not seen here: the backscatter judge at end of data needs the milter.
 */
public final class PolicyService {
    public static final String NO_OPINION = "DUNNO";
    /** What a failure of our own code answers: defer, unless a later restriction refuses anyway. */
    public static final String INTERNAL_ERROR = "DEFER_IF_PERMIT 4.3.0 Temporary failure in the policy service; try again later";

    private static final Pattern POSTFIX_PREFIX = Pattern.compile("^<[^>]*>: [A-Za-z ]+ rejected: ");

    private static final int MESSAGES_REMEMBERED = 10_000;
    private static final int MAX_RECIPIENTS_REMEMBERED = 1_000;

    private final Pipeline pipeline;
    private final GatewayFactory.Outbound outbound;
    private final EventLog events;
    /** Per message in progress (Postfix's instance), the recipients we let pass; the oldest are forgotten. */
    private final Map<String, List<String>> passed = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, List<String>> eldest) {
                    return size() > MESSAGES_REMEMBERED;
                }
            });

    public PolicyService(Pipeline pipeline, GatewayFactory.Outbound outbound, EventLog events) {
        this.pipeline = pipeline;
        this.outbound = outbound;
        this.events = events;
    }

    /** The action for one request (what follows {@code action=}); refusals are logged as events. */
    public String decide(PolicyRequest r, String connectionId) {
        if (!"smtpd_access_policy".equals(r.request())) return NO_OPINION;
        Client client = new Client(address(r.clientAddress()), r.heloName(), !r.encryptionProtocol().isEmpty());
        if (!r.saslUsername().isEmpty() || (outbound != null && outbound.networks().contains(client.address()))) {
            return NO_OPINION; // our own users' mail is signed by the milter or the relay listener, not judged
        }
        String sender = r.sender();
        ChainResult result = switch (r.protocolState().toUpperCase(Locale.ROOT)) {
            case "CONNECT" -> pipeline.connect().run(new Contexts.Connect(client));
            case "EHLO", "HELO" -> pipeline.helo().run(new Contexts.Helo(client, r.heloName()));
            case "MAIL" -> pipeline.mail().run(new Contexts.Mail(client, sender));
            case "RCPT" -> pipeline.rcpt().run(new Contexts.Rcpt(client, sender, passedBefore(r), r.recipient()));
            case "DATA", "BDAT" -> pipeline.data().run(new Contexts.Data(client, sender, earlier(r.recipientCount())));
            default -> null; // END-OF-MESSAGE, VRFY, ETRN: nothing to judge without the content
        };
        if (result == null) return NO_OPINION;
        String action = action(result.decision());
        if (!action.equals(NO_OPINION)) log(r, connectionId, client, result, action);
        else if (r.protocolState().equalsIgnoreCase("RCPT")) passed(r);
        return action;
    }

    /**
     * The recipients of this message we let pass before this one. Postfix's recipient_count is 0 in
     * every RCPT request (it counts only from DATA on), so the service remembers, per message
     * ({@code instance}), which recipients it answered DUNNO for — across the client's reconnects.
     */
    private List<String> passedBefore(PolicyRequest r) {
        List<String> seen = passed.get(messageKey(r));
        List<String> before = seen == null ? List.of() : List.copyOf(seen);
        return before.size() >= r.recipientCount() ? before : earlier(r.recipientCount());
    }

    private void passed(PolicyRequest r) {
        String key = messageKey(r);
        if (key.isEmpty()) return;
        passed.compute(key, (k, list) -> {
            List<String> l = list == null ? new java.util.ArrayList<>(2) : list;
            if (l.size() < MAX_RECIPIENTS_REMEMBERED) l.add(r.recipient());
            return l;
        });
    }

    private static String messageKey(PolicyRequest r) {
        return r.instance().isEmpty() ? r.queueId() : r.instance();
    }

    /** The access(5) action for a chain's decision. */
    static String action(Verdict decision) {
        return switch (decision) {
            case Verdict.Reject v -> line(v.reply());
            case Verdict.TempFail v -> "CHECK_ERROR".equals(v.symbol())
                    ? "DEFER_IF_PERMIT " + v.reply().status() + " " + oneLine(v.reply().text()) : line(v.reply());
            case Verdict.Disconnect v -> line(v.reply());
            case Verdict.Quarantine v -> "HOLD " + oneLine(v.check() + ": " + v.reason());
            case Verdict.Discard v -> "DISCARD " + oneLine(v.check() + ": " + v.reason());
            default -> NO_OPINION;
        };
    }

    /**
     * Our reply as an access(5) action. Postfix puts its own "&lt;address&gt;: Recipient address
     * rejected: " before the text of such an action, so a text that already starts that way loses
     * its copy.
     */
    private static String line(Reply r) {
        return r.code() + " " + r.status() + " " + POSTFIX_PREFIX.matcher(oneLine(r.text())).replaceFirst("");
    }

    /** Postfix takes one line: line breaks become "; ", control characters go. */
    private static String oneLine(String text) {
        return text.strip().replace("\n", "; ").replaceAll("[\\x00-\\x1f\\x7f]", " ");
    }

    private static List<String> earlier(int count) {
        return Collections.nCopies(count, "");
    }

    private static InetAddress address(String text) {
        try {
            return AllowList.literal(text.strip());
        } catch (UnknownHostException e) {
            return unspecified(); // "unknown" or absent: an address no list contains
        }
    }

    private static InetAddress unspecified() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private void log(PolicyRequest r, String connectionId, Client client, ChainResult result, String action) {
        if (events == null) return;
        String message = r.queueId().isEmpty() ? r.instance() : r.queueId();
        List<TransactionEvent.RecipientDecision> refused = r.protocolState().equalsIgnoreCase("RCPT")
                ? List.of(new TransactionEvent.RecipientDecision(r.recipient(), action)) : List.of();
        events.write(new TransactionEvent(Instant.now(), "policy-" + connectionId + (message.isEmpty() ? "" : "/" + message),
                client.address().getHostAddress(), client.heloName(), client.tls(), r.sender(),
                r.recipient().isEmpty() ? List.of() : List.of(r.recipient()), refused, "", false, result.verdicts(),
                r.protocolState().toUpperCase(Locale.ROOT), action, 0, ""));
    }
}

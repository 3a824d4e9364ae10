package io.scatterguard.mail.verdict;

import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.OriginalMessage;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.EmbeddedMessage;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a report tells about the message it answers, gathered from the parsed bounce's
 * {@link OriginalMessage}, the quoted {@code message/rfc822} / {@code text/rfc822-headers} parts,
 * and, when those give nothing, header lines quoted in plain text ({@code Message-ID:} and
 * {@code Return-Path:} lines, possibly prefixed by {@code >}; Received lines quoted in text are
 * left to {@link RelayMatcher}).
 *
 * @param messageIds  the original's Message-IDs, normalised, most trusted first
 * @param answeredIds IDs the message itself says it answers (In-Reply-To, References), for autoreplies
 * @param from        the original's From value, "" if not quoted
 * @param returnPath  the original's Return-Path value, "" if not quoted
 * @param received    the original's Received values, from structured sources
 */
record QuotedOriginal(List<String> messageIds, List<String> answeredIds, String from, String returnPath,
        List<String> received) {

    private static final Pattern MSG_ID = Pattern.compile("<[^<>\\s]{1,250}>");
    private static final int MAX_IDS = 8;

    /** Gathers what {@code message} and its optional parsed report quote of the original. */
    static QuotedOriginal of(ParsedMessage message, Optional<BounceReport> report) {
        Set<String> ids = new LinkedHashSet<>();
        List<String> received = new ArrayList<>();
        String from = "";
        String returnPath = "";
        if (report.isPresent() && report.get().original() != null) {
            OriginalMessage o = report.get().original();
            addId(ids, o.messageId());
            from = o.from();
            returnPath = o.returnPath();
            received.addAll(o.received());
        }
        for (EmbeddedMessage e : message.embedded()) {
            Headers h = e.headers();
            addId(ids, h.get("Message-ID"));
            if (from.isEmpty()) from = h.get("From");
            if (returnPath.isEmpty()) returnPath = h.get("Return-Path");
            if (received.isEmpty()) received.addAll(h.all("Received"));
        }
        if (ids.isEmpty()) quotedIds(message.body(), ids);
        if (returnPath.isEmpty()) returnPath = quotedReturnPath(message.body());
        return new QuotedOriginal(List.copyOf(ids), answeredIds(message.headers()), from, returnPath, List.copyOf(received));
    }

    /** Whether anything at all identifies the original. */
    boolean isPresent() {
        return !messageIds.isEmpty() || !from.isEmpty() || !returnPath.isEmpty() || !received.isEmpty();
    }

    private static List<String> answeredIds(Headers h) {
        Set<String> ids = new LinkedHashSet<>();
        for (String name : List.of("In-Reply-To", "References")) {
            Matcher m = MSG_ID.matcher(h.get(name));
            while (m.find() && ids.size() < MAX_IDS) addId(ids, m.group());
        }
        return List.copyOf(ids);
    }

    private static void quotedIds(String body, Set<String> ids) {
        QuotedLines.scan(body, "Message-ID", value -> {
            Matcher m = MSG_ID.matcher(value);
            if (m.find()) addId(ids, m.group());
            return ids.size() >= MAX_IDS;
        });
    }

    private static String quotedReturnPath(String body) {
        String[] found = {""};
        QuotedLines.scan(body, "Return-Path", value -> !(found[0] = value.strip()).isEmpty());
        return found[0];
    }

    private static void addId(Set<String> ids, String raw) {
        String id = OutboundLedger.normalise(raw);
        if (!id.isEmpty()) ids.add(id);
    }
}

package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.rfc.Texts;
import io.scatterguard.mail.model.Addresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the human-readable part of Sendmail's reports (8.x and the old 5.x): the "----- The
 * following addresses had permanent fatal errors -----" list with "(reason: ...)" lines, and the
 * "----- Transcript of session follows -----" with "... while talking to host.:", the commands
 * sent ("&gt;&gt;&gt; RCPT To:&lt;addr&gt;") and the replies received ("&lt;&lt;&lt; 550 ..."), and the per-recipient
 * summaries ("550 5.1.1 &lt;addr&gt;... User unknown").
 */
final class SendmailTranscript {
    private static final Pattern TALKING = Pattern.compile("(?i)while talking to ([^\\s:]+?)\\.?:");
    private static final Pattern SUMMARY = Pattern.compile("^([245]\\d\\d)[ -](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s+)?<?([^<>\\s]*@[^<>\\s]+?)>?\\.\\.\\.\\s*(.*)$");
    private static final Pattern NO_CODE = Pattern.compile("^<?([^<>\\s]*@[^<>\\s]+?)>?\\.\\.\\.\\s+(\\S.*)$");
    private static final Pattern RCPT_CMD = Pattern.compile("(?i)^RCPT TO:\\s*<?([^<>\\s]+@[^<>\\s]+)>?");

    /** What the transcript says about one recipient. */
    static final class Entry {
        String address = "";
        String diagnostic = "";
        String command = "";
        String remote = "";
    }

    final Map<String, Entry> byAddress = new LinkedHashMap<>();
    /** The last command and reply that applied to the whole message (e.g. DATA), if any. */
    String messageCommand = "";
    String messageReply = "";
    String remote = "";

    static SendmailTranscript read(String text) {
        SendmailTranscript t = new SendmailTranscript();
        String lastCmd = "";
        String lastRcpt = "";
        boolean inList = false;
        boolean inTranscript = false;
        String localOutput = "";
        String listAddr = "";
        for (String raw : BounceText.lines(text)) {
            String line = raw.strip();
            if (line.isEmpty()) continue;
            if (line.startsWith("-----")) {
                inList = line.contains("The following address");
                inTranscript = line.contains("Transcript of session");
                continue;
            }
            Matcher tk = TALKING.matcher(line);
            if (tk.find()) t.remote = tk.group(1);
            if (line.startsWith(">>> ")) {
                String c = line.substring(4).strip();
                lastCmd = command(c);
                Matcher r = RCPT_CMD.matcher(c);
                lastRcpt = r.find() ? Addresses.normalise(r.group(1)) : "";
                continue;
            }
            if (line.startsWith("<<< ")) {
                String reply = line.substring(4).strip();
                if (!lastRcpt.isEmpty() && lastCmd.equals("RCPT")) {
                    Entry e = t.entry(lastRcpt);
                    e.command = "RCPT";
                    if (e.diagnostic.isEmpty() || !e.diagnostic.contains(reply)) e.diagnostic = join(e.diagnostic, reply);
                    e.remote = t.remote;
                } else if (reply.length() > 0 && (reply.charAt(0) == '4' || reply.charAt(0) == '5')) {
                    t.messageCommand = lastCmd;
                    t.messageReply = join(t.messageReply, reply);
                }
                continue;
            }
            Matcher s = SUMMARY.matcher(line);
            if (s.find()) {
                Entry e = t.entry(Addresses.normalise(s.group(2)));
                // "554 <addr>... Remote protocol error" follows the reply or local output that caused it
                String cause = join(t.messageReply, localOutput);
                if (e.diagnostic.isEmpty()) e.diagnostic = cause.isEmpty() ? line : cause + " " + line;
                localOutput = "";
                if (e.remote.isEmpty()) e.remote = t.remote;
                if (e.command.isEmpty() && !lastCmd.isEmpty()) e.command = lastCmd;
                continue;
            }
            Matcher nc = NO_CODE.matcher(line);
            if (nc.find()) {
                // "<addr>... Deferred: Name server: host: host name lookup failure"
                Entry e = t.entry(Addresses.normalise(nc.group(1)));
                if (e.diagnostic.isEmpty()) e.diagnostic = nc.group(2);
                continue;
            }
            if (inTranscript && !tk.find(0)) {
                // a local mailer's own words ("mail.local: unknown user: x") or a failure for a
                // program or file recipient ("554 "|/usr/bin/procmail"... Service unavailable")
                if (line.length() > 4 && line.charAt(3) == ' ' && Character.isDigit(line.charAt(0))) {
                    t.messageReply = join(t.messageReply, join(localOutput, line));
                    localOutput = "";
                } else {
                    localOutput = join(localOutput, line);
                }
                continue;
            }
            if (inList) {
                if (!raw.startsWith(" ") && !raw.startsWith("\t") && line.indexOf('@') > 0) {
                    listAddr = Addresses.extract(line);
                    if (!listAddr.isEmpty()) t.entry(listAddr);
                } else if (line.startsWith("(reason:") && !listAddr.isEmpty()) {
                    Entry e = t.entry(listAddr);
                    String r = line.substring(8, line.endsWith(")") ? line.length() - 1 : line.length()).strip();
                    if (e.diagnostic.isEmpty()) e.diagnostic = r;
                }
            }
        }
        return t;
    }

    private Entry entry(String addr) {
        Entry e = byAddress.computeIfAbsent(addr.toLowerCase(Locale.ROOT), k -> new Entry());
        if (e.address.isEmpty()) e.address = addr;
        return e;
    }

    Entry get(String addr) {
        return byAddress.get(addr.toLowerCase(Locale.ROOT));
    }

    /** Fills command, remote MTA and (when empty) diagnostic of {@code b} from the transcript. */
    void complete(DeliveryStatus.Builder b) {
        Entry e = get(b.recipient());
        String entryDiag = e != null ? e.diagnostic : "";
        if (b.diagnostic().isEmpty()) {
            b.diagnostic(Texts.collapse(entryDiag.isEmpty() ? messageReply : entryDiag));
        } else {
            // The Diagnostic-Code field often keeps only the first line of a multi-line reply.
            String current = Texts.collapse(b.diagnostic());
            for (String candidate : new String[] {entryDiag, messageReply}) {
                String c = Texts.collapse(candidate);
                if (c.length() > current.length() && c.startsWith(current)) b.diagnostic(c);
            }
        }
        String cmd = e != null && !e.command.isEmpty() ? e.command : messageCommand;
        if (!cmd.isEmpty()) b.command(cmd);
        String r = e != null && !e.remote.isEmpty() ? e.remote : remote;
        if (b.remoteMta().isEmpty()) b.remoteMta(r);
    }

    /** Recipients named by the transcript, in order of appearance. */
    List<DeliveryStatus.Builder> recipients() {
        List<DeliveryStatus.Builder> out = new ArrayList<>();
        for (Entry e : byAddress.values()) {
            if (e.address.indexOf('@') <= 0) continue;
            DeliveryStatus.Builder b = DeliveryStatus.builder().recipient(e.address);
            complete(b);
            out.add(b);
        }
        return out;
    }

    private static String command(String c) {
        String u = c.toUpperCase(Locale.ROOT);
        if (u.startsWith("RCPT")) return "RCPT";
        if (u.startsWith("MAIL")) return "MAIL";
        if (u.startsWith("DATA") || u.equals(".")) return "DATA";
        if (u.startsWith("EHLO")) return "EHLO";
        if (u.startsWith("HELO")) return "HELO";
        if (u.startsWith("STARTTLS")) return "STARTTLS";
        return "";
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + " " + b;
    }
}

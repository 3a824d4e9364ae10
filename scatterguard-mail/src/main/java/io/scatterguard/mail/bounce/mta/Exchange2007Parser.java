package io.scatterguard.mail.bounce.mta;

import io.scatterguard.mail.bounce.BounceParser;
import io.scatterguard.mail.bounce.BounceReport;
import io.scatterguard.mail.bounce.DeliveryStatus;
import io.scatterguard.mail.bounce.Reason;
import io.scatterguard.mail.bounce.rfc.DsnReport;
import io.scatterguard.mail.bounce.rfc.FailedCommand;
import io.scatterguard.mail.model.Addresses;
import io.scatterguard.mail.model.Headers;
import io.scatterguard.mail.parse.ParsedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Exchange Server 2007 and later, Exchange Online / Office 365 and Outlook.com
 * non-delivery reports. The human part ("Delivery has failed to these recipients or groups:",
 * "Delivery has failed to these recipients or distribution lists:", "Your message to ... couldn't
 * be delivered.", and the German, French, Spanish, Italian, Portuguese and Japanese
 * translations) is followed by "Diagnostic information for administrators:", "Generating server:
 * host", each recipient's address on its own line and the remote reply ("#550 5.1.1
 * RESOLVER.ADR.RecipNotFound; not found ##" or "Remote Server returned '550 5.1.10 ...'"), then
 * "Original message headers:". The delivery-status part, when present, is combined. Exchange's
 * NDR codes that name a reason (RESOLVER.ADR.RecipNotFound, RESOLVER.RST.RecipSizeLimit,
 * QUEUE.Expired, ...) are kept as the reason.
 *
 * <p>Reported as "Office365" when Exchange Online's cross-tenant headers are present.
 */
public final class Exchange2007Parser implements BounceParser {
    private static final String[] SUBJECTS = {
        "undeliverable:", "undelivered:", "unzustellbar:", "non remis :", "non remis:", "no se puede entregar:",
        "impossible de remettre", "não entregue:", "non recapitabile:", "配信不能:", "delivery has failed"
    };
    private static final String[] ADMIN = {
        "Diagnostic information for administrators:", "Diagnoseinformationen für Administratoren:",
        "Informations de diagnostic pour les administrateurs", "Información de diagnóstico para administradores:",
        "Informazioni di diagnostica per gli amministratori:", "Informações de diagnóstico para administradores:",
        "管理者向けの診断情報:"
    };
    private static final String[] ENDS = {
        "Original message headers:", "Ursprüngliche Nachrichtenkopfzeilen:", "En-têtes de message d'origine :",
        "Encabezados del mensaje original:", "Intestazioni originali del messaggio:", "Cabeçalhos da mensagem original:",
        "元のメッセージ ヘッダー:", "Content-Type: message/delivery-status", "Content-Type: message/rfc822",
        "Content-Type: text/rfc822-headers", "Content-Type: text/html"
    };

    private static final Pattern REMOTE = Pattern.compile("Remote Server at (\\S+)");

    @Override
    public String name() {
        return "Exchange2007";
    }

    @Override
    public boolean appliesTo(ParsedMessage m) {
        return m.headers().has("X-MS-Exchange-Message-Is-Ndr") || BounceText.startsWithAny(m.subjectLower(), SUBJECTS);
    }

    @Override
    public Optional<BounceReport> parse(ParsedMessage m) {
        String body = BounceText.body(m);
        int admin = BounceText.indexOfAny(body, 0, ADMIN);
        if (admin < 0) return Optional.empty();
        String region = BounceText.region(body.substring(admin), null, ENDS);
        String generating = "";
        List<DeliveryStatus.Builder> rcpts = new ArrayList<>();
        DeliveryStatus.Builder cur = null;
        StringBuilder open = null;
        for (String line : BounceText.lines(region)) {
            String t = line.strip();
            if (t.isEmpty() || BounceText.containsAny(t, ADMIN)) continue;
            int colon = t.indexOf(':');
            if (t.startsWith("Generating server:") || (colon > 0 && t.startsWith("Generating") )) {
                generating = t.substring(colon + 1).strip();
                continue;
            }
            if (t.indexOf(' ') < 0 && t.indexOf('@') > 0) {
                String addr = Addresses.extract(t);
                if (!addr.isEmpty()) {
                    cur = DeliveryStatus.builder().recipient(addr).action("failed");
                    rcpts.add(cur);
                    continue;
                }
            }
            if (cur == null) continue;
            if (open != null) {
                // a quoted reply wrapped over several lines
                open.append(' ').append(t);
                if (t.endsWith("'")) {
                    cur.diagnostic(cleanReply(open.toString()));
                    open = null;
                }
            } else if (cur.diagnostic().isEmpty()) {
                if (t.indexOf(' ') < 0 && t.indexOf('.') > 0 && cur.remoteMta().isEmpty()) {
                    cur.remoteMta(t); // newer NDRs name the remote server on its own line
                    continue;
                }
                Matcher r = REMOTE.matcher(t);
                if (r.find()) cur.remoteMta(r.group(1));
                if (t.contains("returned '") && !t.endsWith("'")) {
                    open = new StringBuilder(t);
                } else {
                    cur.diagnostic(cleanReply(t));
                }
            }
        }
        for (DeliveryStatus.Builder b : rcpts) {
            b.command(FailedCommand.find(b.diagnostic()));
            b.reason(reasonOf(b.diagnostic()));
        }
        DsnReport dsn = BounceText.dsn(m);
        rcpts = BounceText.merge(rcpts, dsn);
        String reporting = dsn.reportingMta().isEmpty() ? generating : dsn.reportingMta();
        return BounceText.report(isOffice365(m.headers()) ? "Office365" : name(), reporting, rcpts,
                BounceText.originalAfter(m, ENDS[0], ENDS[1], ENDS[2], ENDS[3], ENDS[4], ENDS[5], ENDS[6]));
    }

    /** Exchange's enhanced NDR codes (component.category.detail) that name the reason. */
    private static final String[][] NDR_CODES = {
        {"RESOLVER.ADR.RecipNotFound", "USERUNKNOWN"}, {"RESOLVER.ADR.RecipientNotFound", "USERUNKNOWN"},
        {"RESOLVER.ADR.ExRecipNotFound", "USERUNKNOWN"}, {"RESOLVER.RST.RecipSizeLimit", "MESGTOOBIG"},
        {"RESOLVER.RST.SendSizeLimit", "MESGTOOBIG"}, {"QUEUE.Expired", "EXPIRED"},
        {"RESOLVER.RST.AuthRequired", "SECURITYERROR"}, {"SMTPSEND.DNS.NonExistentDomain", "HOSTUNKNOWN"},
        {"QuotaExceeded", "MAILBOXFULL"}
    };

    private static Reason reasonOf(String diagnostic) {
        for (String[] c : NDR_CODES) {
            if (diagnostic.contains(c[0])) return Reason.valueOf(c[1]);
        }
        return null;
    }

    /** "#550 5.1.1 RESOLVER...; not found ##" and "Remote Server returned '...'" reduced to the reply. */
    private static String cleanReply(String t) {
        String s = t;
        if (s.startsWith("#")) s = s.substring(1);
        if (s.endsWith("##")) s = s.substring(0, s.length() - 2);
        s = s.replace("= ", "").replace("=\n", ""); // quoted-printable soft breaks left in nested parts
        int q = s.indexOf("returned '");
        if (q >= 0 && s.endsWith("'")) s = s.substring(q + 10, s.length() - 1);
        return s.strip();
    }

    private static boolean isOffice365(Headers h) {
        for (Headers.Field f : h.fields()) {
            if (f.name().regionMatches(true, 0, "X-MS-Exchange-CrossTenant", 0, 25)) return true;
        }
        return false;
    }
}

package io.scatterguard.gateway.check.builtin;

import io.scatterguard.mail.batv.BatvAddress;
import io.scatterguard.mail.model.Addresses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who we accept mail for: a list of full addresses ({@code alice@example.com}) and catch-all
 * domains ({@code @example.org}). The domains named in it are "our" domains; anything else is
 * relaying, which an MX front end refuses. Local parts compare case-insensitively, as nearly every
 * real mail store does.
 */
public final class RecipientDirectory {
    private final Set<String> addresses = new HashSet<>();
    private final Set<String> catchAll = new HashSet<>();
    private final Set<String> domains = new HashSet<>();

    public RecipientDirectory(List<String> entries) {
        for (String raw : entries) {
            String e = raw.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty() || e.startsWith("#")) continue;
            if (e.startsWith("@")) {
                catchAll.add(e.substring(1));
                domains.add(e.substring(1));
            } else if (e.indexOf('@') > 0) {
                addresses.add(e);
                domains.add(Addresses.domain(e));
            } else {
                throw new IllegalArgumentException("not an address or @domain: '" + raw.strip() + "'");
            }
        }
    }

    public static RecipientDirectory load(Path file) throws IOException {
        return new RecipientDirectory(Files.readAllLines(file));
    }

    /** The address without a BATV tag, lower-cased: what the directory is keyed on. */
    public static String canonical(String recipient) {
        BatvAddress b = BatvAddress.parse(recipient);
        String addr = b.isTagged() ? b.original() : recipient;
        return addr.toLowerCase(Locale.ROOT);
    }

    public boolean isOurDomain(String recipient) {
        return domains.contains(Addresses.domain(canonical(recipient)));
    }

    public boolean exists(String recipient) {
        String c = canonical(recipient);
        return addresses.contains(c) || catchAll.contains(Addresses.domain(c));
    }

    public Set<String> domains() {
        return Set.copyOf(domains);
    }
}

package io.scatterguard.gateway.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.ReverseMap;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * {@link DnsResolver} on dnsjava: configured servers (or the system's), a per-query timeout, and
 * dnsjava's TTL-respecting cache. NXDOMAIN and NODATA are answers ("not listed"); timeouts and
 * server failures throw {@link DnsFailure}, which the check chain turns into a 451 and SPF into
 * {@code temperror}.
 */
public final class DnsJavaResolver implements DnsResolver {
    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    public DnsJavaResolver(List<InetSocketAddress> servers, Duration timeout) throws UnknownHostException {
        Resolver r;
        if (servers.isEmpty()) {
            r = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            for (InetSocketAddress s : servers) {
                SimpleResolver sr = new SimpleResolver(s);
                sr.setTimeout(timeout);
                each.add(sr);
            }
            r = new ExtendedResolver(each);
        }
        r.setTimeout(timeout);
        this.resolver = r;
    }

    @Override
    public List<String> a(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (Record rec : lookup(name, Type.A)) {
            if (rec instanceof ARecord a) out.add(a.getAddress().getHostAddress());
        }
        return out;
    }

    @Override
    public List<String> aaaa(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (Record rec : lookup(name, Type.AAAA)) {
            if (rec instanceof AAAARecord a) out.add(a.getAddress().getHostAddress());
        }
        return out;
    }

    /** Raw octets, not dnsjava's {@code getStrings()}, which escapes quotes and non-printable bytes. */
    @Override
    public List<String> txt(String name) throws IOException {
        List<String> out = new ArrayList<>();
        for (Record rec : lookup(name, Type.TXT)) {
            if (rec instanceof TXTRecord t) {
                StringBuilder sb = new StringBuilder();
                for (byte[] piece : t.getStringsAsByteArrays()) sb.append(new String(piece, StandardCharsets.ISO_8859_1));
                out.add(sb.toString());
            }
        }
        return out;
    }

    @Override
    public List<String> mx(String name) throws IOException {
        Record[] answers = lookup(name, Type.MX);
        Arrays.sort(answers, Comparator.comparingInt(r -> r instanceof MXRecord m ? m.getPriority() : Integer.MAX_VALUE));
        List<String> out = new ArrayList<>();
        for (Record rec : answers) {
            if (rec instanceof MXRecord m) out.add(text(m.getTarget()));
        }
        return out;
    }

    @Override
    public List<String> ptr(InetAddress address) throws IOException {
        List<String> out = new ArrayList<>();
        for (Record rec : lookup(ReverseMap.fromAddress(address), Type.PTR)) {
            if (rec instanceof PTRRecord p) out.add(text(p.getTarget()));
        }
        return out;
    }

    /** A name without its final dot; the root (a null MX's exchange) is the empty string. */
    private static String text(Name n) {
        return n.equals(Name.root) ? "" : n.toString(true);
    }

    private Record[] lookup(String name, int type) throws IOException {
        Name n;
        try {
            n = Name.fromString(name.endsWith(".") ? name : name + ".");
        } catch (TextParseException e) {
            return new Record[0]; // not a valid name: nothing can be listed under it
        }
        return lookup(n, type);
    }

    private Record[] lookup(Name name, int type) throws IOException {
        Lookup l = new Lookup(name, type);
        l.setResolver(resolver);
        l.setCache(cache);
        l.setSearchPath((Name[]) null);
        Record[] answers = l.run();
        return switch (l.getResult()) {
            case Lookup.SUCCESSFUL -> answers;
            case Lookup.HOST_NOT_FOUND, Lookup.TYPE_NOT_FOUND -> new Record[0];
            default -> throw new DnsFailure("DNS look-up of " + name + " failed: " + l.getErrorString());
        };
    }
}

package io.scatterguard.gateway.spf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.scatterguard.gateway.dns.DnsResolver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link DnsResolver} that answers from zone data in the openspf test suite's format, as the pyspf
 * driver does: a name maps to a list of records ({@code A: 192.0.2.1}, {@code MX: [10, mx.test]},
 * {@code TXT: "text"} or a list of character-strings, {@code CNAME: target}, ...). Semantics:
 * <ul>
 *   <li>an unknown name is NXDOMAIN, a known name without records of the type is NODATA (both empty);
 *   <li>{@code SPF} records are served as TXT unless the name has TXT data of its own ({@code TXT:
 *       NONE} counts as such, and means "no TXT record");
 *   <li>a bare {@code TIMEOUT} entry makes the query fail ({@link DnsResolver.DnsFailure}) unless a
 *       record of the queried type came before it; records after it are not seen;
 *   <li>CNAMEs are followed for every type; a chain longer than 10 (a loop) is a DNS failure.
 * </ul>
 * Names are compared case-insensitively; trailing dots are ignored. Counts every query, so tests can
 * assert how many look-ups an evaluation made.
 */
final class ZoneResolver implements DnsResolver {
    private final Map<String, List<JsonNode>> zone = new HashMap<>();
    private int queries;

    ZoneResolver(JsonNode zonedata) {
        for (Map.Entry<String, JsonNode> e : zonedata.properties()) {
            List<JsonNode> recs = new ArrayList<>();
            e.getValue().forEach(recs::add);
            zone.put(normal(e.getKey()), recs);
        }
    }

    /** Zone data written as YAML, in the suite's format. */
    static ZoneResolver of(String yaml) {
        try {
            return new ZoneResolver(new ObjectMapper(new YAMLFactory()).readTree(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int queries() {
        return queries;
    }

    @Override
    public List<String> a(String name) throws IOException {
        return lookup(name, "A", 0);
    }

    @Override
    public List<String> aaaa(String name) throws IOException {
        return lookup(name, "AAAA", 0);
    }

    @Override
    public List<String> txt(String name) throws IOException {
        return lookup(name, "TXT", 0);
    }

    @Override
    public List<String> mx(String name) throws IOException {
        return lookup(name, "MX", 0);
    }

    @Override
    public List<String> ptr(InetAddress address) throws IOException {
        return lookup(reverseName(address), "PTR", 0);
    }

    private static String reverseName(InetAddress address) {
        byte[] b = address.getAddress();
        StringBuilder sb = new StringBuilder();
        if (address instanceof Inet4Address) {
            for (int i = 3; i >= 0; i--) sb.append(b[i] & 0xff).append('.');
            return sb.append("in-addr.arpa").toString();
        }
        for (int i = 15; i >= 0; i--) {
            sb.append(Character.forDigit(b[i] & 0xf, 16)).append('.').append(Character.forDigit((b[i] >> 4) & 0xf, 16)).append('.');
        }
        return sb.append("ip6.arpa").toString();
    }

    private static String normal(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private List<String> lookup(String name, String type, int depth) throws IOException {
        if (depth == 0) queries++;
        if (depth > 10) throw new DnsFailure("CNAME loop at " + name);
        List<JsonNode> recs = zone.get(normal(name));
        List<String> out = new ArrayList<>();
        if (recs == null) return out;
        boolean hasTxt = recs.stream().anyMatch(r -> r.has("TXT"));
        for (JsonNode r : recs) {
            if (r.isTextual() && r.asText().equals("TIMEOUT")) {
                if (out.isEmpty()) throw new DnsFailure("simulated timeout for " + name + " " + type);
                break;
            }
            String key = r.fieldNames().next();
            JsonNode v = r.get(key);
            if (key.equals("CNAME")) return lookup(v.asText(), type, depth + 1);
            boolean wanted = key.equals(type) || (key.equals("SPF") && type.equals("TXT") && !hasTxt);
            if (!wanted) continue;
            if (v.isTextual() && v.asText().equals("TIMEOUT")) throw new DnsFailure("simulated timeout for " + name + " " + type);
            if (v.isTextual() && v.asText().equals("NONE")) continue;
            switch (key) {
                case "MX" -> out.add(normal(v.get(1).asText()));
                case "PTR" -> out.add(normal(v.asText()));
                case "TXT", "SPF" -> {
                    StringBuilder sb = new StringBuilder();
                    if (v.isArray()) v.forEach(piece -> sb.append(piece.asText()));
                    else sb.append(v.asText());
                    out.add(sb.toString());
                }
                default -> out.add(v.asText());
            }
        }
        return out;
    }
}

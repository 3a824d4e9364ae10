package io.scatterguard.gateway.milter;

import static io.scatterguard.gateway.milter.MilterProtocol.*;

import java.util.HashMap;
import java.util.Map;

/**
 * The macros the MTA sent on one connection ({@code {client_addr}}, {@code {auth_authen}},
 * {@code i}...), kept per stage and looked up as libmilter's {@code smfi_getsymval} does: the most
 * recent stage first. Names are given with or without braces. The message stages are forgotten at
 * SMFIC_ABORT and after end of message; the connection stages live until the connection ends.
 */
public final class Macros {
    private static final char[] LOOKUP_ORDER = {SMFIC_BODYEOB, SMFIC_EOH, SMFIC_DATA, SMFIC_RCPT, SMFIC_MAIL,
            SMFIC_HELO, SMFIC_CONNECT};

    private final Map<Character, Map<String, String>> byStage = new HashMap<>();

    /** Sets the macros of one stage, replacing what that stage had before. */
    void define(char stage, Map<String, String> values) {
        Map<String, String> m = new HashMap<>();
        values.forEach((k, v) -> m.put(bare(k), v));
        byStage.put(stage, m);
    }

    /** Forgets the stages of the message (MAIL onwards), keeping CONNECT and HELO. */
    void clearMessage() {
        byStage.keySet().removeIf(stage -> stage != SMFIC_CONNECT && stage != SMFIC_HELO);
    }

    void clear() {
        byStage.clear();
    }

    /** The macro's value, or "" when the MTA did not send it. */
    public String get(String name) {
        String key = bare(name);
        for (char stage : LOOKUP_ORDER) {
            Map<String, String> m = byStage.get(stage);
            if (m != null && m.containsKey(key)) return m.get(key);
        }
        for (Map<String, String> m : byStage.values()) {
            if (m.containsKey(key)) return m.get(key);
        }
        return "";
    }

    private static String bare(String name) {
        return name.length() > 2 && name.startsWith("{") && name.endsWith("}") ? name.substring(1, name.length() - 1) : name;
    }
}

package io.scatterguard.gateway.check;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The configured check chains of every stage. */
public record Pipeline(
        CheckChain<Contexts.Connect> connect,
        CheckChain<Contexts.Helo> helo,
        CheckChain<Contexts.Mail> mail,
        CheckChain<Contexts.Rcpt> rcpt,
        CheckChain<Contexts.Data> data,
        CheckChain<Contexts.Message> endOfData) {

    /** The names of every configured check, over all stages. */
    public Set<String> checkNames() {
        Set<String> names = new TreeSet<>();
        for (CheckChain<?> c : List.of(connect, helo, mail, rcpt, data, endOfData)) {
            for (CheckChain.Entry<?> e : c.entries()) names.add(e.check().name());
        }
        return names;
    }

    /**
     * This pipeline with the named checks in warn mode: they run and are recorded, but their
     * verdicts are not applied — how a site tries a check on live traffic before enforcing it.
     */
    public Pipeline warning(Set<String> checks) {
        return new Pipeline(connect.withModes(checks), helo.withModes(checks), mail.withModes(checks),
                rcpt.withModes(checks), data.withModes(checks), endOfData.withModes(checks));
    }

    public static Pipeline empty() {
        return new Pipeline(new CheckChain<>(Stage.CONNECT, List.of()), new CheckChain<>(Stage.HELO, List.of()),
                new CheckChain<>(Stage.MAIL, List.of()), new CheckChain<>(Stage.RCPT, List.of()),
                new CheckChain<>(Stage.DATA, List.of()), new CheckChain<>(Stage.END_OF_DATA, List.of()));
    }
}

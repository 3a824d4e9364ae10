package io.scatterguard.gateway.check;

import java.util.List;

/** The configured check chains of every stage. */
public record Pipeline(
        CheckChain<Contexts.Connect> connect,
        CheckChain<Contexts.Helo> helo,
        CheckChain<Contexts.Mail> mail,
        CheckChain<Contexts.Rcpt> rcpt,
        CheckChain<Contexts.Data> data,
        CheckChain<Contexts.Message> endOfData) {

    public static Pipeline empty() {
        return new Pipeline(new CheckChain<>(Stage.CONNECT, List.of()), new CheckChain<>(Stage.HELO, List.of()),
                new CheckChain<>(Stage.MAIL, List.of()), new CheckChain<>(Stage.RCPT, List.of()),
                new CheckChain<>(Stage.DATA, List.of()), new CheckChain<>(Stage.END_OF_DATA, List.of()));
    }
}

package io.scatterguard.mail.verdict;

import java.util.Locale;

/**
 * One finding of the backscatter judge.
 *
 * @param symbol   what was found
 * @param strength how much it weighs: a STRONG finding can decide alone, a WEAK one only tips the
 *                 balance when nothing strong is known, INFO explains
 * @param detail   what exactly was seen, for people
 */
public record JudgeEvidence(JudgeSymbol symbol, Strength strength, String detail) {

    public enum Strength { STRONG, WEAK, INFO }

    /** Evidence with the symbol's own strength. */
    public static JudgeEvidence of(JudgeSymbol symbol, String detail) {
        return new JudgeEvidence(symbol, symbol.strength(), detail);
    }

    @Override
    public String toString() {
        return symbol + " (" + strength.name().toLowerCase(Locale.ROOT) + "): " + detail;
    }
}

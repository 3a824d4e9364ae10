package io.scatterguard.store;

import java.util.Objects;

/**
 * One check's verdict within a transaction, as recorded.
 *
 * @param check   the check's name (e.g. {@code recipients}, {@code spamd})
 * @param verdict the verdict kind in lower case: continue, accept, reject, tempfail, quarantine, discard, disconnect
 * @param symbol  the named finding (e.g. {@code BATV_INVALID}); may be empty
 */
public record CheckResult(String check, String verdict, String symbol) {
    public CheckResult {
        check = Objects.requireNonNullElse(check, "");
        verdict = Objects.requireNonNullElse(verdict, "");
        symbol = Objects.requireNonNullElse(symbol, "");
    }
}

package io.scatterguard.gateway.check;

import io.scatterguard.mail.model.Reply;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one stage's checks in their configured order and stops at the first verdict that is not
 * {@link Verdict.Continue} (Postfix's restriction lists: OK / REJECT / DEFER / DUNNO).
 *
 * <p>Never accepts on error: a check that throws leaves a pending temporary failure (451 4.3.0).
 * A later definitive refusal still wins, but anything that would let the message through (no
 * objection, accept, quarantine, discard) becomes that temporary failure instead. A check in warn
 * mode is run and recorded, but its verdict is not applied.
 *
 * @param <C> the stage's context type
 */
public final class CheckChain<C> {
    /** A check with the mode it is configured in. */
    public record Entry<C>(Check<C> check, Mode mode) {}

    private final Stage stage;
    private final List<Entry<C>> entries;

    public CheckChain(Stage stage, List<Entry<C>> entries) {
        this.stage = stage;
        this.entries = List.copyOf(entries);
    }

    public Stage stage() {
        return stage;
    }

    public List<Entry<C>> entries() {
        return entries;
    }

    /** This chain with the named checks switched to warn mode. */
    CheckChain<C> withModes(java.util.Set<String> warn) {
        return new CheckChain<>(stage, entries.stream()
                .map(e -> warn.contains(e.check().name()) ? new Entry<>(e.check(), Mode.WARN) : e).toList());
    }

    public ChainResult run(C context) {
        List<Verdict> verdicts = new ArrayList<>(entries.size());
        List<Verdict> warnings = new ArrayList<>(2);
        Verdict.TempFail pending = null;
        for (Entry<C> e : entries) {
            String name = e.check().name();
            Verdict v;
            try {
                v = e.check().evaluate(context);
                if (v == null) throw new IllegalStateException("check returned no verdict");
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                v = checkFailed(name, ie);
            } catch (Exception | StackOverflowError ex) {
                v = checkFailed(name, ex);
            }
            verdicts.add(v);
            if (v instanceof Verdict.Continue) continue;
            if (e.mode() == Mode.WARN) {
                warnings.add(v);
                continue;
            }
            if (v instanceof Verdict.TempFail t && "CHECK_ERROR".equals(t.symbol())) {
                if (pending == null) pending = t;
                continue;
            }
            boolean letsThrough = v instanceof Verdict.Accept || v instanceof Verdict.Quarantine
                    || v instanceof Verdict.Discard;
            return new ChainResult(letsThrough && pending != null ? pending : v, verdicts, warnings);
        }
        Verdict decision = pending != null ? pending : Verdict.noOpinion("chain:" + stage.name().toLowerCase());
        return new ChainResult(decision, verdicts, warnings);
    }

    private Verdict.TempFail checkFailed(String check, Throwable cause) {
        return new Verdict.TempFail(check, "CHECK_ERROR", Reply.of(451, "4.3.0",
                "Temporary failure in check " + check + " (" + cause.getClass().getSimpleName() + "); try again later"));
    }
}

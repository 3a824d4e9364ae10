package io.scatterguard.gateway.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.scatterguard.mail.model.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckChainTest {
    private static final Reply REJECT = Reply.of(550, "5.7.1", "refused");

    private static Check<String> check(String name, Verdict v) {
        return new Check<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict evaluate(String ctx) {
                return v;
            }
        };
    }

    private static Check<String> failing(String name) {
        return new Check<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Verdict evaluate(String ctx) throws Exception {
                throw new java.net.SocketTimeoutException("dns timeout");
            }
        };
    }

    private static CheckChain<String> chain(Object... checksAndModes) {
        List<CheckChain.Entry<String>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < checksAndModes.length; i += 2) {
            @SuppressWarnings("unchecked")
            Check<String> c = (Check<String>) checksAndModes[i];
            entries.add(new CheckChain.Entry<>(c, (Mode) checksAndModes[i + 1]));
        }
        return new CheckChain<>(Stage.RCPT, entries);
    }

    @Test
    void firstVerdictThatIsNotContinueDecides() {
        var r = chain(check("a", new Verdict.Continue("a", "")), Mode.ENFORCE,
                check("b", new Verdict.Reject("b", "B_SYMBOL", REJECT)), Mode.ENFORCE,
                check("c", new Verdict.Accept("c", "C")), Mode.ENFORCE).run("x");
        assertThat(r.decision()).isInstanceOf(Verdict.Reject.class);
        assertThat(r.decision().check()).isEqualTo("b");
        assertThat(r.verdicts()).hasSize(2);
        assertThat(r.proceeds()).isFalse();
    }

    @Test
    void warnModeRecordsButDoesNotApply() {
        var r = chain(check("strict", new Verdict.Reject("strict", "S", REJECT)), Mode.WARN,
                check("b", new Verdict.Continue("b", "")), Mode.ENFORCE).run("x");
        assertThat(r.decision()).isInstanceOf(Verdict.Continue.class);
        assertThat(r.warnings()).singleElement().extracting(Verdict::symbol).isEqualTo("S");
        assertThat(r.proceeds()).isTrue();
    }

    @Test
    void anErrorNeverLetsTheMessageThrough() {
        var accepted = chain(failing("dnsbl"), Mode.ENFORCE, check("ok", new Verdict.Accept("ok", "OK")), Mode.ENFORCE).run("x");
        assertThat(accepted.decision()).isInstanceOfSatisfying(Verdict.TempFail.class, t -> {
            assertThat(t.reply().code()).isEqualTo(451);
            assertThat(t.reply().status()).isEqualTo("4.3.0");
            assertThat(t.check()).isEqualTo("dnsbl");
        });
        var quiet = chain(failing("dnsbl"), Mode.ENFORCE, check("n", new Verdict.Continue("n", "")), Mode.ENFORCE).run("x");
        assertThat(quiet.decision()).isInstanceOf(Verdict.TempFail.class);
        var quarantined = chain(failing("spamd"), Mode.ENFORCE,
                check("q", new Verdict.Quarantine("q", "Q", "suspicious")), Mode.ENFORCE).run("x");
        assertThat(quarantined.decision()).isInstanceOf(Verdict.TempFail.class);
    }

    @Test
    void aDefinitiveRefusalStillWinsOverAnEarlierError() {
        var r = chain(failing("dnsbl"), Mode.ENFORCE, check("rcpt", new Verdict.Reject("rcpt", "UNKNOWN", REJECT)), Mode.ENFORCE)
                .run("x");
        assertThat(r.decision()).isInstanceOf(Verdict.Reject.class);
    }

    @Test
    void noChecksMeansNoObjection() {
        assertThat(chain().run("x").decision()).isInstanceOf(Verdict.Continue.class);
    }

    @Test
    void verdictsDemandMatchingReplyClasses() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Verdict.Reject("c", "S", Reply.of(451, "4.7.1", "later")))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Reply.of(550, "4.1.1", "mismatch"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Reply.of(550, "5.7.1", "first\nsecond").lines()).containsExactly("550-5.7.1 first", "550 5.7.1 second");
    }
}

package io.scatterguard.mail.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PhraseAutomatonTest {
    private static List<Integer> found(PhraseAutomaton a, String text) {
        List<Integer> ids = new ArrayList<>();
        a.scan(text, id -> {
            ids.add(id);
            return true;
        });
        return ids;
    }

    @Test
    void findsEveryPhraseIncludingOverlapsAndSuffixes() {
        PhraseAutomaton a = PhraseAutomaton.of(List.of("user unknown", "unknown", "mailbox full", "no such user"));
        assertThat(found(a, " 550 5.1.1 <a@b>... user unknown; mailbox full ")).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(found(a, "Ünïcode – no match")).isEmpty();
    }

    @Test
    void handlesNonAsciiPhrases() {
        PhraseAutomaton a = PhraseAutomaton.of(List.of("宛先不明", "zustellbar"));
        assertThat(found(a, "エラー: 宛先不明です")).containsExactly(0);
        assertThat(found(a, "nicht zustellbar")).containsExactly(1);
    }

    @Test
    void stopsWhenAsked() {
        PhraseAutomaton a = PhraseAutomaton.of(List.of("a", "b"));
        List<Integer> seen = new ArrayList<>();
        a.scan("ababab", id -> {
            seen.add(id);
            return false;
        });
        assertThat(seen).containsExactly(0);
    }

    /** Agrees with String.contains on random texts over a small alphabet, where overlaps abound. */
    @Test
    void agreesWithContains() {
        Random r = new Random(42);
        List<String> phrases = List.of("ab", "bab", "abba", "c", "aab", "bbb");
        PhraseAutomaton a = PhraseAutomaton.of(phrases);
        for (int n = 0; n < 500; n++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 12; i++) sb.append("abc ".charAt(r.nextInt(4)));
            String text = sb.toString();
            List<Integer> got = found(a, text);
            for (int id = 0; id < phrases.size(); id++) {
                assertThat(got.contains(id)).as(text + " / " + phrases.get(id)).isEqualTo(text.contains(phrases.get(id)));
            }
        }
    }
}

package io.scatterguard.mail.parse.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTextTest {
    @Test
    void keepsTextDropsMarkupAndActiveContent() {
        String html = "<html><head><title>t</title><style>p{}</style></head><body>"
                + "<script>alert('x')</script><p>Delivery&nbsp;to <b>bob@example.org</b> failed.</p>"
                + "<!-- hidden --><table><tr><td>550</td><td>5.1.1 User&#32;unknown</td></tr></table>"
                + "a &lt; b &amp; c &#x41; <br>next line<img src=\"http://tracker.example/x.gif\"></body></html>";
        String text = HtmlText.toText(html);
        assertThat(text).contains("Delivery to bob@example.org failed.\n")
                .contains("550 5.1.1 User unknown")
                .contains("a < b & c A\nnext line")
                .doesNotContain("alert").doesNotContain("hidden").doesNotContain("tracker").doesNotContain("p{}");
    }

    @Test
    void toleratesBrokenMarkup() {
        assertThat(HtmlText.toText("1 < 2 and <b unclosed")).isEqualTo("1 < 2 and <b unclosed\n");
        assertThat(HtmlText.toText("<script>never closed")).isEmpty();
        assertThat(HtmlText.toText("&bogus; &#xZZ;")).isEqualTo("&bogus; &#xZZ;\n");
    }
}

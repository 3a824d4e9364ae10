package io.scatterguard.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A message built to attack whoever looks at it — scripts, event handlers, remote images, frames,
 * styles, a hostile subject — is shown as inert text: the page contains none of it as markup, and
 * the Content-Security-Policy would stop it anyway.
 */
class InertMessageTest extends ConsoleTestBase {
    private static final String HOSTILE_SUBJECT = "<script>alert('subject')</script><img src=x onerror=alert(5)>";
    private static final String HTML_BODY = "MIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
            + "<html><head><script>alert('xss')</script><style>body{background:url(http://evil.example/bg.png)}</style>"
            + "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/\"></head>"
            + "<body onload=\"steal()\"><p>Hello <b>friend</b>, your invoice is attached.</p>"
            + "<img src=\"http://tracker.example/pixel.png\" onerror=\"alert(2)\">"
            + "<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">click here</a>"
            + "<iframe src=\"http://evil.example/frame\"></iframe><svg onload=\"alert(6)\"></svg></body></html>\r\n";

    @Test
    void hostileHtmlRendersAsText() throws Exception {
        long id = quarantine(HOSTILE_SUBJECT, HTML_BODY);
        ConsoleClient c = signedIn();
        for (String path : new String[] {"/quarantine/" + id, "/quarantine", "/quarantine/" + id + "/release",
                "/quarantine/" + id + "/delete"}) {
            HttpResponse<String> r = c.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            String page = r.body();
            assertMarkupIsOurs(page, path);
            assertThat(page).as(path).contains("&lt;script&gt;alert(&#39;subject&#39;)&lt;/script&gt;");
            assertStrictHeaders(r);
        }
        String detail = c.get("/quarantine/" + id).body();
        assertThat(detail).contains("Hello friend, your invoice is attached.").contains("click here");

        HttpResponse<String> json = c.get("/api/quarantine/" + id + "/view");
        assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        // JSON carries data, never rendered as a page (nosniff); its text has no markup left in it
        String text = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.body()).get("text").asText();
        assertThat(text).contains("Hello friend").doesNotContain("<").doesNotContain("alert").doesNotContain("tracker.example");
        assertStrictHeaders(json);

        HttpResponse<String> raw = c.get("/api/quarantine/" + id + "/raw");
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"quarantine-" + id + ".eml\"");
        assertThat(raw.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(raw.headers().firstValue("Content-Security-Policy").orElse("")).startsWith("sandbox");
        assertThat(raw.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    /**
     * Every tag in the page (text is escaped, so every '<' starts real markup) is one the console
     * writes: no element from the message, no event handler, no script, image or stylesheet but our
     * own files, no link out of the console.
     */
    static void assertMarkupIsOurs(String page, String path) {
        Matcher m = TAG.matcher(page);
        int tags = 0;
        while (m.find()) {
            tags++;
            String tag = m.group(1).toLowerCase(java.util.Locale.ROOT);
            String attrs = m.group(2);
            assertThat(OUR_TAGS).as(path + ": " + m.group()).contains(tag);
            assertThat(attrs).as(path + ": " + m.group()).doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
                    .doesNotContainIgnoringCase("javascript:").doesNotContainIgnoringCase("http-equiv")
                    .doesNotContainIgnoringCase("style=");
            Matcher ref = Pattern.compile("(?i)\\s(src|href|action)=\"([^\"]*)\"").matcher(attrs);
            while (ref.find()) {
                assertThat(ref.group(2)).as(path + ": " + m.group()).startsWith("/").doesNotStartWith("//");
                if (tag.equals("script") || tag.equals("img") || tag.equals("link")) {
                    assertThat(ref.group(2)).as(path + ": " + m.group()).matches("/static/[a-z.]+");
                }
            }
        }
        assertThat(tags).as(path).isGreaterThan(20);
    }

    private static final Pattern TAG = Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)((?:\\s[^>]*)?)>");
    private static final java.util.Set<String> OUR_TAGS = java.util.Set.of("html", "head", "meta", "title", "link", "body",
            "header", "nav", "main", "footer", "section", "div", "span", "a", "img", "form", "input", "button", "label", "select",
            "option", "h1", "h2", "h3", "p", "pre", "dl", "dt", "dd", "ul", "li", "table", "thead", "tbody", "tr", "th", "td",
            "strong", "code", "canvas", "script");

    static void assertStrictHeaders(HttpResponse<String> r) {
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp).contains("default-src 'none'").contains("script-src 'self'").contains("img-src 'self'")
                .contains("frame-ancestors 'none'").contains("form-action 'self'").contains("base-uri 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http:").doesNotContain("*");
        assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
    }
}

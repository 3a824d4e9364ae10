package io.scatterguard.console.internal;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The pages' common frame (top bar, navigation, sign-out form, footer) and small formatting helpers.
 * Pages are rendered on the server from escaped text ({@link Html}); the only scripts are static
 * files of our own, so the Content-Security-Policy can forbid everything else.
 */
final class Pages {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final String[][] NAV = {
        {"/dashboard", "Dashboard"}, {"/quarantine", "Quarantine"}, {"/audit", "Audit trail"}, {"/config", "Configuration"}};

    private Pages() {}

    /** Renders a page of the signed-in console. */
    static void page(Context ctx, Principal p, String title, String active, Consumer<Html> body) {
        Html h = new Html();
        head(h, title);
        h.open("body");
        h.open("header", "class", "topbar").open("div", "class", "wrap bar");
        h.open("a", "class", "brand", "href", "/dashboard").empty("img", "src", "/static/logo.svg", "alt", "", "width", "26",
                "height", "26").text("Scatterguard").close("a");
        h.open("nav", "aria-label", "Main");
        for (String[] n : NAV) h.a(n[0], n[1], "class", n[0].equals(active) ? "active" : null);
        h.close("nav");
        h.open("div", "class", "who").el("span", p.username(), "class", "user");
        if (p.session() != null) {
            h.open("form", "method", "post", "action", "/logout", "class", "inline").csrf(p.session().csrf)
                    .el("button", "Sign out", "type", "submit", "class", "link").close("form");
        }
        h.close("div").close("div").close("header");
        h.open("main", "class", "wrap").el("h1", title);
        body.accept(h);
        h.close("main");
        foot(h);
        ctx.contentType("text/html; charset=utf-8").result(h.toString());
    }

    /** A page outside the signed-in frame (sign-in, errors for anonymous visitors). */
    static void bare(Context ctx, String title, Consumer<Html> body) {
        Html h = new Html();
        head(h, title);
        h.open("body", "class", "bare").open("main", "class", "narrow");
        h.open("div", "class", "brand big").empty("img", "src", "/static/logo.svg", "alt", "", "width", "40", "height", "40")
                .text("Scatterguard").close("div");
        body.accept(h);
        h.close("main");
        foot(h);
        ctx.contentType("text/html; charset=utf-8").result(h.toString());
    }

    private static void head(Html h, String title) {
        h.doctype().open("html", "lang", "en").open("head").empty("meta", "charset", "utf-8")
                .empty("meta", "name", "viewport", "content", "width=device-width, initial-scale=1")
                .el("title", title + " · Scatterguard").empty("link", "rel", "icon", "href", "/static/logo.svg")
                .empty("link", "rel", "stylesheet", "href", "/static/console.css").close("head");
    }

    private static void foot(Html h) {
        h.open("footer", "class", "wrap foot").text("Scatterguard — decisions are made during the SMTP transaction; "
                + "nothing is bounced.").close("footer").close("body").close("html");
    }

    /**
     * Answers an error: {@code {"error": message}} for the API and metrics, else a small page (in the
     * console's frame when someone is signed in).
     */
    static void error(Context ctx, int status, String message) {
        error(ctx, status, message, "");
    }

    static void error(Context ctx, int status, String message, String reason) {
        ctx.status(status);
        if (wantsJson(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", message);
            if (!reason.isEmpty()) body.put("reason", reason);
            ctx.json(body);
            return;
        }
        String title = switch (status) {
            case 400 -> "Bad request";
            case 401 -> "Sign in first";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Not possible now";
            case 429 -> "Too many attempts";
            case 502 -> "Delivery failed";
            default -> "Something went wrong";
        };
        Optional<Principal> p = Gate.known(ctx);
        Consumer<Html> body = h -> h.open("div", "class", "card notice error").el("p", message)
                .open("p").a(p.isPresent() ? "/dashboard" : "/login", p.isPresent() ? "Back to the dashboard" : "Sign in")
                .close("p").close("div");
        if (p.isPresent()) page(ctx, p.get(), title, "", body);
        else bare(ctx, title, body);
        ctx.status(status);
    }

    static boolean wantsJson(Context ctx) {
        String path = ctx.path();
        return path.startsWith("/api/") || path.equals("/metrics");
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    static String time(Optional<Instant> t) {
        return t.map(Pages::time).orElse("");
    }

    static String size(long bytes) {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** A coloured label for an outcome or state (CSS class {@code badge-NAME}). */
    static void badge(Html h, String word) {
        h.el("span", word, "class", "badge badge-" + word.toLowerCase(java.util.Locale.ROOT));
    }

    /** Shortens long text for a table cell; the whole text stays in the title attribute. */
    static void cell(Html h, String text, int max) {
        String t = text == null ? "" : text;
        if (t.length() <= max) {
            h.el("td", t);
        } else {
            h.el("td", t.substring(0, max - 1) + "…", "title", t);
        }
    }
}

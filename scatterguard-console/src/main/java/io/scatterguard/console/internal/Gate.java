package io.scatterguard.console.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.scatterguard.console.Console.Access;
import io.scatterguard.gateway.config.ConfigKeys.MetricsAccess;
import io.scatterguard.store.Credentials;
import io.scatterguard.store.User;
import io.scatterguard.store.UserStore;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a request may reach its route: who is asking (an API token in
 * {@code Authorization: Bearer}, else the session cookie), whether the route needs that, and, for
 * every request that changes something, whether it comes from our own pages (the session's CSRF
 * token, and the Origin / Sec-Fetch-Site headers where the browser sends them). Every route passes
 * here; nothing is allowed unless its route says so.
 */
final class Gate {
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HandlerType> SAFE = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);
    private static final String PRINCIPAL = "scatterguard.principal";

    private final Sessions sessions;
    private final UserStore users;
    private final Clock clock;
    private final boolean tls;
    private final MetricsAccess metrics;

    Gate(Sessions sessions, UserStore users, Clock clock, boolean tls, MetricsAccess metrics) {
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
        this.tls = tls;
        this.metrics = metrics;
    }

    /** The session cookie's name; under TLS with the {@code __Host-} prefix (Secure, whole site, no Domain). */
    String cookieName() {
        return tls ? "__Host-sg_session" : "sg_session";
    }

    static boolean unsafe(HandlerType method) {
        return !SAFE.contains(method);
    }

    /** Who was found to be asking, if the gate has looked already (for error pages). */
    static Optional<Principal> known(Context ctx) {
        Optional<Principal> p = ctx.attribute(PRINCIPAL);
        return p == null ? Optional.empty() : p;
    }

    /** Who is asking, or empty. A request with an Authorization header is judged by it alone. */
    Optional<Principal> principal(Context ctx) {
        Optional<Principal> cached = ctx.attribute(PRINCIPAL);
        if (cached != null) return cached;
        Optional<Principal> p = resolve(ctx);
        ctx.attribute(PRINCIPAL, p);
        return p;
    }

    private Optional<Principal> resolve(Context ctx) {
        String auth = ctx.header("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) return Optional.empty();
            String token = auth.substring(7).strip();
            if (token.isEmpty() || token.length() > 200) return Optional.empty();
            return users.authenticateToken(Credentials.hashToken(token), clock.instant())
                    .map(u -> new Principal(u.id(), u.username(), null));
        }
        String id = ctx.cookie(cookieName());
        Optional<Sessions.Session> s = sessions.find(id);
        if (s.isEmpty()) return Optional.empty();
        Optional<User> u = users.get(s.get().userId).filter(x -> !x.disabled());
        if (u.isEmpty()) {
            sessions.end(id);
            return Optional.empty();
        }
        return Optional.of(new Principal(u.get().id(), u.get().username(), s.get()));
    }

    /**
     * Lets the request through, or answers it (401, 403, or a redirect to the sign-in page) and
     * returns false.
     */
    boolean admit(Context ctx, Access access) {
        switch (access) {
            case PUBLIC -> {
                return true;
            }
            case METRICS -> {
                if (metrics == MetricsAccess.OPEN || metrics == MetricsAccess.LOOPBACK && loopback(ctx)) return true;
                if (principal(ctx).isPresent()) return true;
                ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"scatterguard\"").contentType("text/plain; charset=utf-8")
                        .result("Sign in or send an API token (Authorization: Bearer ...) to read the metrics.\n");
                return false;
            }
            default -> {
                Optional<Principal> p = principal(ctx);
                if (p.isEmpty()) {
                    refuseAnonymous(ctx);
                    return false;
                }
                if (unsafe(ctx.method()) && !sameOrigin(ctx)) {
                    deny(ctx, "This request did not come from the console's own pages.");
                    return false;
                }
                if (unsafe(ctx.method()) && !p.get().viaToken() && !csrfMatches(ctx, p.get().session().csrf)) {
                    deny(ctx, "The form's security token is missing or stale; reload the page and try again.");
                    return false;
                }
                return true;
            }
        }
    }

    private void refuseAnonymous(Context ctx) {
        boolean api = ctx.path().startsWith("/api/");
        if (!api && ctx.method() == HandlerType.GET) {
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            ctx.redirect("/login?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        ctx.status(401).header("WWW-Authenticate", "Bearer realm=\"scatterguard\"");
        Pages.error(ctx, 401, "Sign in first (or send an API token as Authorization: Bearer ...).");
    }

    private static void deny(Context ctx, String message) {
        ctx.status(403);
        Pages.error(ctx, 403, message);
    }

    /** The CSRF token from the form field or the header, compared in constant time. */
    private static boolean csrfMatches(Context ctx, String expected) {
        String got = ctx.header(CSRF_HEADER);
        if (got == null) {
            String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
            if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
                got = ctx.formParam(CSRF_FIELD);
            }
        }
        return got != null && MessageDigest.isEqual(got.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * False when the browser says the request comes from another site: by the Origin header, or,
     * where there is none or it is "null" (privacy modes, sandboxed frames), by Sec-Fetch-Site.
     */
    static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        String site = ctx.header("Sec-Fetch-Site");
        if (origin != null && !origin.equals("null")) {
            String host = ctx.header("Host");
            return host != null && (origin.equalsIgnoreCase("http://" + host) || origin.equalsIgnoreCase("https://" + host))
                    && (site == null || site.equals("same-origin"));
        }
        if (origin != null) return "same-origin".equals(site); // "null": only the browser's own word will do
        return site == null || site.equals("same-origin") || site.equals("none");
    }

    private static boolean loopback(Context ctx) {
        try {
            String ip = ctx.req().getRemoteAddr();
            // a literal address: parsed, never looked up
            return ip != null && ip.matches("[0-9a-fA-F:.]+") && InetAddress.getByName(ip).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Sets the session cookie: HttpOnly, SameSite=Strict, whole site, Secure under TLS; ends with the browser. */
    void setSessionCookie(Context ctx, String id) {
        ctx.res().addHeader("Set-Cookie", cookieName() + "=" + id + "; Path=/; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : ""));
    }

    void clearSessionCookie(Context ctx) {
        ctx.res().addHeader("Set-Cookie", cookieName() + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : ""));
    }

    boolean tls() {
        return tls;
    }
}

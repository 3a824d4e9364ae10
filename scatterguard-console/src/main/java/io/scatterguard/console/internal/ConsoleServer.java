package io.scatterguard.console.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.javalin.router.ParsedEndpoint;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.scatterguard.console.Console.Access;
import io.scatterguard.console.Console.Route;
import io.scatterguard.console.ConsoleSettings;
import io.scatterguard.console.QuarantineRelease;
import io.scatterguard.gateway.config.Config;
import io.scatterguard.store.Store;
import io.scatterguard.store.StoreException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The console's HTTP server (Javalin on Jetty 12, ADR 0010): every route is declared here with the
 * access it needs, and each one passes the {@link Gate} before its handler runs. At start the
 * routes Javalin serves are compared with the declared ones, so a route added around the gate stops
 * the console from starting. Every response carries a strict Content-Security-Policy and the other
 * protective headers.
 */
public final class ConsoleServer implements AutoCloseable {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
            + "font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final System.Logger LOG = System.getLogger("io.scatterguard.console");

    /** A handler of a route that needs someone signed in. */
    @FunctionalInterface
    private interface Signed {
        void handle(Context ctx, Principal p) throws Exception;
    }

    private final ConsoleSettings settings;
    private final PrometheusMeterRegistry registry;
    private final List<Route> routes = new ArrayList<>();
    private final Gate gate;
    private final Javalin app;

    public ConsoleServer(ConsoleSettings settings, Store store, QuarantineRelease release, Config config,
            PrometheusMeterRegistry registry, SSLContext tls, Clock clock) {
        if (settings.tls() && tls == null) throw new IllegalArgumentException("console.tls is on but no TLS certificate was given");
        this.settings = settings;
        this.registry = registry;
        Sessions sessions = new Sessions(store.sessions(), clock, settings.sessionIdleTimeout(), settings.sessionLifetime());
        this.gate = new Gate(sessions, store.users(), clock, settings.tls(), settings.metrics());
        SignIn signIn = new SignIn(gate, sessions, store.users(), new LoginThrottle(settings.loginAttempts(),
                settings.loginWindow(), clock), new LoginNonces(clock));
        QuarantineActions actions = new QuarantineActions(store, release);
        DashboardPage dashboard = new DashboardPage(store, clock);
        QuarantinePages quarantine = new QuarantinePages(store, actions, release);
        AuditPages audit = new AuditPages(store);
        ConfigPage configPage = new ConfigPage(config);
        Api api = new Api(store, actions, configPage, clock);
        StaticAssets assets = new StaticAssets();
        new StoreMetrics(store).bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        this.app = Javalin.create(cfg -> {
            server(cfg, tls);
            cfg.routes.before(this::protectiveHeaders);

            open(cfg, HandlerType.GET, "/login", signIn::form);
            open(cfg, HandlerType.POST, "/login", signIn::submit);
            open(cfg, HandlerType.GET, "/static/{file}", assets::serve);
            route(cfg, HandlerType.GET, "/metrics", Access.METRICS, ctx -> ctx
                    .contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));

            signed(cfg, HandlerType.GET, "/", (ctx, p) -> ctx.redirect("/dashboard", HttpStatus.SEE_OTHER));
            signed(cfg, HandlerType.POST, "/logout", (ctx, p) -> signIn.signOut(ctx));
            signed(cfg, HandlerType.GET, "/dashboard", dashboard::render);
            signed(cfg, HandlerType.GET, "/quarantine", quarantine::list);
            signed(cfg, HandlerType.GET, "/quarantine/{id}", quarantine::detail);
            signed(cfg, HandlerType.GET, "/quarantine/{id}/release", (ctx, p) -> quarantine.confirm(ctx, p, true));
            signed(cfg, HandlerType.POST, "/quarantine/{id}/release", (ctx, p) -> quarantine.act(ctx, p, true));
            signed(cfg, HandlerType.GET, "/quarantine/{id}/delete", (ctx, p) -> quarantine.confirm(ctx, p, false));
            signed(cfg, HandlerType.POST, "/quarantine/{id}/delete", (ctx, p) -> quarantine.act(ctx, p, false));
            signed(cfg, HandlerType.GET, "/audit", audit::search);
            signed(cfg, HandlerType.GET, "/audit/{id}", audit::detail);
            signed(cfg, HandlerType.GET, "/config", configPage::render);

            signed(cfg, HandlerType.GET, "/api/me", api::me);
            signed(cfg, HandlerType.GET, "/api/stats", api::stats);
            signed(cfg, HandlerType.GET, "/api/quarantine", api::quarantineList);
            signed(cfg, HandlerType.GET, "/api/quarantine/{id}", api::quarantineGet);
            signed(cfg, HandlerType.GET, "/api/quarantine/{id}/view", api::quarantineView);
            signed(cfg, HandlerType.GET, "/api/quarantine/{id}/raw", api::quarantineRaw);
            signed(cfg, HandlerType.POST, "/api/quarantine/{id}/release", api::release);
            signed(cfg, HandlerType.DELETE, "/api/quarantine/{id}", api::delete);
            signed(cfg, HandlerType.GET, "/api/audit", api::auditSearch);
            signed(cfg, HandlerType.GET, "/api/audit/export.csv", (ctx, p) -> api.auditExport(ctx, p, true));
            signed(cfg, HandlerType.GET, "/api/audit/export.json", (ctx, p) -> api.auditExport(ctx, p, false));
            signed(cfg, HandlerType.GET, "/api/audit/{id}", api::auditGet);
            signed(cfg, HandlerType.GET, "/api/config", api::config);

            errors(cfg);
        });
        checkEveryRouteIsDeclared();
    }

    private void server(JavalinConfig cfg, SSLContext tls) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.concurrency.useVirtualThreads = true;
        cfg.http.maxRequestSize = 64 * 1024; // forms and API calls are small; nothing is uploaded
        cfg.http.generateEtags = false;
        cfg.router.caseInsensitiveRoutes = false;
        cfg.jsonMapper(new JavalinJackson(new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS), false));
        cfg.jetty.host = settings.host();
        cfg.jetty.port = settings.port();
        cfg.jetty.modifyHttpConfiguration(h -> h.setSendServerVersion(false));
        if (tls != null && settings.tls()) {
            cfg.jetty.addConnector((server, http) -> {
                // The certificate names the MX host; operators often reach the console by address, so no SNI host check.
                http.addCustomizer(new SecureRequestCustomizer(false));
                SslContextFactory.Server ssl = new SslContextFactory.Server();
                ssl.setSslContext(tls);
                ServerConnector c = new ServerConnector(server, new SslConnectionFactory(ssl, "http/1.1"),
                        new HttpConnectionFactory(http));
                c.setHost(settings.host());
                c.setPort(settings.port());
                return c;
            });
        }
    }

    private void errors(JavalinConfig cfg) {
        cfg.routes.exception(ConsoleError.class, (e, ctx) -> Pages.error(ctx, e.status(), e.getMessage(), e.reason()));
        cfg.routes.exception(IllegalArgumentException.class, (e, ctx) -> Pages.error(ctx, 400, e.getMessage()));
        cfg.routes.exception(StoreException.class, (e, ctx) -> {
            LOG.log(System.Logger.Level.WARNING, "console: the store failed: " + e.getMessage());
            Pages.error(ctx, 503, "The store cannot answer right now; try again shortly.");
        });
        cfg.routes.exception(Exception.class, (e, ctx) -> {
            LOG.log(System.Logger.Level.ERROR, "console: " + ctx.method().name() + " " + ctx.path() + " failed", e);
            Pages.error(ctx, 500, "Something went wrong on the server; the log says what.");
        });
        cfg.routes.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) Pages.error(ctx, 404, "There is nothing at this address.");
        });
        cfg.routes.error(405, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) Pages.error(ctx, 405, "This address does not take that method.");
        });
    }

    private void protectiveHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        // same-origin, not no-referrer: under no-referrer browsers send "Origin: null" with our own forms
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
        ctx.header("Cache-Control", "no-store");
        if (settings.tls()) ctx.header("Strict-Transport-Security", "max-age=31536000");
    }

    private void open(JavalinConfig cfg, HandlerType method, String path, io.javalin.http.Handler h) {
        route(cfg, method, path, Access.PUBLIC, h);
    }

    private void signed(JavalinConfig cfg, HandlerType method, String path, Signed h) {
        route(cfg, method, path, Access.SIGNED_IN, ctx -> h.handle(ctx, gate.principal(ctx).orElseThrow()));
    }

    private void route(JavalinConfig cfg, HandlerType method, String path, Access access, io.javalin.http.Handler h) {
        routes.add(new Route(method.name(), path, access));
        cfg.routes.addHttpHandler(method, path, ctx -> {
            if (gate.admit(ctx, access)) h.handle(ctx);
        });
    }

    /** Javalin's own list of what it serves must be exactly the declared routes. */
    private void checkEveryRouteIsDeclared() {
        List<String> served = new ArrayList<>();
        for (ParsedEndpoint e : app.unsafe.internalRouter.allHttpHandlers()) {
            if (e.endpoint.method.isHttpMethod()) served.add(e.endpoint.method.name() + " " + e.endpoint.path);
        }
        List<String> declared = routes.stream().map(r -> r.method() + " " + r.path()).toList();
        if (!new java.util.HashSet<>(served).equals(new java.util.HashSet<>(declared))) {
            throw new IllegalStateException("console routes served " + served + " differ from those declared " + declared);
        }
    }

    public void start() {
        app.start();
    }

    public int port() {
        return app.port();
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    @Override
    public void close() {
        app.stop();
    }
}

package io.scatterguard.console.internal;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The console's static files, all from the jar (no CDN, no build step): its stylesheet, its one
 * script, its logo, and Chart.js from the WebJar. Only these names are served; each with its exact
 * content type, so nothing else on the class path can be read through this route.
 */
final class StaticAssets {
    private record Asset(String resource, String type) {}

    private static final Map<String, Asset> ASSETS = Map.of(
            "console.css", new Asset("/io/scatterguard/console/static/console.css", "text/css; charset=utf-8"),
            "dashboard.js", new Asset("/io/scatterguard/console/static/dashboard.js", "text/javascript; charset=utf-8"),
            "logo.svg", new Asset("/io/scatterguard/console/static/logo.svg", "image/svg+xml"),
            "chart.umd.min.js", new Asset("/META-INF/resources/webjars/chart.js/" + webJarVersion("chart.js")
                    + "/dist/chart.umd.min.js", "text/javascript; charset=utf-8"));

    /** The version of a WebJar on the class path, from its Maven metadata. */
    private static String webJarVersion(String artifact) {
        String path = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = StaticAssets.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("WebJar " + artifact + " is missing from the class path");
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Map<String, byte[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    StaticAssets() {
        for (String name : ASSETS.keySet()) bytes(name); // a missing resource is a packaging error: fail at start
    }

    void serve(Context ctx) {
        String name = ctx.pathParam("file");
        Asset a = ASSETS.get(name);
        if (a == null) throw ConsoleError.notFound("No such file.");
        ctx.header("Cache-Control", "public, max-age=3600").contentType(a.type()).result(bytes(name));
    }

    private byte[] bytes(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = StaticAssets.class.getResourceAsStream(ASSETS.get(n).resource())) {
                if (in == null) throw new IllegalStateException("console asset missing from the jar: " + ASSETS.get(n).resource());
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}

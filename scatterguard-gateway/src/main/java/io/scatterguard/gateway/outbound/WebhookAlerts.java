package io.scatterguard.gateway.outbound;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts each alert as JSON to an operator's URL (a chat hook, an incident tool). It never makes the
 * SMTP session wait: posts go out in the background, at most {@link #MAX_IN_FLIGHT} at once, and the
 * same alert (kind and subject) at most once per interval, so a flood of refused messages is one
 * notification, not thousands. A post that fails or is skipped is logged and counted; the alert
 * itself is still in the event log and the metrics.
 */
public final class WebhookAlerts implements GuardAlerts, AutoCloseable {
    static final int MAX_IN_FLIGHT = 32;
    private static final int MAX_REMEMBERED = 10_000;
    private static final System.Logger LOG = System.getLogger("io.scatterguard.gateway.outbound");

    private final URI uri;
    private final Duration interval;
    private final Clock clock;
    private final HttpClient http;
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<String, Instant> lastPosted = new ConcurrentHashMap<>();
    private final AtomicLong posted = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final JsonFactory json = new JsonFactory();

    public WebhookAlerts(URI uri, Duration interval, Clock clock) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("'" + uri + "' is not an http:// or https:// URL");
        }
        this.uri = uri;
        this.interval = interval;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    @Override
    public void raise(GuardEvent e) {
        String key = e.kind() + "|" + e.subject();
        Instant now = clock.instant();
        Instant last = lastPosted.get(key);
        if (last != null && last.plus(interval).isAfter(now)) return;
        if (lastPosted.size() > MAX_REMEMBERED) lastPosted.values().removeIf(t -> t.plus(interval).isBefore(now));
        lastPosted.put(key, now);
        if (!inFlight.tryAcquire()) {
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "alert webhook busy (" + MAX_IN_FLIGHT + " posts pending); not posting: "
                    + e.detail());
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body(e))).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            inFlight.release();
            if (error == null && response.statusCode() / 100 == 2) {
                posted.incrementAndGet();
                return;
            }
            failed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "alert webhook " + uri + " failed: "
                    + (error != null ? error.toString() : "HTTP " + response.statusCode()));
        });
    }

    /** Posts that reached the webhook with a 2xx answer. */
    public long posted() {
        return posted.get();
    }

    /** Posts that failed or were skipped because too many were pending. */
    public long failed() {
        return failed.get();
    }

    String body(GuardEvent e) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = json.createGenerator(w)) {
            g.writeStartObject();
            g.writeStringField("source", "scatterguard");
            e.writeFields(g);
            g.writeEndObject();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return w.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}

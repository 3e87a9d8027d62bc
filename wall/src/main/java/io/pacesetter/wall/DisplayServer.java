package io.pacesetter.wall;

import io.pacesetter.connectors.contract.AlertAction;
import io.pacesetter.connectors.sink.RecordJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall display over HTTP: the page (three static files, no CDN, no web font), its figures as
 * server-sent events on {@code /events}, and {@code /health} for an orchestrator. Read-only: GET and
 * HEAD only, but for the actions people take on alerts ({@code POST /actions}, {@code POST /digest}, once
 * {@link #takeActions} is called). Jetty's core server writes to screens asynchronously, so an open event stream holds a
 * socket and a few buffers but no thread, and a screen that reads slowly only ever has the newest
 * figures waiting for it.
 */
public final class DisplayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DisplayServer.class);
    /** How often the hub is looked at for new figures: the page is at most this much behind the hub. */
    static final Duration PUSH_EVERY = Duration.ofMillis(250);
    /** A comment line on quiet streams, so proxies keep them open and a vanished screen is noticed. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** How long a screen's browser waits before reconnecting after the stream drops. */
    static final Duration RECONNECT = Duration.ofSeconds(2);

    private static final Map<String, String> ASSETS = Map.of(
            "/", "index.html", "/index.html", "index.html", "/display.css", "display.css", "/display.js", "display.js");
    private static final Map<String, String> TYPES = Map.of(
            "index.html",
            "text/html; charset=utf-8",
            "display.css",
            "text/css; charset=utf-8",
            "display.js",
            "text/javascript; charset=utf-8");

    private final DisplayHub hub;
    private final byte[] token;
    private final int maxScreens;
    private final Duration staleAfter;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService pusher;
    private final Set<Screen> screens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, byte[]> assets = new ConcurrentHashMap<>();
    private long sentVersion = -1;
    private long sentTrendVersion = -1;
    private volatile byte[] lastFigures;
    private volatile byte[] lastTrend;

    private DisplayServer(DisplayHub hub, String bind, int port, String token, int maxScreens, Duration staleAfter) {
        this.hub = hub;
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.maxScreens = maxScreens;
        this.staleAfter = staleAfter;
        for (String file : Set.copyOf(ASSETS.values())) {
            assets.put(file, resource(file));
        }
        QueuedThreadPool threads = new QueuedThreadPool(16, 2);
        threads.setName("display-http");
        threads.setDaemon(true);
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(KEEP_ALIVE.multipliedBy(4).toMillis());
        server.addConnector(connector);
        server.setHandler(new Routes());
        server.setStopTimeout(2_000);
        pusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "display-push");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts serving.
     *
     * @param token the access token screens must give ({@code ?token=} or
     *     {@code Authorization: Bearer}), or null for none
     */
    public static DisplayServer start(
            DisplayHub hub, String bind, int port, String token, int maxScreens, Duration staleAfter) throws Exception {
        DisplayServer display = new DisplayServer(hub, bind, port, token, maxScreens, staleAfter);
        display.server.start();
        display.pusher.scheduleWithFixedDelay(
                display::push, PUSH_EVERY.toMillis(), PUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        display.pusher.scheduleWithFixedDelay(
                display::keepAlive, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
        return display;
    }

    /** The page's address, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        String host = connector.getHost();
        if (host == null || host.equals("0.0.0.0") || host.equals("::")) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + connector.getLocalPort() + "/");
    }

    public int port() {
        return connector.getLocalPort();
    }

    /** Event streams open now. */
    public int screens() {
        return open.get();
    }

    @Override
    public void close() throws Exception {
        Actions a = actions;
        if (a != null) {
            a.inbox.close();
        }
        pusher.shutdownNow();
        for (Screen s : screens) {
            s.end();
        }
        server.stop();
    }

    private void push() {
        try {
            long version = hub.version();
            long trendVersion = hub.trendVersion();
            byte[] figures = null;
            byte[] trend = null;
            if (version != sentVersion) {
                sentVersion = version;
                figures = event("figures", hub.figuresJson());
                lastFigures = figures;
            }
            if (trendVersion != sentTrendVersion) {
                sentTrendVersion = trendVersion;
                trend = event("trend", hub.trendJson());
                lastTrend = trend;
            }
            if (figures != null || trend != null) {
                for (Screen s : screens) {
                    s.send(trend, figures);
                }
            }
        } catch (RuntimeException e) {
            // The pusher must outlive one bad view: a scheduled task that throws is never run again.
            LOG.error("Wall display: could not push the figures; trying again at the next push", e);
        }
    }

    private void keepAlive() {
        byte[] comment = (": " + Instant.now() + "\n\n").getBytes(StandardCharsets.UTF_8);
        for (Screen s : screens) {
            s.send(null, comment);
        }
    }

    private static byte[] event(String name, byte[] json) {
        byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + json.length + 2];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(json, 0, out, head.length, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** Who may act, and where actions go: null until {@link #takeActions}. */
    private record Actions(ActionInbox inbox, byte[] token, String identityHeader) {}

    private volatile Actions actions;

    /**
     * From now on, take actions ({@code POST /actions}, {@code POST /digest}) into {@code inbox}.
     *
     * @param token the actions token (with {@code Authorization: Bearer}), or null
     * @param identityHeader the header a signing-in proxy sets to the person's identity, or null
     */
    public void takeActions(ActionInbox inbox, String token, String identityHeader) {
        actions = new Actions(
                inbox,
                token == null ? null : token.getBytes(StandardCharsets.UTF_8),
                identityHeader == null || identityHeader.isBlank() ? null : identityHeader);
    }

    private static boolean bearer(Request request, byte[] expected) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.startsWith("Bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(
                expected, header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
    }

    private boolean authorised(Request request) {
        if (token == null) {
            return true;
        }
        String given = Request.extractQueryParameters(request).getValue("token");
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (given == null && header != null && header.startsWith("Bearer ")) {
            given = header.substring("Bearer ".length()).trim();
        }
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] resource(String file) {
        try (InputStream in = DisplayServer.class.getResourceAsStream("/wall/" + file)) {
            if (in == null) {
                throw new IllegalStateException("/wall/" + file + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Routes extends Handler.Abstract.NonBlocking {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            // Nothing in a control room needs this page framed, sniffed, cached or referred elsewhere.
            var headers = response.getHeaders();
            headers.put(
                    "Content-Security-Policy",
                    "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'");
            headers.put("X-Content-Type-Options", "nosniff");
            headers.put("Referrer-Policy", "no-referrer");
            headers.put(HttpHeader.CACHE_CONTROL, "no-store");
            String method = request.getMethod();
            String actionPath = Request.getPathInContext(request);
            if (HttpMethod.POST.is(method) && (actionPath.equals("/actions") || actionPath.equals("/digest"))) {
                action(request, response, callback, actionPath.equals("/digest"));
                return true;
            }
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                headers.put(HttpHeader.ALLOW, "GET, HEAD");
                Response.writeError(request, response, callback, 405, "The wall display is read-only");
                return true;
            }
            String path = Request.getPathInContext(request);
            String asset = ASSETS.get(path);
            if (asset != null) {
                headers.put(HttpHeader.CONTENT_TYPE, TYPES.get(asset));
                byte[] body = assets.get(asset);
                response.write(
                        true, HttpMethod.HEAD.is(method) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(body), callback);
                return true;
            }
            switch (path) {
                case "/health" -> health(request, response, callback);
                case "/events" -> events(request, response, callback);
                default ->
                    Response.writeError(request, response, callback, 404, "No such page; the wall display is at /");
            }
            return true;
        }

        /**
         * {@code POST /actions} (a JSON object: {@code kind} ACKNOWLEDGE, CALLED_BACK or DIGEST, {@code alertId},
         * {@code note}, and {@code by} when the token is used) or {@code POST /digest}: who acts is the configured
         * identity header's value, or, with the actions token, the {@code by} given. Answers 202 once the action is
         * in the inbox, with its {@code actionId} (give your own to make a retry harmless).
         */
        private void action(Request request, Response response, Callback callback, boolean digest) {
            Actions a = actions;
            if (a == null) {
                Response.writeError(
                        request,
                        response,
                        callback,
                        403,
                        "This display takes no actions: set display.actionsToken or display.identityHeader");
                return;
            }
            String identity =
                    a.identityHeader == null ? null : request.getHeaders().get(a.identityHeader);
            boolean byToken = a.token != null && bearer(request, a.token);
            if ((identity == null || identity.isBlank()) && !byToken) {
                Response.writeError(
                        request,
                        response,
                        callback,
                        401,
                        "Actions need " + (a.identityHeader != null ? "the " + a.identityHeader + " header" : "")
                                + (a.identityHeader != null && a.token != null ? " or " : "")
                                + (a.token != null ? "Authorization: Bearer with the actions token" : ""));
                return;
            }
            Content.Source.asString(request, StandardCharsets.UTF_8, new Promise<>() {
                @Override
                public void succeeded(String body) {
                    try {
                        com.fasterxml.jackson.databind.node.ObjectNode n = body == null || body.isBlank()
                                ? JSON.createObjectNode()
                                : (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(body);
                        if (digest) {
                            n.put("kind", AlertAction.Kind.DIGEST.name());
                        }
                        if (identity != null && !identity.isBlank()) {
                            n.put("by", identity);
                        }
                        if (!n.hasNonNull("actionId")) {
                            n.put("actionId", UUID.randomUUID().toString());
                        }
                        n.put("at", Instant.now().toString());
                        AlertAction action = RecordJson.readAction(JSON.writeValueAsString(n));
                        a.inbox.put(action);
                        LOG.info("Action taken: {}", action);
                        response.setStatus(202);
                        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                        response.write(
                                true,
                                ByteBuffer.wrap(("{\"actionId\":" + JSON.writeValueAsString(action.actionId) + "}")
                                        .getBytes(StandardCharsets.UTF_8)),
                                callback);
                    } catch (ClassCastException | IllegalArgumentException | IOException e) {
                        boolean bad = !(e instanceof IOException)
                                || e instanceof com.fasterxml.jackson.core.JsonProcessingException;
                        if (!bad) {
                            LOG.error("Could not keep an action", e);
                        }
                        Response.writeError(
                                request,
                                response,
                                callback,
                                bad ? 400 : 503,
                                bad
                                        ? "Not an action: "
                                                + (e instanceof ClassCastException
                                                        ? "not a JSON object"
                                                        : e.getMessage())
                                        : "Could not keep the action, try again: " + e.getMessage());
                    }
                }

                @Override
                public void failed(Throwable cause) {
                    Response.writeError(request, response, callback, 400, "Could not read the request: " + cause);
                }
            });
        }

        private void health(Request request, Response response, Callback callback) {
            boolean fed = hub.fedRecently();
            long last = hub.lastFedWall();
            String body = "{\"status\":\"" + (fed ? "FED" : "NOT_FED") + "\",\"lastFedAt\":"
                    + (last == Long.MIN_VALUE ? "null" : "\"" + Instant.ofEpochMilli(last) + "\"")
                    + ",\"staleAfter\":\""
                    + staleAfter + "\",\"screens\":" + open.get() + "}";
            response.setStatus(fed ? 200 : 503);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
        }

        private void events(Request request, Response response, Callback callback) {
            if (!authorised(request)) {
                Response.writeError(
                        request,
                        response,
                        callback,
                        401,
                        "This wall display needs its access token: open it with ?token=");
                return;
            }
            if (open.incrementAndGet() > maxScreens) {
                open.decrementAndGet();
                Response.writeError(request, response, callback, 503, "Too many screens are open (display.maxScreens)");
                return;
            }
            response.setStatus(200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            Screen screen = new Screen(response, callback);
            screens.add(screen);
            request.addFailureListener(screen::failed);
            byte[] figures = lastFigures != null ? lastFigures : event("figures", hub.figuresJson());
            byte[] trend = lastTrend != null ? lastTrend : event("trend", hub.trendJson());
            byte[] retry = ("retry: " + RECONNECT.toMillis() + "\n\n").getBytes(StandardCharsets.UTF_8);
            screen.send(concat(retry, trend), figures);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /**
     * One open event stream. Jetty allows one write at a time per response, so what arrives while a
     * write is under way waits in two slots (the trend, and the figures or a keep-alive) that newer
     * messages replace: a slow screen skips to the newest figures instead of queueing old ones.
     */
    private final class Screen {
        private final Response response;
        private final Callback done;
        private byte[] waitingTrend;
        private byte[] waitingFigures;
        private boolean writing;
        private boolean ended;

        Screen(Response response, Callback done) {
            this.response = response;
            this.done = done;
        }

        void send(byte[] trend, byte[] figures) {
            synchronized (this) {
                if (ended) {
                    return;
                }
                if (trend != null) {
                    waitingTrend = trend;
                }
                if (figures != null) {
                    waitingFigures = figures;
                }
                if (writing) {
                    return;
                }
            }
            writeNext();
        }

        private void writeNext() {
            byte[] next;
            synchronized (this) {
                if (ended || (waitingTrend == null && waitingFigures == null)) {
                    writing = false;
                    return;
                }
                next = waitingTrend == null
                        ? waitingFigures
                        : waitingFigures == null ? waitingTrend : concat(waitingTrend, waitingFigures);
                waitingTrend = null;
                waitingFigures = null;
                writing = true;
            }
            response.write(false, ByteBuffer.wrap(next), Callback.from(this::writeNext, this::failed));
        }

        /** The screen went away (or the write failed): forget it and let Jetty close the exchange. */
        void failed(Throwable cause) {
            if (leave()) {
                done.failed(cause);
            }
        }

        /** The server is stopping: end the stream cleanly; the browser reconnects to whatever comes next. */
        void end() {
            if (leave()) {
                done.succeeded();
            }
        }

        /** @return whether this call ended the stream (a stream ends once, whichever way comes first) */
        private boolean leave() {
            synchronized (this) {
                if (ended) {
                    return false;
                }
                ended = true;
            }
            if (screens.remove(this)) {
                open.decrementAndGet();
            }
            return true;
        }
    }
}

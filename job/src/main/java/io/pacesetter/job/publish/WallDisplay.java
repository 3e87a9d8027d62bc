package io.pacesetter.job.publish;

import io.pacesetter.config.ConfigException;
import io.pacesetter.config.DisplayConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.config.SecretReferences;
import io.pacesetter.wall.ActionInbox;
import io.pacesetter.wall.DisplayHub;
import io.pacesetter.wall.DisplayServer;
import java.io.IOException;
import java.net.URI;
import java.util.UUID;

/**
 * The wall display as a command runs it: the hub of newest figures, the HTTP server in front of it,
 * and (for {@code run}) the sinks that feed it from the job in this JVM.
 */
public final class WallDisplay implements AutoCloseable {
    private final String name;
    private final DisplayHub hub;
    private final DisplayServer server;

    private WallDisplay(String name, DisplayHub hub, DisplayServer server) {
        this.name = name;
        this.hub = hub;
        this.server = server;
    }

    /**
     * Starts the page.
     *
     * @param rate the feed's event-time seconds per wall second (1 for a real feed)
     * @param bind overrides {@code display.bind} when not null
     * @param port overrides {@code display.port} when not null (0: any free port)
     */
    public static WallDisplay start(PacesetterConfig cfg, double rate, String bind, Integer port) throws Exception {
        DisplayConfig d = cfg.display();
        String token = d.protectedByToken()
                ? SecretReferences.resolve("display.accessToken", d.accessToken(), System::getenv)
                : null;
        String address = bind != null ? bind : d.bind();
        int chosen = port != null ? port : d.port();
        String name = UUID.randomUUID().toString();
        DisplayHub hub = new DisplayHub(cfg, rate);
        DisplayHub.register(name, hub);
        try {
            return new WallDisplay(
                    name, hub, DisplayServer.start(hub, address, chosen, token, d.maxScreens(), d.staleAfter()));
        } catch (IOException e) {
            DisplayHub.unregister(name);
            throw new ConfigException(
                    port != null ? "--display-port" : "display.port",
                    "cannot listen on " + address + ":" + chosen + " (" + e.getMessage()
                            + "); choose a free port, or stop what holds it",
                    e);
        }
    }

    /**
     * Lets people act on alerts from this page (when {@code display.actionsToken} or {@code display.identityHeader}
     * is set), into {@code inbox}; otherwise closes it.
     */
    public WallDisplay takeActions(PacesetterConfig cfg, ActionInbox inbox) {
        DisplayConfig d = cfg.display();
        if (!d.takesActions()) {
            inbox.close();
            return this;
        }
        String token = d.actionsToken() == null || d.actionsToken().isBlank()
                ? null
                : SecretReferences.resolve("display.actionsToken", d.actionsToken(), System::getenv);
        server.takeActions(inbox, token, d.identityHeader());
        return this;
    }

    /** The hub's name in this JVM, for the sinks that feed it ({@code DisplaySinks}). */
    public String name() {
        return name;
    }

    public DisplayHub hub() {
        return hub;
    }

    public URI uri() {
        return server.uri();
    }

    public DisplayServer server() {
        return server;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            DisplayHub.unregister(name);
        }
    }
}

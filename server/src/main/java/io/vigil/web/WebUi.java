package io.vigil.web;

import io.javalin.config.JavalinConfig;
import io.vigil.state.Users;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * The web UI as one piece to wire into the server: users and sessions, the {@link SessionGate}
 * that the API's credential check consults first, sign-in routes, dashboards and panel queries,
 * and the static files.
 */
public final class WebUi {
    private final Users users;
    private final Sessions sessions;
    private final SessionGate gate;
    private final Dashboards dashboards;
    private final PanelQuery panels;
    private final Clock clock;

    private WebUi(Users users, Sessions sessions, Dashboards dashboards, PanelQuery panels, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.gate = new SessionGate(sessions);
        this.dashboards = dashboards;
        this.panels = panels;
        this.clock = clock;
    }

    /**
     * Loads users (creating the admin at first start, see {@link Users#open}) and dashboards.
     *
     * @param logs the log event store (as the search API sees it)
     * @param securityEvents the security event store
     */
    public static WebUi open(Path dataDir, Map<String, String> env, PrintStream console, Clock clock,
                             EventStore logs, EventStore securityEvents) throws IOException {
        return new WebUi(Users.open(dataDir, env, console), new Sessions(clock), Dashboards.open(dataDir),
                new PanelQuery(logs, securityEvents), clock);
    }

    public SessionGate gate() {
        return gate;
    }

    public Users users() {
        return users;
    }

    /** Declares the UI's routes (behind the same credential check as every route). */
    public void register(JavalinConfig config) {
        new SessionRoutes(users, sessions, new SignInThrottle(clock)).register(config);
        new DashboardRoutes(dashboards, panels, clock).register(config);
        new WebAssets().register(config);
    }
}

package io.vigil.server;

import io.javalin.Javalin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.api.Api;
import io.vigil.api.ChannelRoutes;
import io.vigil.api.FeedRoutes;
import io.vigil.api.IngestRoutes;
import io.vigil.api.ParserRoutes;
import io.vigil.ingest.IngestPipeline;
import io.vigil.intel.ThreatIntelRule;
import io.vigil.intel.feeds.ThreatIntel;
import io.vigil.notify.Notifier;
import io.vigil.notify.Outbox;
import io.vigil.parse.ParserRegistry;
import io.vigil.rules.RulePack;
import io.vigil.state.ChannelStore;
import io.vigil.state.ParserDefinitions;
import io.vigil.state.RuleRepository;
import io.vigil.state.Tokens;
import io.vigil.store.EventStore;
import io.vigil.store.ReadYourWritesStore;
import io.vigil.web.WebUi;
import io.vigil.store.lucene.LuceneEventStore;
import io.vigil.store.lucene.LuceneStoreConfig;
import io.vigil.syslog.SyslogConfig;
import io.vigil.syslog.SyslogService;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Vigil process: the embedded store, the ingest pipeline, credentials, the HTTP API and the
 * syslog listeners. {@link #start} returns once the store has replayed its write-ahead log and the
 * ports are open.
 */
public final class VigilServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VigilServer.class);

    private final VigilConfig config;
    private final LuceneEventStore store;
    private final LuceneEventStore security;
    private final Detector detector;
    private final RuleRepository rules;
    private final IngestPipeline pipeline;
    private final Javalin app;
    private final Notifier notifier;
    private final ThreatIntel intel;
    private SyslogService syslog;

    private VigilServer(VigilConfig config, LuceneEventStore store, LuceneEventStore security, Detector detector,
                        RuleRepository rules, IngestPipeline pipeline, Javalin app, Notifier notifier, ThreatIntel intel) {
        this.config = config;
        this.store = store;
        this.security = security;
        this.detector = detector;
        this.rules = rules;
        this.pipeline = pipeline;
        this.app = app;
        this.notifier = notifier;
        this.intel = intel;
    }

    public Detector detector() {
        return detector;
    }

    public RuleRepository rules() {
        return rules;
    }

    /** Starts a server without syslog listeners; see {@link #start(VigilConfig, SyslogConfig, Map, PrintStream)}. */
    public static VigilServer start(VigilConfig config, Map<String, String> env, PrintStream console) throws IOException {
        return start(config, SyslogConfig.disabled(), env, console);
    }

    /**
     * Starts a server.
     *
     * @param syslog the syslog listeners; they feed the same pipeline and detection as HTTP ingest
     * @param env environment variables (tokens: {@code VIGIL_INGEST_TOKEN}, {@code VIGIL_API_TOKEN})
     * @param console where generated credentials are printed once
     */
    public static VigilServer start(VigilConfig config, SyslogConfig syslog, Map<String, String> env, PrintStream console)
            throws IOException {
        Clock clock = Clock.systemUTC();
        LuceneStoreConfig storeConfig = new LuceneStoreConfig(config.dataDir(), config.refreshInterval(),
                LuceneStoreConfig.defaults(config.dataDir()).commitInterval(), config.retentionDays(), 64);
        Tokens tokens = Tokens.open(config.dataDir(), env, console);
        LuceneEventStore store = LuceneEventStore.open(storeConfig, clock);
        LuceneEventStore security = null;
        Notifier notifier = null;
        ThreatIntel intel = null;
        try {
            security = LuceneEventStore.open(LuceneStoreConfig.defaults(config.dataDir().resolve("security")), clock);
            PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(metrics);
            new JvmGcMetrics().bindTo(metrics);
            new JvmThreadMetrics().bindTo(metrics);
            new ProcessorMetrics().bindTo(metrics);
            // Security events are written a few at a time by every ingest batch and read when someone
            // looks: reads refresh when needed instead of every batch refreshing.
            EventStore securityEvents = new ReadYourWritesStore(security);
            Detector detector = new Detector(store, securityEvents, clock, metrics);
            RuleRepository rules = new RuleRepository(config.dataDir(), RulePack.load(), detector::setRules);
            intel = ThreatIntel.start(config.dataDir(), config.intel(), store, detector::raise,
                    () -> rules.entry(ThreatIntelRule.ID).map(RuleRepository.Entry::rule), clock);
            DetectingStore detecting = new DetectingStore(store, detector);
            ParserRegistry parsers = ParserRegistry.builtIn();
            ParserDefinitions parserDefinitions = ParserDefinitions.open(config.dataDir(), parsers, GrokWatchdog.shared());
            IngestPipeline pipeline = new IngestPipeline(parsers, detecting, clock, config.maxLineBytes(), intel.enrichers());
            IngestRoutes ingest = new IngestRoutes(pipeline, new IngestMetrics(metrics), config.maxBodyBytes(),
                    config.maxConcurrentIngest(), config.ingestQueueWait().toMillis());
            Gauge.builder("vigil.ingest.queue.depth", ingest, IngestRoutes::inFlight)
                    .description("Ingest requests being processed").register(metrics);
            Gauge.builder("vigil.index.refresh.lag.seconds", store, s -> s.refreshLagMillis() / 1000.0)
                    .description("Age of the oldest stored event not yet searchable").register(metrics);
            if (config.demo()) {
                DemoData.load(pipeline, store, detector, intel.feeds(), config.dataDir(), clock, console);
            }
            // After the demo data: its security events are history, not news to send.
            ChannelStore channels = ChannelStore.open(config.dataDir());
            notifier = Notifier.start(config.notifications(), Outbox.open(config.dataDir().resolve("outbox")), channels::get,
                    id -> rules.entry(id).map(e -> e.rule().actions()).orElse(java.util.List.of()), detector, metrics, clock);
            WebUi ui = WebUi.open(config.dataDir(), env, console, clock, detecting, securityEvents);
            Api.Services services = new Api.Services(tokens, detecting, ingest, metrics, clock, detector, rules,
                    new ParserRoutes(parserDefinitions), new ChannelRoutes(channels, notifier), new FeedRoutes(intel.feeds()), ui);
            Javalin app = Api.create(config.bind(), config.httpPort(), config.maxBodyBytes(), c -> Api.configure(c, services));
            app.start();
            LOG.info("Vigil listening on http://{}:{} with data in {}", config.bind(), app.port(), config.dataDir().toAbsolutePath());
            VigilServer server = new VigilServer(config, store, security, detector, rules, pipeline, app, notifier, intel);
            try {
                server.syslog = SyslogService.start(syslog, config.bind(), pipeline, detecting, clock, metrics);
            } catch (IOException | RuntimeException e) {
                app.stop();
                throw e;
            }
            return server;
        } catch (IOException | RuntimeException e) {
            if (intel != null) {
                intel.close();
            }
            if (notifier != null) {
                notifier.close();
            }
            store.close();
            if (security != null) {
                security.close();
            }
            throw e;
        }
    }

    public int port() {
        return app.port();
    }

    /** The TCP port of each syslog listener (its UDP port is the same), in configuration order. */
    public List<Integer> syslogPorts() {
        return syslog.ports();
    }

    public LuceneEventStore store() {
        return store;
    }

    public IngestPipeline pipeline() {
        return pipeline;
    }

    public VigilConfig config() {
        return config;
    }

    @Override
    public void close() throws IOException {
        syslog.close(); // first: it stores what it has read
        app.stop();
        intel.close();
        notifier.close();
        try {
            store.close();
        } finally {
            security.close();
        }
    }
}

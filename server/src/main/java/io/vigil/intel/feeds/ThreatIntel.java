package io.vigil.intel.feeds;

import io.vigil.enrich.Enricher;
import io.vigil.enrich.GeoIpEnricher;
import io.vigil.intel.FeedCatalogue;
import io.vigil.intel.IntelEnricher;
import io.vigil.rules.Rule;
import io.vigil.state.FeedStore;
import io.vigil.store.EventStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threat intelligence and GeoIP for one server: the feeds (cached data loaded at start, refreshed
 * on schedule unless {@code auto_refresh} is off), the enrichers to pass to the ingest pipeline
 * (GeoIP first when configured, then intel), and the retro-hunt run after a refresh adds
 * addresses (one at a time, on its own thread, so a refresh answer does not wait for it).
 */
public final class ThreatIntel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreatIntel.class);

    private final IntelFeeds feeds;
    private final List<Enricher> enrichers;
    private final GeoIpEnricher geo;
    private final FeedScheduler scheduler;
    private final ExecutorService hunter;

    private ThreatIntel(IntelFeeds feeds, List<Enricher> enrichers, GeoIpEnricher geo, FeedScheduler scheduler,
                        ExecutorService hunter) {
        this.feeds = feeds;
        this.enrichers = List.copyOf(enrichers);
        this.geo = geo;
        this.scheduler = scheduler;
        this.hunter = hunter;
    }

    /**
     * @param events the log event store (searched by the retro-hunt)
     * @param retroEvents where retro security events go (stored and notified like detected ones)
     * @param rule the effective {@code threat-intel-ip-match} rule
     * @throws IOException when the feed state cannot be read or a configured GeoIP file cannot be opened
     */
    public static ThreatIntel start(Path dataDir, IntelSettings settings, EventStore events, RetroHunt.Sink retroEvents,
                                    Supplier<Optional<Rule>> rule, Clock clock) throws IOException {
        GeoIpEnricher geo = GeoIpEnricher.open(settings.geoip()).orElse(null);
        if (geo == null) {
            LOG.info("GeoIP is off: no database configured (geoip.city/asn/country or VIGIL_GEOIP_CITY/ASN/COUNTRY)");
        } else {
            LOG.info("GeoIP on: {}", geo.databaseTypes());
        }
        RetroHunt retro = new RetroHunt(events, retroEvents, rule, clock, settings.retroHunt());
        ExecutorService hunter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vigil-retro-hunt");
            t.setDaemon(true);
            return t;
        });
        IntelFeeds feeds = new IntelFeeds(FeedStore.open(dataDir, FeedCatalogue.defaults()), new FeedCache(dataDir),
                new FeedFetcher(Duration.ofSeconds(30)), clock, added -> hunter.submit(() -> hunt(retro, added)));
        List<Enricher> enrichers = new ArrayList<>();
        if (geo != null) {
            enrichers.add(geo);
        }
        enrichers.add(new IntelEnricher(feeds::matcher));
        FeedScheduler scheduler = settings.autoRefresh() ? FeedScheduler.start(feeds, settings.firstRefreshAfter()) : null;
        LOG.info("threat intel: {} entries from cached feeds; scheduled refresh {}", feeds.matcher().entries(),
                scheduler == null ? "off" : "from " + settings.firstRefreshAfter() + " after start");
        return new ThreatIntel(feeds, enrichers, geo, scheduler, hunter);
    }

    private static void hunt(RetroHunt retro, IntelFeeds.Added added) {
        if (retro.window().isZero()) {
            return;
        }
        try {
            int raised = retro.hunt(added.networks(), added.before(), added.after()).size();
            LOG.info("retro-hunt for {} added to {}: {} address(es) seen in the last {}", added.networks().size(),
                    added.feed(), raised, retro.window());
        } catch (IOException | RuntimeException e) {
            LOG.warn("retro-hunt for feed {} failed: {}", added.feed(), e.toString());
        }
    }

    /** The enrichers for the ingest pipeline, in order. */
    public List<Enricher> enrichers() {
        return enrichers;
    }

    public IntelFeeds feeds() {
        return feeds;
    }

    @Override
    public void close() throws IOException {
        if (scheduler != null) {
            scheduler.close();
        }
        hunter.shutdownNow();
        if (geo != null) {
            geo.close();
        }
    }
}

package io.vigil.intel;

import io.vigil.rules.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public feeds Vigil knows out of the box, with their real addresses, a context and a
 * severity each. They are enabled by default so a connected server checks events from its first
 * hour; on a machine without Internet access each shows its fetch error and nothing else is
 * affected. AlienVault's reputation file is listed but disabled: it is a legacy endpoint from
 * before OTX, so check that it is still served before enabling it (a feed that always fails only
 * raises a stale alarm).
 *
 * <p>Severity follows what a listing says about the address: a botnet controller or a compromised
 * host is worse than a scanner, and a Tor exit says nothing bad on its own.
 */
public final class FeedCatalogue {
    private FeedCatalogue() {}

    /** The default feeds by name, in display order. */
    public static Map<String, FeedDefinition> defaults() {
        Map<String, FeedDefinition> feeds = new LinkedHashMap<>();
        for (FeedDefinition f : list()) {
            feeds.put(f.name(), f);
        }
        return feeds;
    }

    private static List<FeedDefinition> list() {
        return List.of(
                feed("blocklist_de", "https://lists.blocklist.de/lists/all.txt", "plain", 1, "Attacking Host",
                        Severity.MEDIUM, 75, "Blocklist.de: addresses reported for attacks on SSH, mail, web, FTP and more in the last 48 hours."),
                feed("et_compromised", "https://rules.emergingthreats.net/blockrules/compromised-ips.txt", "plain", 6,
                        "Compromised Host", Severity.HIGH, 80, "Proofpoint Emerging Threats: hosts known to be compromised."),
                disabled(feed("alienvault_reputation", "https://reputation.alienvault.com/reputation.data", "alienvault", 6,
                        "Malicious Host", Severity.MEDIUM, 60, "AlienVault IP reputation (legacy file); the activity of each entry is its context.")),
                feed("spamhaus_drop", "https://www.spamhaus.org/drop/drop.txt", "netset", 12, "Hijacked Network",
                        Severity.HIGH, 95, "Spamhaus DROP: netblocks hijacked or leased by professional spam or cyber-crime operations."),
                feed("spamhaus_edrop", "https://www.spamhaus.org/drop/edrop.txt", "netset", 12, "Hijacked Network",
                        Severity.HIGH, 95, "Spamhaus EDROP: the extended DROP list of hijacked netblocks."),
                feed("feodo_tracker", "https://feodotracker.abuse.ch/downloads/ipblocklist.txt", "plain", 1, "Botnet C&C",
                        Severity.CRITICAL, 90, "abuse.ch Feodo Tracker: botnet command-and-control servers (Dridex, Emotet, QakBot and kin)."),
                feed("tor_exit_nodes", "https://check.torproject.org/torbulkexitlist", "plain", 1, "Tor Exit Node",
                        Severity.LOW, 100, "The Tor Project's list of exit relays: anonymised traffic, not malicious by itself."),
                feed("firehol_level1", "https://iplists.firehol.org/files/firehol_level1.netset", "netset", 6,
                        "Malicious Network", Severity.MEDIUM, 85, "FireHOL level 1: DShield, Feodo, Spamhaus DROP and bogons; private ranges are not matched."),
                new FeedDefinition("dshield", "https://feeds.dshield.org/block.txt", "csv", true, Duration.ofHours(6),
                        "Attacking Network", Severity.MEDIUM, 80,
                        Map.of("delimiter", "tab", "column", 1, "prefix_column", 3, "header", true),
                        "SANS DShield: the top 20 attacking /24 networks of the last three days."),
                feed("ipsum", "https://raw.githubusercontent.com/stamparm/ipsum/master/levels/3.txt", "plain", 24,
                        "Malicious Host", Severity.MEDIUM, 70, "IPsum level 3: addresses on at least three public blocklists."));
    }

    private static FeedDefinition feed(String name, String url, String format, int refreshHours, String context,
                                       Severity severity, int confidence, String description) {
        return new FeedDefinition(name, url, format, true, Duration.ofHours(refreshHours), context, severity, confidence,
                Map.of(), description);
    }

    private static FeedDefinition disabled(FeedDefinition f) {
        return f.withEnabled(false);
    }
}

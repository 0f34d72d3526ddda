package io.vigil.intel;

import io.vigil.event.Cidr;
import java.time.Instant;

/**
 * {@code alienvault}: the reputation format {@code IP#reliability#risk#activity#country#city#lat,lon#x}.
 * The activity (e.g. {@code Malicious Host}) becomes the entry's context; a line with several
 * activities separated by {@code ;} gives one entry per activity, so each is searchable.
 */
public final class AlienVaultParser implements FeedParser {
    @Override
    public FeedContent parse(String body, Instant now) {
        FeedContent.Builder out = new FeedContent.Builder();
        body.lines().forEach(raw -> {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                return;
            }
            String[] fields = line.split("#", -1);
            var network = Cidr.parse(fields[0]);
            if (network.isEmpty()) {
                out.reject(line);
                return;
            }
            String activities = fields.length > 3 ? fields[3] : "";
            boolean any = false;
            for (String activity : activities.split(";")) {
                if (!activity.isBlank()) {
                    out.add(new FeedEntry(network.get(), activity));
                    any = true;
                }
            }
            if (!any) {
                out.add(FeedEntry.of(network.get()));
            }
        });
        return out.build();
    }
}

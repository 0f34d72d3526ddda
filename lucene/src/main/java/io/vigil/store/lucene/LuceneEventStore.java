package io.vigil.store.lucene;

import io.vigil.event.Ecs;
import io.vigil.event.Event;
import io.vigil.event.EventJson;
import io.vigil.event.FieldType;
import io.vigil.query.SearchRequest;
import io.vigil.query.SearchResult;
import io.vigil.store.EventStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded {@link EventStore}: daily Lucene indices behind a write-ahead log.
 *
 * <p>Append: serialise, write and fsync the batch to the log (group commit), then index it. A
 * background thread refreshes readers (search visibility), commits indices and trims the log,
 * and applies retention. At open, log records after the last checkpoint are replayed with
 * update-by-{@code _id}, so an event is stored exactly once whatever the crash point.
 */
public final class LuceneEventStore implements EventStore {
    private static final Logger LOG = LoggerFactory.getLogger(LuceneEventStore.class);
    private static final java.util.Set<String> SOURCE_ONLY = java.util.Set.of(DocumentMapper.SOURCE);

    private final LuceneStoreConfig config;
    private final Path indicesDir;
    private final FieldMappings mappings;
    private final GlobalOrdinals globalOrdinals = new GlobalOrdinals();
    private final DocumentMapper mapper;
    private final WriteAheadLog wal;
    private final ConcurrentHashMap<LocalDate, DailyIndex> indices = new ConcurrentHashMap<>();
    private final ReentrantReadWriteLock appendLock = new ReentrantReadWriteLock();
    private final ScheduledExecutorService background;
    private final Clock clock;
    private final AtomicLong unrefreshedSince = new AtomicLong();
    private volatile boolean closed;

    private LuceneEventStore(LuceneStoreConfig config, Clock clock) throws IOException {
        this.config = config;
        this.clock = clock;
        Path data = Files.createDirectories(config.dataDir());
        this.indicesDir = Files.createDirectories(data.resolve("indices"));
        this.mappings = new FieldMappings(data.resolve("mappings.json"));
        this.mapper = new DocumentMapper(mappings);
        this.wal = new WriteAheadLog(data.resolve("wal"));
        this.background = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-store");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (or creates) the store, replaying the write-ahead log. */
    public static LuceneEventStore open(LuceneStoreConfig config) throws IOException {
        return open(config, Clock.systemUTC());
    }

    public static LuceneEventStore open(LuceneStoreConfig config, Clock clock) throws IOException {
        initialiseLuceneClasses();
        LuceneEventStore store = new LuceneEventStore(config, clock);
        try {
            store.openExisting();
            store.replay();
            store.applyRetention();
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        long refresh = config.refreshInterval().toMillis();
        store.background.scheduleWithFixedDelay(store::refreshQuietly, refresh, refresh, TimeUnit.MILLISECONDS);
        long commit = config.commitInterval().toMillis();
        store.background.scheduleWithFixedDelay(store::commitQuietly, commit, commit, TimeUnit.MILLISECONDS);
        store.background.scheduleWithFixedDelay(store::retentionQuietly, 1, 1, TimeUnit.HOURS);
        return store;
    }

    /**
     * Lucene 9.12's first search and first index writer, started at the same moment in two threads,
     * can deadlock in class initialisation (seen with a shipper connecting at start-up). Touching
     * both paths once, in one thread, before anything else runs rules that out.
     */
    private static void initialiseLuceneClasses() throws IOException {
        synchronized (LuceneEventStore.class) {
            new org.apache.lucene.index.ConcurrentMergeScheduler();
            new IndexSearcher(new MultiReader());
            new org.apache.lucene.index.IndexWriterConfig(new org.apache.lucene.analysis.standard.StandardAnalyzer());
        }
    }

    private void openExisting() throws IOException {
        try (Stream<Path> dirs = Files.list(indicesDir)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                LocalDate day;
                try {
                    day = LocalDate.parse(dir.getFileName().toString());
                } catch (java.time.format.DateTimeParseException e) {
                    continue;
                }
                indices.put(day, new DailyIndex(day, dir, config.ramBufferMb()));
            }
        }
    }

    private void replay() throws IOException {
        List<WriteAheadLog.Entry> entries = wal.replay();
        if (entries.isEmpty()) {
            return;
        }
        long events = 0;
        for (WriteAheadLog.Entry entry : entries) {
            for (byte[] line : lines(entry.payload())) {
                Event event = Event.of(EventJson.readFlat(line));
                Document doc = mapper.toDocument(event, line);
                long millis = DocumentMapper.millis(event.get(Ecs.TIMESTAMP));
                index(millis).writer.updateDocument(new Term(Ecs.ID, event.id()), doc);
                events++;
            }
        }
        LOG.info("replayed {} events from {} write-ahead log records", events, entries.size());
        commit();
        refresh();
    }

    private static List<byte[]> lines(byte[] payload) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= payload.length; i++) {
            if (i == payload.length || payload[i] == '\n') {
                if (i > start) {
                    out.add(java.util.Arrays.copyOfRange(payload, start, i));
                }
                start = i + 1;
            }
        }
        return out;
    }

    private DailyIndex index(long millis) {
        LocalDate day = Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
        DailyIndex index = indices.get(day);
        if (index != null) {
            return index;
        }
        return indices.computeIfAbsent(day, d -> {
            try {
                return new DailyIndex(d, indicesDir.resolve(d.toString()), config.ramBufferMb());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void append(List<Event> events) throws IOException {
        write(events, false);
    }

    @Override
    public void upsert(List<Event> events) throws IOException {
        write(events, true);
    }

    private void write(List<Event> events, boolean replace) throws IOException {
        if (events.isEmpty()) {
            return;
        }
        ensureOpen();
        List<Document> docs = new ArrayList<>(events.size());
        long[] millis = new long[events.size()];
        ByteArrayOutputStream payload = new ByteArrayOutputStream(events.size() * 512);
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i);
            if (e.id() == null || e.get(Ecs.TIMESTAMP) == null) {
                throw new IllegalArgumentException("events need _id and @timestamp before they are stored");
            }
            byte[] source = EventJson.toFlatBytes(e);
            if (i > 0) {
                payload.write('\n');
            }
            payload.write(source);
            millis[i] = DocumentMapper.millis(e.get(Ecs.TIMESTAMP));
            docs.add(mapper.toDocument(e, source));
        }
        appendLock.readLock().lock();
        try {
            long seq = wal.append(payload.toByteArray());
            wal.sync(seq);
            for (int i = 0; i < docs.size(); i++) {
                if (replace) {
                    Term id = new Term(Ecs.ID, events.get(i).id());
                    DailyIndex target = index(millis[i]);
                    for (DailyIndex other : indices.values()) {
                        if (other != target) {
                            other.writer.deleteDocuments(id); // the record may have moved to another day
                        }
                    }
                    target.writer.updateDocument(id, docs.get(i));
                } else {
                    index(millis[i]).writer.addDocument(docs.get(i));
                }
            }
        } finally {
            appendLock.readLock().unlock();
        }
        unrefreshedSince.compareAndSet(0, System.nanoTime());
        mappings.save();
    }

    @Override
    public SearchResult search(SearchRequest request) throws IOException {
        ensureOpen();
        long start = System.nanoTime();
        Query query = LuceneSearch.query(request, mappings::get);
        List<DailyIndex> targets = targets(request);
        List<DirectoryReader> acquired = new ArrayList<>(targets.size());
        try {
            for (DailyIndex index : targets) {
                acquired.add(index.acquire());
            }
            IndexReader reader = new MultiReader(acquired.toArray(new IndexReader[0]), false);
            IndexSearcher searcher = new IndexSearcher(reader);
            LuceneSearch.Page page = LuceneSearch.run(searcher, query, request, mappings::get,
                    globalOrdinals.forSearch(acquired));
            List<Event> hits = new ArrayList<>(page.top().scoreDocs.length);
            StoredFields stored = searcher.storedFields();
            for (ScoreDoc sd : page.top().scoreDocs) {
                Document doc = stored.document(sd.doc, SOURCE_ONLY);
                hits.add(restoreDates(Event.of(EventJson.readFlat(doc.getBinaryValue(DocumentMapper.SOURCE).bytes))));
            }
            long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return new SearchResult(page.total(), hits, page.aggregations(), took);
        } finally {
            for (int i = 0; i < acquired.size(); i++) {
                targets.get(i).release(acquired.get(i));
            }
        }
    }

    /** Date fields come back from JSON as text; give them their type again. */
    private Event restoreDates(Event e) {
        for (String field : List.of(Ecs.TIMESTAMP, Ecs.EVENT_INGESTED)) {
            if (e.get(field) instanceof String s) {
                e.put(field, io.vigil.parse.Timestamps.iso(s));
            }
        }
        return e;
    }

    private List<DailyIndex> targets(SearchRequest request) {
        LocalDate from = request.range().from() == null ? LocalDate.MIN
                : request.range().from().atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate to = request.range().to() == null ? LocalDate.MAX
                : request.range().to().atZone(ZoneOffset.UTC).toLocalDate();
        return indices.values().stream()
                .filter(i -> !i.day.isBefore(from) && !i.day.isAfter(to))
                .sorted(Comparator.comparing((DailyIndex i) -> i.day).reversed())
                .toList();
    }

    @Override
    public long delete(String queryString) throws IOException {
        ensureOpen();
        refresh();
        SearchRequest request = SearchRequest.of(queryString, null, 0);
        long count = search(request).total();
        Query query = LuceneSearch.query(request, mappings::get);
        appendLock.readLock().lock();
        try {
            for (DailyIndex index : indices.values()) {
                index.writer.deleteDocuments(query);
            }
        } finally {
            appendLock.readLock().unlock();
        }
        commit();
        refresh();
        return count;
    }

    @Override
    public Map<String, FieldType> fields() {
        return mappings.all();
    }

    @Override
    public FieldType fieldType(String field) {
        return mappings.get(field);
    }

    @Override
    public void refresh() throws IOException {
        long since = unrefreshedSince.getAndSet(0);
        try {
            for (DailyIndex index : indices.values()) {
                index.refresh();
            }
        } catch (IOException | RuntimeException e) {
            unrefreshedSince.compareAndSet(0, since);
            throw e;
        }
    }

    /** How long the oldest appended event not yet visible to search has waited, in milliseconds. */
    public long refreshLagMillis() {
        long since = unrefreshedSince.get();
        return since == 0 ? 0 : TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
    }

    /** Number of events in all daily indices, deleted ones excluded (as of the last refresh). */
    public long count() throws IOException {
        return search(SearchRequest.of("", null, 0)).total();
    }

    /** Commits every index and trims the write-ahead log up to what the commit covers. */
    public void commit() throws IOException {
        long seq;
        // Every append holding the read lock has finished indexing once we hold the write lock,
        // so all records up to seq are in the writers before the commit starts.
        appendLock.writeLock().lock();
        try {
            seq = wal.lastSeq();
        } finally {
            appendLock.writeLock().unlock();
        }
        for (DailyIndex index : indices.values()) {
            if (index.writer.hasUncommittedChanges()) {
                index.writer.commit();
            }
        }
        wal.checkpoint(seq);
    }

    /** Drops whole days older than the retention period; answers the days dropped. */
    public List<LocalDate> applyRetention() throws IOException {
        if (config.retentionDays() == 0) {
            return List.of();
        }
        LocalDate oldest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(config.retentionDays() - 1L);
        List<LocalDate> dropped = new ArrayList<>();
        for (DailyIndex index : List.copyOf(indices.values())) {
            if (index.day.isBefore(oldest)) {
                indices.remove(index.day);
                index.close();
                deleteRecursively(index.path);
                dropped.add(index.day);
            }
        }
        if (!dropped.isEmpty()) {
            LOG.info("retention of {} days dropped {}", config.retentionDays(), dropped);
        }
        return dropped;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private void refreshQuietly() {
        if (unrefreshedSince.get() == 0 || closed) {
            return;
        }
        try {
            refresh();
        } catch (IOException | RuntimeException e) {
            LOG.warn("refresh failed: {}", e.toString());
        }
    }

    private void commitQuietly() {
        if (closed) {
            return;
        }
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            LOG.warn("commit failed (events stay in the write-ahead log): {}", e.toString());
        }
    }

    private void retentionQuietly() {
        try {
            applyRetention();
        } catch (IOException | RuntimeException e) {
            LOG.warn("retention failed: {}", e.toString());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("store is closed");
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        background.shutdown();
        try {
            background.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        IOException failure = null;
        try {
            commit();
        } catch (IOException | RuntimeException e) {
            LOG.warn("final commit failed (the write-ahead log will be replayed): {}", e.toString());
        }
        closed = true;
        for (DailyIndex index : indices.values()) {
            try {
                index.close();
            } catch (IOException e) {
                failure = e;
            }
        }
        wal.close();
        if (failure != null) {
            throw failure;
        }
    }
}

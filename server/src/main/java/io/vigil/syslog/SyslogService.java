package io.vigil.syslog;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.ingest.IngestPipeline;
import io.vigil.server.IngestMetrics;
import io.vigil.store.EventStore;
import java.io.Closeable;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syslog receiver: every configured listener (TCP or TLS, and UDP on the same port), the queue
 * they share and the writers that store it, all feeding the same store as HTTP ingest (so detection
 * runs on syslog events too). {@link #start} returns once every port is bound; {@link #close}
 * stops reading, stores what was read and returns. See {@link SyslogMetrics} for what is counted.
 */
public final class SyslogService implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogService.class);
    private static final int BIND_TRIES = 10;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final List<SyslogTcpSource> tcp = new ArrayList<>();
    private final List<SyslogUdpSource> udp = new ArrayList<>();
    private final SyslogWriter writer;
    private final SyslogQueue queue;
    private final SyslogMetrics metrics;

    private SyslogService(SyslogConfig config, EventStore store, MeterRegistry registry) {
        this.queue = new SyslogQueue(config.queueBytes());
        this.metrics = new SyslogMetrics(registry);
        this.writer = new SyslogWriter(queue, store, metrics, new IngestMetrics(registry), config.batchLines(),
                config.batchWait(), config.writers());
        Gauge.builder("vigil.syslog.queue.bytes", queue, SyslogQueue::bytes)
                .description("Bytes of syslog text queued or being stored").register(registry);
    }

    /**
     * Binds every listener and starts receiving.
     *
     * @param defaultBind the address of listeners that name none (the HTTP bind address)
     * @param pipeline the server's ingest pipeline: its types parse the bodies, its enrichers run
     * @param store where events go: the server's detecting store
     * @throws IOException when a port cannot be bound or a TLS certificate cannot be read; nothing
     *     is left running
     * @throws IllegalArgumentException when a program map names an unknown type
     */
    public static SyslogService start(SyslogConfig config, String defaultBind, IngestPipeline pipeline, EventStore store,
                                      Clock clock, MeterRegistry registry) throws IOException {
        SyslogService service = new SyslogService(config, store, registry);
        Semaphore slots = new Semaphore(config.maxConnections());
        try {
            for (SyslogConfig.Listener l : config.listeners()) {
                SyslogCodec codec = new SyslogCodec(pipeline, store, clock, l.programs());
                service.listen(l, l.bind() == null ? defaultBind : l.bind(), codec, slots, pipeline.maxLineBytes());
            }
        } catch (IOException | RuntimeException e) {
            service.close();
            throw e;
        }
        service.writer.start();
        service.tcp.forEach(SyslogTcpSource::start);
        service.udp.forEach(SyslogUdpSource::start);
        return service;
    }

    /** The TCP (or TLS) port of each listener, in configuration order: the bound one when 0 was asked. */
    public List<Integer> ports() {
        return tcp.stream().map(SyslogTcpSource::port).toList();
    }

    /** Stops receiving, stores what was received, and returns; messages still unstored after 30 s are counted as dropped. */
    @Override
    public void close() throws IOException {
        tcp.forEach(SyslogTcpSource::close);
        udp.forEach(SyslogUdpSource::close);
        try {
            writer.stop(STOP_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void listen(SyslogConfig.Listener l, String bind, SyslogCodec codec, Semaphore slots, int maxBytes)
            throws IOException {
        InetAddress address = InetAddress.getByName(bind);
        Transport transport = l.tls() == null ? Transport.TCP : Transport.TLS;
        SSLContext tls = l.tls() == null ? null : PemKeyStore.serverContext(l.tls().certificate(), l.tls().key());
        for (int attempt = 1; ; attempt++) {
            ServerSocket server = serverSocket(tls);
            DatagramSocket datagrams = null;
            try {
                server.bind(new InetSocketAddress(address, l.port()), 1024);
                if (l.udp()) {
                    datagrams = datagramSocket(address, server.getLocalPort());
                }
            } catch (BindException e) {
                server.close();
                // A free TCP port whose UDP twin is taken: with port 0, try another.
                if (l.port() == 0 && attempt < BIND_TRIES) {
                    continue;
                }
                throw new BindException("syslog: cannot listen on " + bind + ":" + l.port() + ": " + e.getMessage());
            }
            tcp.add(new SyslogTcpSource(server, transport, codec, queue, metrics, slots, maxBytes));
            if (datagrams != null) {
                udp.add(new SyslogUdpSource(datagrams, codec, queue, metrics, maxBytes));
            }
            LOG.info("syslog listening on {}:{} ({}{})", bind, server.getLocalPort(), transport.tag(),
                    datagrams == null ? "" : " and udp");
            return;
        }
    }

    private static ServerSocket serverSocket(SSLContext tls) throws IOException {
        ServerSocket server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
        server.setReuseAddress(true);
        return server;
    }

    private static DatagramSocket datagramSocket(InetAddress address, int port) throws IOException {
        DatagramSocket socket = new DatagramSocket(null);
        try {
            socket.setReceiveBufferSize(SyslogUdpSource.RECEIVE_BUFFER_BYTES);
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }
}

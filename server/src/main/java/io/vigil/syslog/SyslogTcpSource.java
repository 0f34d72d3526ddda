package io.vigil.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over TCP (RFC 6587), or over TLS (RFC 5425) when the server socket is an SSL one. One
 * thread per connection reads frames ({@link SyslogFrameReader}) and puts them on the queue (the
 * writers parse them with the listener's {@link SyslogCodec}), waiting while it is full: a connection whose messages cannot be
 * stored yet is not read, so the sender's buffers fill and it slows down; nothing is dropped.
 * Connections over the shared limit are closed at once and counted. Idle connections stay open
 * (shippers keep theirs for days); TCP keep-alive finds dead peers.
 */
final class SyslogTcpSource implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogTcpSource.class);
    /** Connection threads only frame and queue: a small stack lets thousands of them fit. */
    private static final long STACK_BYTES = 512 * 1024;
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final long STOP_MILLIS = 5_000;

    private final ServerSocket server;
    private final Transport transport;
    private final SyslogCodec codec;
    private final SyslogQueue queue;
    private final SyslogMetrics metrics;
    private final Semaphore slots;
    private final int maxBytes;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong refusals = new AtomicLong();
    private final Thread acceptor;
    private volatile boolean closing;

    /**
     * @param server a bound socket, plain or {@link javax.net.ssl.SSLServerSocket}
     * @param slots the connection limit shared by all listeners
     * @param maxBytes longer messages are cut and tagged {@code _truncated}
     */
    SyslogTcpSource(ServerSocket server, Transport transport, SyslogCodec codec, SyslogQueue queue,
                    SyslogMetrics metrics, Semaphore slots, int maxBytes) {
        this.server = server;
        this.transport = transport;
        this.codec = codec;
        this.queue = queue;
        this.metrics = metrics;
        this.slots = slots;
        this.maxBytes = maxBytes;
        this.acceptor = new Thread(this::accept, "vigil-syslog-" + transport.tag() + "-" + server.getLocalPort());
    }

    void start() {
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /**
     * Stops accepting, lets every connection finish the messages it has read (reading nothing
     * more), and waits a few seconds for them to be queued.
     */
    @Override
    public void close() {
        closing = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("closing syslog port {}: {}", port(), e.toString());
        }
        connections.forEach(Connection::stopReading);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STOP_MILLIS);
        try {
            acceptor.join(STOP_MILLIS);
            for (Connection c : connections) {
                c.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.forEach(Connection::abort);
    }

    private void accept() {
        while (!closing) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closing) {
                    // Out of file descriptors, for instance: wait instead of spinning.
                    LOG.warn("syslog {} port {}: accept failed: {}", transport.tag(), port(), e.toString());
                    pause();
                }
                continue;
            }
            if (!slots.tryAcquire()) {
                refuse(socket);
                continue;
            }
            Connection c = new Connection(socket);
            connections.add(c);
            metrics.opened(transport);
            c.thread.start();
        }
    }

    private void refuse(Socket socket) {
        metrics.refused("limit");
        long n = refusals.incrementAndGet();
        if (n == 1 || n % 1000 == 0) {
            LOG.warn("syslog {} port {}: connection limit reached, {} connection(s) refused so far"
                    + " (syslog.max_connections)", transport.tag(), port(), n);
        }
        closeQuietly(socket);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Nothing to do: the socket is gone either way.
        }
    }

    private static String address(SocketAddress remote) {
        return remote instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : null;
    }

    /** One client connection and the thread reading it. */
    private final class Connection {
        final Socket socket;
        final Thread thread;
        final String peer;

        Connection(Socket socket) {
            this.socket = socket;
            this.peer = address(socket.getRemoteSocketAddress());
            this.thread = new Thread(null, this::run, "vigil-syslog-" + transport.tag() + "-" + peer, STACK_BYTES);
        }

        private void run() {
            try {
                socket.setKeepAlive(true);
                if (socket instanceof SSLSocket tls && !handshake(tls)) {
                    return;
                }
                read();
            } catch (IOException e) {
                // The peer went away or reset the connection: what was read is queued.
                LOG.debug("syslog {} connection from {} ended: {}", transport.tag(), peer, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(socket);
                connections.remove(this);
                metrics.closed(transport);
                slots.release();
            }
        }

        private boolean handshake(SSLSocket tls) throws IOException {
            tls.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            try {
                tls.startHandshake();
            } catch (IOException e) {
                metrics.refused("tls_handshake");
                LOG.info("syslog TLS handshake with {} failed: {}", peer, e.toString());
                return false;
            }
            tls.setSoTimeout(0);
            return true;
        }

        private void read() throws IOException, InterruptedException {
            SyslogFrameReader frames = new SyslogFrameReader(socket.getInputStream(), maxBytes);
            while (frames.next()) {
                if (SyslogCodec.isBlank(frames.message(), frames.length())) {
                    continue;
                }
                metrics.received(transport);
                byte[] text = Arrays.copyOf(frames.message(), frames.length());
                try {
                    queue.put(new SyslogMessage(transport, codec, text, frames.truncated(), peer));
                } catch (InterruptedException e) {
                    metrics.dropped(transport, "shutdown", 1);
                    throw e;
                }
            }
        }

        /** Makes the next read see the end of the stream; TLS sockets can only be closed. */
        void stopReading() {
            try {
                if (socket instanceof SSLSocket) {
                    socket.close();
                } else {
                    socket.shutdownInput();
                }
            } catch (IOException e) {
                closeQuietly(socket);
            }
        }

        void abort() {
            thread.interrupt();
            closeQuietly(socket);
        }
    }
}

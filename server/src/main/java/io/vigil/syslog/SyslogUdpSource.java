package io.vigil.syslog;

import java.io.Closeable;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Syslog over UDP (RFC 5426): one message per datagram, trailing line ends and NULs dropped. One
 * thread receives and queues without waiting: a datagram arriving while the queue is full
 * is dropped and counted ({@code queue_full}), since waiting would only move the loss into the
 * kernel's receive buffer, where nobody sees it.
 */
final class SyslogUdpSource implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SyslogUdpSource.class);
    /** Asked for; Linux grants at most net.core.rmem_max (often 208 KiB). */
    static final int RECEIVE_BUFFER_BYTES = 8 << 20;

    private final DatagramSocket socket;
    private final SyslogCodec codec;
    private final SyslogQueue queue;
    private final SyslogMetrics metrics;
    private final int maxBytes;
    private final Thread thread;

    SyslogUdpSource(DatagramSocket socket, SyslogCodec codec, SyslogQueue queue, SyslogMetrics metrics, int maxBytes) {
        this.socket = socket;
        this.codec = codec;
        this.queue = queue;
        this.metrics = metrics;
        this.maxBytes = maxBytes;
        this.thread = new Thread(this::run, "vigil-syslog-udp-" + socket.getLocalPort());
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() {
        socket.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        byte[] buffer = new byte[65_536];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!socket.isClosed()) {
            try {
                packet.setLength(buffer.length);
                socket.receive(packet);
            } catch (IOException e) {
                if (!socket.isClosed()) {
                    LOG.warn("syslog udp port {}: receive failed: {}", socket.getLocalPort(), e.toString());
                }
                continue;
            }
            handle(buffer, packet);
        }
    }

    private void handle(byte[] buffer, DatagramPacket packet) {
        int length = packet.getLength();
        while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r' || buffer[length - 1] == 0)) {
            length--;
        }
        boolean truncated = length > maxBytes;
        length = Math.min(length, maxBytes);
        if (SyslogCodec.isBlank(buffer, length)) {
            return;
        }
        metrics.received(Transport.UDP);
        String peer = packet.getAddress() == null ? null : packet.getAddress().getHostAddress();
        SyslogMessage message = new SyslogMessage(Transport.UDP, codec, Arrays.copyOf(buffer, length), truncated, peer);
        if (!queue.offer(message)) {
            metrics.dropped(Transport.UDP, "queue_full", 1);
        }
    }
}

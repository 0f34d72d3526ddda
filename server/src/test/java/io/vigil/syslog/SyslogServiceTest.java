package io.vigil.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.event.Event;
import io.vigil.store.EventStore;
import io.vigil.store.ForwardingEventStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyslogServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void storesEveryMessageOfEachTransportOnceWithItsFields() throws Exception {
        try (SyslogFixture f = new SyslogFixture(dir, SyslogFixture.plain())) {
            int n = 300;
            try (DatagramSocket udp = new DatagramSocket()) {
                for (int i = 0; i < n; i++) {
                    byte[] b = ("<38>Nov 28 10:01:02 udp-host sshd[" + i + "]: Failed password for root from 192.0.2.7 port "
                            + (1000 + i) + " ssh2\n").getBytes(StandardCharsets.UTF_8);
                    udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), f.port()));
                }
            }
            try (Socket tcp = new Socket("127.0.0.1", f.port())) {
                OutputStream out = tcp.getOutputStream();
                for (int i = 0; i < n; i++) {
                    out.write(("<190>Nov 28 10:01:02 web nginx: 198.51.100." + (i % 250) + " - - [28/Nov/2024:10:01:01 +0000]"
                            + " \"GET /p/" + i + " HTTP/1.1\" 200 5 \"-\" \"t\"\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            try (Socket tcp = new Socket("127.0.0.1", f.port())) {
                OutputStream out = tcp.getOutputStream();
                for (int i = 0; i < n; i++) {
                    String m = "<14>1 2024-11-28T10:01:02Z app1 billing " + i + " - - line one\nline two of " + i;
                    byte[] b = m.getBytes(StandardCharsets.UTF_8);
                    out.write((b.length + " ").getBytes(StandardCharsets.US_ASCII));
                    out.write(b);
                }
            }
            assertThat(f.awaitStored("udp", n, WAIT)).isEqualTo(n);
            assertThat(f.awaitStored("tcp", 2L * n, WAIT)).isEqualTo(2.0 * n);
            assertThat(f.count("event.dataset:system.auth AND event.outcome:failure AND host.name:udp-host")).isEqualTo(n);
            assertThat(f.count("event.dataset:nginx.access AND http.response.status_code:200 AND process.name:nginx")).isEqualTo(n);
            assertThat(f.count("process.name:billing AND message:\"line two\"")).isEqualTo(n);
            assertThat(f.count("log.source.address:127.0.0.1")).isEqualTo(3L * n);
            assertThat(f.hits("process.pid:[0 TO 299] AND process.name:billing")).hasSize(n);
            assertThat(f.counter("vigil.syslog.messages.received", "transport", "udp")).isEqualTo(n);
            assertThat(f.counter("vigil.syslog.messages.received", "transport", "tcp")).isEqualTo(2.0 * n);
            assertThat(f.counter("vigil.syslog.messages.dropped", "transport", "udp", "reason", "queue_full")).isZero();
        }
    }

    @Test
    void slowStoreStopsReadingTcpInsteadOfDropping() throws Exception {
        Gate gate = new Gate();
        SyslogConfig config = SyslogFixture.plain().withLimits(10, 1 << 20, 1000, Duration.ofMillis(10));
        try (SyslogFixture f = new SyslogFixture(dir, config, store -> new SlowStore(store, gate))) {
            // More than the 1 MiB queue plus what the kernel may buffer for the connection (Linux
            // autotunes a loopback receive buffer up to tcp_rmem's maximum, 32 MiB on some machines).
            String pad = "p".repeat(900);
            int n = (int) Math.max(10_000, ((1 << 20) + maxReceiveBuffer() + (8 << 20)) / (pad.length() + 30));
            AtomicLong written = new AtomicLong();
            Thread sender = new Thread(() -> {
                try (Socket tcp = new Socket()) {
                    tcp.setSendBufferSize(64 * 1024);
                    tcp.connect(new java.net.InetSocketAddress("127.0.0.1", f.port()));
                    OutputStream out = tcp.getOutputStream();
                    for (int i = 0; i < n; i++) {
                        out.write(("<13>Nov 28 10:01:02 h app: " + i + " " + pad + "\n").getBytes(StandardCharsets.US_ASCII));
                        written.incrementAndGet();
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sender.start();
            Thread.sleep(1000);
            long stuckAt = written.get();
            Thread.sleep(400);
            assertThat(sender.isAlive()).as("the sender waits while the store is stuck").isTrue();
            assertThat(written.get()).as("nothing more was written").isEqualTo(stuckAt).isLessThan(n);
            assertThat(f.syslog.ports()).isNotEmpty();
            gate.open();
            sender.join(WAIT.toMillis());
            assertThat(sender.isAlive()).isFalse();
            assertThat(f.awaitStored("tcp", n, WAIT)).isEqualTo(n);
            assertThat(f.count("process.name:app")).isEqualTo(n);
            assertThat(f.counter("vigil.syslog.messages.dropped", "transport", "tcp", "reason", "shutdown")).isZero();
        }
    }

    /** The largest receive buffer the kernel may give a TCP connection (tcp_rmem's third value), 6 MiB if unknown. */
    private static long maxReceiveBuffer() {
        try {
            String[] rmem = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/net/ipv4/tcp_rmem")).trim().split("\\s+");
            return Long.parseLong(rmem[2]);
        } catch (IOException | RuntimeException e) {
            return 6L << 20;
        }
    }

    @Test
    void countsUdpDatagramsDroppedWhileTheQueueIsFull() throws Exception {
        Gate gate = new Gate();
        SyslogConfig config = SyslogFixture.plain().withLimits(10, 1 << 20, 100, Duration.ofMillis(10));
        try (SyslogFixture f = new SyslogFixture(dir, config, store -> new SlowStore(store, gate))) {
            String pad = "u".repeat(1000);
            try (DatagramSocket udp = new DatagramSocket()) {
                for (int i = 0; i < 3000; i++) {
                    byte[] b = ("<13>Nov 28 10:01:02 h app: " + i + " " + pad).getBytes(StandardCharsets.US_ASCII);
                    udp.send(new DatagramPacket(b, b.length, InetAddress.getLoopbackAddress(), f.port()));
                    if (i % 100 == 0) {
                        Thread.sleep(2); // give the receiver a chance: kernel losses would go uncounted
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (f.counter("vigil.syslog.messages.dropped", "transport", "udp", "reason", "queue_full") == 0
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            gate.open();
            double received = settledReceived(f);
            double dropped = f.counter("vigil.syslog.messages.dropped", "transport", "udp", "reason", "queue_full");
            assertThat(dropped).isPositive();
            assertThat(f.awaitStored("udp", (long) (received - dropped), WAIT)).isEqualTo(received - dropped);
            assertThat(f.count("process.name:app")).isEqualTo((long) (received - dropped));
        }
    }

    /** The UDP received count once the socket's buffer has been read out. */
    private static double settledReceived(SyslogFixture f) throws InterruptedException {
        double last = -1;
        double now = f.counter("vigil.syslog.messages.received", "transport", "udp");
        while (now != last) {
            Thread.sleep(300);
            last = now;
            now = f.counter("vigil.syslog.messages.received", "transport", "udp");
        }
        return now;
    }

    @Test
    void storesWhatWasReadWhenItStops() throws Exception {
        try (SyslogFixture f = new SyslogFixture(dir, SyslogFixture.plain())) {
            try (Socket tcp = new Socket("127.0.0.1", f.port())) {
                OutputStream out = tcp.getOutputStream();
                for (int i = 0; i < 500; i++) {
                    out.write(("<13>Nov 28 10:01:02 h app: " + i + "\n").getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
                // Stop while the connection is still open: what was read is stored.
                while (f.counter("vigil.syslog.messages.received", "transport", "tcp") < 500) {
                    Thread.sleep(10);
                }
                f.stopReceiving();
            }
            assertThat(f.count("process.name:app")).isEqualTo(500);
        }
    }

    @Test
    void refusesConnectionsOverTheLimit() throws Exception {
        SyslogConfig config = SyslogFixture.plain().withLimits(2, 1 << 20, 100, Duration.ofMillis(10));
        try (SyslogFixture f = new SyslogFixture(dir, config);
             Socket a = new Socket("127.0.0.1", f.port());
             Socket b = new Socket("127.0.0.1", f.port());
             Socket c = new Socket("127.0.0.1", f.port())) {
            c.setSoTimeout(5000);
            assertThat(c.getInputStream().read()).as("closed by the server").isEqualTo(-1);
            assertThat(f.counter("vigil.syslog.connections.refused", "reason", "limit")).isEqualTo(1);
            a.getOutputStream().write("<13>Nov 28 10:01:02 h app: still served\n".getBytes(StandardCharsets.US_ASCII));
            a.getOutputStream().flush();
            assertThat(f.awaitCount("message:\"still served\"", 1, WAIT)).isEqualTo(1);
        }
    }

    @Test
    void givesEachListenerItsOwnProgramMap() throws Exception {
        SyslogConfig config = SyslogConfig.disabled().withListeners(List.of(
                SyslogConfig.Listener.plain(0),
                new SyslogConfig.Listener(null, 0, false, null, Map.of("billing", List.of("json")))));
        try (SyslogFixture f = new SyslogFixture(dir, config)) {
            String line = "<14>Nov 28 10:01:02 h billing: {\"order\": 7}\n";
            for (int port : f.syslog.ports()) {
                try (Socket tcp = new Socket("127.0.0.1", port)) {
                    tcp.getOutputStream().write(line.getBytes(StandardCharsets.US_ASCII));
                }
            }
            assertThat(f.awaitCount("process.name:billing", 2, WAIT)).isEqualTo(2);
            assertThat(f.count("order:7 AND host.name:h")).isEqualTo(1);
        }
    }

    @Test
    void tagsCutAndBadlyEncodedMessagesAndKeepsLinesWithoutHeader() throws Exception {
        try (SyslogFixture f = new SyslogFixture(dir, SyslogFixture.plain());
             Socket tcp = new Socket("127.0.0.1", f.port())) {
            OutputStream out = tcp.getOutputStream();
            out.write(("<13>Nov 28 10:01:02 h app: long " + "x".repeat(70_000) + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {'<', '1', '3', '>', 'N', 'o', 'v', ' ', '2', '8', ' ', '1', '0', ':', '0', '1', ':', '0', '2',
                ' ', 'h', ' ', 'a', 'p', 'p', ':', ' ', 'b', 'a', 'd', ' ', (byte) 0xff, '\n'});
            out.write("no header at all\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(f.awaitCount("*", 3, WAIT)).isEqualTo(3);
            assertThat(f.count("tags:_truncated AND message:long")).isEqualTo(1);
            assertThat(f.count("tags:_encoding_failure AND process.name:app")).isEqualTo(1);
            assertThat(f.count("tags:_parse_failure AND event.dataset:syslog AND message:\"no header at all\"")).isEqualTo(1);
        }
    }

    @Test
    void speaksTlsWithAPemCertificateAndKey() throws Exception {
        Pem pem = Pem.selfSigned(dir, false);
        assumeTrue(pem != null, "openssl is not installed");
        SyslogConfig.Tls tls = new SyslogConfig.Tls(pem.certificate(), pem.key());
        SyslogConfig config = SyslogConfig.disabled().withListeners(List.of(new SyslogConfig.Listener(null, 0, false, tls, Map.of())));
        try (SyslogFixture f = new SyslogFixture(dir.resolve("store"), config)) {
            try (SSLSocket s = (SSLSocket) pem.clientContext().getSocketFactory().createSocket("127.0.0.1", f.port())) {
                String m = "<38>1 2024-11-28T10:01:02Z bastion sshd 4242 - - Accepted password for alice from 192.0.2.9 port 5000 ssh2";
                s.getOutputStream().write((m.length() + " " + m).getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                assertThat(f.awaitStored("tls", 1, WAIT)).isEqualTo(1);
            }
            assertThat(f.count("event.action:ssh_login AND user.name:alice AND host.name:bastion")).isEqualTo(1);
            try (Socket plain = new Socket("127.0.0.1", f.port())) {
                plain.getOutputStream().write("<13>Nov 28 10:01:02 h app: in clear\n".getBytes(StandardCharsets.US_ASCII));
                plain.setSoTimeout(15_000);
                plain.getInputStream().readAllBytes(); // a TLS alert, then the end of the stream
            } catch (IOException reset) {
                // The server may reset the connection instead of closing it: refused either way.
            }
            assertThat(f.awaitCounter("vigil.syslog.connections.refused", 1, WAIT, "reason", "tls_handshake")).isEqualTo(1);
        }
    }

    @Test
    void readsPkcs1RsaKeysAndRefusesAKeyOfAnotherCertificate() throws Exception {
        Pem traditional = Pem.selfSigned(dir.resolve("a"), true);
        assumeTrue(traditional != null, "openssl is not installed");
        assertThat(Files.readString(traditional.key())).contains("BEGIN RSA PRIVATE KEY");
        assertThat(PemKeyStore.serverContext(traditional.certificate(), traditional.key())).isNotNull();
        Pem other = Pem.selfSigned(dir.resolve("b"), false);
        assertThatThrownBy(() -> PemKeyStore.serverContext(traditional.certificate(), other.key()))
                .isInstanceOf(IOException.class).hasMessageContaining("does not belong to the certificate");
    }

    @Test
    void refusesAProgramMapNamingAnUnknownType() {
        SyslogConfig config = SyslogConfig.disabled().withListeners(List.of(
                new SyslogConfig.Listener(null, 0, true, null, Map.of("app", List.of("no_such_type")))));
        assertThatThrownBy(() -> new SyslogFixture(dir, config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown type 'no_such_type'");
    }

    /** A self-signed certificate made by openssl, and a client trusting it. */
    record Pem(Path certificate, Path key) {
        static Pem selfSigned(Path dir, boolean pkcs1) throws IOException, InterruptedException {
            Files.createDirectories(dir);
            Path cert = dir.resolve("cert.pem");
            Path key = dir.resolve("key.pem");
            try {
                Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                        "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                        "-keyout", key.toString(), "-out", cert.toString())
                        .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IOException("openssl failed: " + Files.readString(dir.resolve("openssl.log")));
                }
                if (pkcs1) {
                    Process rsa = new ProcessBuilder("openssl", "rsa", "-in", key.toString(), "-traditional",
                            "-out", key.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("rsa.log").toFile()).start();
                    if (!rsa.waitFor(60, TimeUnit.SECONDS) || rsa.exitValue() != 0) {
                        throw new IOException("openssl rsa failed: " + Files.readString(dir.resolve("rsa.log")));
                    }
                }
            } catch (IOException e) {
                if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
                    return null;
                }
                throw e;
            }
            return new Pem(cert, key);
        }

        SSLContext clientContext() throws Exception {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            List<Certificate> chain = PemKeyStore.certificates(certificate);
            trust.setCertificateEntry("vigil", chain.get(0));
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        }
    }

    /** Holds appends until opened. */
    static final class Gate {
        private final CountDownLatch latch = new CountDownLatch(1);

        void open() {
            latch.countDown();
        }

        void pass() throws IOException {
            try {
                latch.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held", e);
            }
        }
    }

    /** A store whose appends wait for a gate: a disk that has stalled. */
    static final class SlowStore extends ForwardingEventStore {
        private final Gate gate;

        SlowStore(EventStore store, Gate gate) {
            super(store);
            this.gate = gate;
        }

        @Override
        public void append(List<Event> events) throws IOException {
            gate.pass();
            store.append(events);
        }
    }
}

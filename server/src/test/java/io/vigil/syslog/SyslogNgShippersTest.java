package io.vigil.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * syslog-ng 3.38's {@code network()} (BSD format, newline framing, TCP and UDP) and {@code syslog()}
 * (RFC 5424, octet counting, over TCP and TLS) drivers against the real receiver, sending the
 * {@link SyslogCorpus}.
 * Runs syslog-ng from {@link SyslogNg}; skipped when there is none.
 */
@Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SyslogNgShippersTest {
    @TempDir
    Path dir;

    private final SyslogCorpus corpus = SyslogCorpus.load(SyslogShippersTest.NGINX_LINES);

    @ParameterizedTest(name = "syslog-ng {0}(transport({1}))")
    @CsvSource({"network, tcp", "network, udp", "syslog, tcp"})
    void syslogNgShipsEveryLine(String driver, String transport) throws Exception {
        try (SyslogFixture f = new SyslogFixture(dir.resolve("store"), SyslogFixture.plain())) {
            ship(f, driver + "(\"127.0.0.1\" port(" + f.port() + ") transport(\"" + transport + "\"))");
            assertThat(f.counter("vigil.syslog.messages.received", "transport", transport)).isEqualTo(corpus.size());
        }
    }

    @Test
    void syslogNgShipsOverTlsCheckingTheCertificate() throws Exception {
        SyslogServiceTest.Pem pem = SyslogServiceTest.Pem.selfSigned(dir.resolve("tls"), false);
        assumeTrue(pem != null, "openssl is not installed");
        try (SyslogFixture f = new SyslogFixture(dir.resolve("store"), SyslogShippersTest.tlsConfig(pem))) {
            ship(f, "syslog(\"127.0.0.1\" port(" + f.port() + ") transport(\"tls\") tls(ca-file(\"" + pem.certificate()
                    + "\") peer-verify(required-trusted)))");
            assertThat(f.counter("vigil.syslog.messages.received", "transport", "tls")).isEqualTo(corpus.size());
        }
    }

    /** Runs syslog-ng sending the corpus to {@code destination} until it is stored. */
    private void ship(SyslogFixture f, String destination) throws Exception {
        Optional<SyslogNg> syslogNg = SyslogNg.find();
        assumeTrue(syslogNg.isPresent(), "no syslog-ng: install it, set VIGIL_SYSLOG_NG_ROOT to its unpacked .debs,"
                + " or let apt-get download them");
        Path work = Files.createDirectories(dir.resolve("syslog-ng"));
        Path conf = syslogNg.get().config(corpus.writeBodies(work.resolve("in")), destination, work);
        Process p = syslogNg.get().command(conf, work).redirectErrorStream(true)
                .redirectOutput(work.resolve("syslog-ng.log").toFile()).start();
        try {
            assertThat(p.waitFor(500, TimeUnit.MILLISECONDS)).as("syslog-ng exited at start").isFalse();
            corpus.assertStoredIn(f);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nsyslog-ng output:\n" + Files.readString(work.resolve("syslog-ng.log")), e);
        } finally {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}

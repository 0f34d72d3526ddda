package io.vigil.notify;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends a notice as a plain-text email over SMTP (Angus Mail), in the TLS mode of the channel's
 * settings. Thread-safe; one connection per message (notifications are rare, and a pooled
 * connection would only go stale between them). Connect, read and write each time out after the
 * configured timeout. Never throws for delivery problems: they are the {@link Delivery} answer.
 */
public final class EmailSender {
    private final Duration timeout;

    public EmailSender(Duration timeout) {
        this.timeout = timeout;
    }

    /**
     * Sends one message.
     *
     * @param smtp the server to use, with its sender address filled in
     * @param notificationId sent as {@code X-Vigil-Delivery}, the same on every retry
     */
    public Delivery send(Smtp smtp, EmailChannel channel, Notice notice, String notificationId) {
        if (smtp.from() == null) {
            return new Delivery.Failed("no sender address: set VIGIL_SMTP_FROM (smtp.from) or the channel's smtp.from", false);
        }
        String protocol = smtp.tls() == Smtp.Tls.TLS ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(smtp, protocol));
        String where = "SMTP " + smtp.host() + ":" + smtp.effectivePort();
        try {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(smtp.from(), true));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", channel.to()), true));
            m.setSubject(MessageFormat.subject(notice), "UTF-8");
            m.setText(MessageFormat.text(notice), "UTF-8");
            m.setSentDate(new Date());
            m.setHeader("X-Vigil-Delivery", notificationId);
            Transport transport = session.getTransport(protocol);
            try {
                transport.connect(smtp.host(), smtp.effectivePort(), smtp.user(), smtp.password());
                transport.sendMessage(m, m.getAllRecipients());
            } finally {
                transport.close();
            }
            return new Delivery.Sent(where + " accepted the message for " + channel.describe());
        } catch (AuthenticationFailedException e) {
            // Retrying a wrong password only risks locking the account.
            return new Delivery.Failed(where + ": authentication failed: " + message(e), true);
        } catch (AddressException e) {
            return new Delivery.Failed("not an email address: " + e.getRef(), true);
        } catch (MessagingException e) {
            int code = replyCode(e);
            return new Delivery.Failed(where + ": " + message(e), code >= 500 && code < 600);
        }
    }

    private Properties properties(Smtp smtp, String protocol) {
        Properties p = new Properties();
        String k = "mail." + protocol + ".";
        p.put(k + "host", smtp.host());
        p.put(k + "port", Integer.toString(smtp.effectivePort()));
        p.put(k + "auth", Boolean.toString(smtp.user() != null));
        p.put(k + "connectiontimeout", Long.toString(timeout.toMillis()));
        p.put(k + "timeout", Long.toString(timeout.toMillis()));
        p.put(k + "writetimeout", Long.toString(timeout.toMillis()));
        if (smtp.tls() == Smtp.Tls.STARTTLS) {
            p.put(k + "starttls.enable", "true");
            p.put(k + "starttls.required", "true");
        }
        if (smtp.sslTrust() != null) {
            p.put(k + "ssl.trust", smtp.sslTrust());
        }
        // A certificate trusted by name ("*" or a host list) is the self-signed case: its name rarely matches.
        p.put(k + "ssl.checkserveridentity", Boolean.toString(smtp.sslTrust() == null));
        return p;
    }

    /** The SMTP reply code behind a failure, or 0 when there was no reply (e.g. no connection). */
    private static int replyCode(MessagingException e) {
        for (Exception x = e; x != null; x = x instanceof MessagingException me ? me.getNextException() : null) {
            if (x instanceof SMTPSendFailedException s) {
                return s.getReturnCode();
            }
            if (x instanceof SMTPAddressFailedException a) {
                return a.getReturnCode();
            }
        }
        return 0;
    }

    private static String message(MessagingException e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().trim();
        Exception next = e.getNextException();
        if (next != null && next.getMessage() != null && !m.contains(next.getMessage().trim())) {
            m += " (" + next.getMessage().trim() + ")";
        }
        return m.replaceAll("\\s+", " ");
    }
}

/**
 * The syslog receiver: RFC 3164 and RFC 5424 messages over UDP, TCP (newline or octet-counted
 * framing, RFC 6587) and TLS (RFC 5425).
 *
 * <p>In: datagrams and TCP streams on the configured ports ({@link io.vigil.syslog.SyslogConfig}).
 * Out: events appended to the server's store (which runs detection) in batches, each message
 * parsed by {@link io.vigil.parse.SyslogRouter}: its program chooses the type of its body.
 *
 * <p>Flow: a source (one thread per TCP connection, one per UDP port) frames messages and puts
 * them on a queue bounded in bytes; writer threads take batches off it, parse them and append them.
 * Promises: a TCP message that was read is stored or counted as dropped, never silently lost; when
 * the store is slow the queue fills and TCP connections stop being read, so senders wait instead of
 * losing messages; UDP datagrams that find the queue full are dropped and counted. Every message is
 * counted once as received and once as stored or dropped ({@code /metrics}).
 */
package io.vigil.syslog;

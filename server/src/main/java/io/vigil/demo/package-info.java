/**
 * Demo data: the day of web traffic that {@code vigil server --demo} loads so that a new user sees
 * searches, charts and detections with something in them.
 *
 * <p>In: an instant {@code now} and a seed. Out: from {@link io.vigil.demo.DemoTraffic#generate},
 * nginx {@code combined} access-log lines, as the {@code nginx.access} parser reads them.
 * Promises: every line is a well-formed combined line with a UTC time at a whole second inside
 * {@code [now - 24h, now)}; lines come in ascending time order; there are 30,000 to 50,000 of them,
 * busier by day (UTC) than by night; the same {@code now} and seed give the same lines on any JVM;
 * a day takes well under a second to generate and needs nothing beyond the JDK.
 *
 * <p>The attacks in it are meant to be found: scanners (Nikto, sqlmap, Nuclei, masscan, zgrab),
 * path traversal, SQL injection, XSS and Log4Shell probes, bursts of more than five 401/403
 * answers to one address within five minutes on {@code /login} and {@code /admin/}, a
 * credential-stuffing wave from many addresses, and a slow brute force that ends in a successful
 * sign-in. Attackers use addresses no ordinary visitor uses, and internet clients use public
 * addresses; the only private address is an internal health probe on {@code /health}.
 */
package io.vigil.demo;

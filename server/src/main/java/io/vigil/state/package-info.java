/**
 * Durable server state that is not events: today the access tokens.
 *
 * <p>Promises: secrets are stored only as SHA-256 hashes; a generated secret is shown once (the
 * console and {@code DATA/credentials}, mode 0600) and never logged.
 */
package io.vigil.state;

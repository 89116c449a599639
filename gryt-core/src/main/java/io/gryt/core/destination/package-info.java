/**
 * A project's destinations and their outbox, as {@code gryt destinations} shows them: what waits and why, flushing
 * it, sending a test event. See {@code docs/destinations.md}.
 */
package io.gryt.core.destination;

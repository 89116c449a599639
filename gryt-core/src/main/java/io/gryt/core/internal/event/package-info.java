/**
 * Internal: the event bus that delivers typed lifecycle events ({@link io.gryt.api.event.GrytEvent}) to listeners,
 * in order, after the state they describe is recorded; a failing listener is logged and ignored.
 */
package io.gryt.core.internal.event;

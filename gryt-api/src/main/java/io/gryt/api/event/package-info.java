/** Lifecycle events ({@code evolution.started}, {@code promotion.completed}...) that hooks and destinations subscribe to. */
package io.gryt.api.event;

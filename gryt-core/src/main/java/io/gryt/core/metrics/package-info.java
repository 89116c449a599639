/** Metrics computed from the audit store with read-only SQL: pass rate, evolution count, durations, flaky steps. */
package io.gryt.core.metrics;

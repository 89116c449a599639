/**
 * Internal: the built-in promotion gates. Each reads the evidence gryt gathered once for all gates (one query), so
 * evaluating a generation of a thousand changes stays fast.
 */
package io.gryt.core.internal.gates;

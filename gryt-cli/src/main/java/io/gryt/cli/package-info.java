/**
 * The {@code gryt} command (picocli): a thin layer over {@link io.gryt.core.Gryt} that adds console and JSON output,
 * one-line errors and exit codes, never logic. Not an API: its classes are package-private.
 */
package io.gryt.cli;

package io.gryt.api.read;

/**
 * A step that failed and then passed, on a retry or on a later evolution of the same commit.
 *
 * @param step the step name
 * @param runs in how many runs it did so
 */
public record FlakyStep(String step, long runs) {
}

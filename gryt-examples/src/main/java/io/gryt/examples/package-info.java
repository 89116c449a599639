/** Runnable examples of gryt used from Java: each class is a {@code main} a user could copy. */
package io.gryt.examples;

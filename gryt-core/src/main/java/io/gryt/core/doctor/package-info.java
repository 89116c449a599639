/** {@code gryt doctor}: checks that a machine and a project can run gryt, and says what to fix. */
package io.gryt.core.doctor;

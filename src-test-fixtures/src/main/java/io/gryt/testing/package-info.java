/** Test fixtures shared by every module's tests: temporary git repositories, projects and stores. */
package io.gryt.testing;

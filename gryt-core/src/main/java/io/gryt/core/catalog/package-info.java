/**
 * Catalogs: reusable steps and pipelines by ecosystem. {@link io.gryt.core.catalog.Catalogs} finds a project's
 * catalogs (its {@code .gryt/catalogs/*.yaml}, those registered through the builder or {@link java.util.ServiceLoader},
 * gryt's built-in ones) and resolves references such as {@code go.release} and {@code go.test}.
 */
package io.gryt.core.catalog;

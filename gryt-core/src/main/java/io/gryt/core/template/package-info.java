/**
 * Project templates: {@link io.gryt.core.template.ProjectTemplates#create} makes a ready project (sources that build
 * and test, {@code .gryt/} with a pipeline from a catalog and a first generation, a git repository).
 */
package io.gryt.core.template;

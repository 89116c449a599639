/** JUnit XML test reports read as evidence: {@link io.gryt.core.testreport.JunitXml}. */
package io.gryt.core.testreport;

/**
 * JUnit 5 extensions for gryt users. {@link io.gryt.junit.Proves @Proves("PAY-001")} records how each test ended as
 * evidence for the change it proves when the suite runs inside a gryt step (or is configured to); a
 * {@link io.gryt.junit.GrytProject @GrytProject} test gets a temporary git repository with a gryt project, to test its
 * own pipelines and gates. Experimental: the annotations are stable in intent, the details may change before 1.0.
 */
package io.gryt.junit;

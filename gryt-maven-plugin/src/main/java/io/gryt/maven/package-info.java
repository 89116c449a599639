/**
 * gryt's Maven plugin: {@code mvn gryt:run -Dgryt.pipeline=ci}, {@code mvn gryt:evolve -Dgryt.generation=v1.0.0
 * -Dgryt.changes=PAY-001}, {@code mvn gryt:promote -Dgryt.generation=v1.0.0}, and {@code gryt:record-tests}, bound to
 * {@code verify}, which records the build's own Surefire and Failsafe reports as evidence for the changes it proves.
 */
package io.gryt.maven;

/**
 * Benchmarks of gryt's store at scale, run from the command line (see the module's README):
 * {@link io.gryt.bench.GateEvidenceBenchmark} times the evidence the promotion gates read.
 */
package io.gryt.bench;

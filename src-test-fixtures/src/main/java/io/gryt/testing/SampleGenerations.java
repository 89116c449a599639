package io.gryt.testing;

/** Sample generation files for tests: the seed spec's example release contract. */
public final class SampleGenerations {
    /** The seed's {@code .gryt/generations/v2.2.0.yaml}: three changes proven by {@code release-pipeline}. */
    public static final String SEED_V2_2_0 = """
            version: v2.2.0
            description: "Payment gateway overhaul"
            changes:
              - type: fix
                id: PAY-001
                title: "Race condition in refund webhook"
              - type: refine
                id: PAY-002
                title: "Reduce latency of status polling"
              - type: add
                id: PAY-003
                title: "Support Apple Pay"
            pipeline_template: release-pipeline
            """;

    private SampleGenerations() {
    }
}

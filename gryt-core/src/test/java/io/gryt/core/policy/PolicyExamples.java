package io.gryt.core.policy;

/** The policy files the tests and docs/policies.md share. */
public final class PolicyExamples {
    /** A policy with one rule of each kind (docs/policies.md's complete example). */
    public static final String COMPLETE = """
            description: "Release rules of the payment service"
            rules:
              - name: fixes-are-tested
                type: required_steps
                change_types: [fix]
                steps: [test]
              - name: additions-pass-e2e
                type: required_steps
                change_types: [add]
                steps: [e2e]
                enabled: false
              - name: fixes-name-their-issue
                type: required_fields
                change_types: [fix]
                fields: [description]
                reference: '(CVE-\\d{4}-\\d{4,}|[A-Z]+-\\d+)'
              - name: two-proofs
                type: min_evolutions
                change_types: [add, remove]
                min: 2
                distinct_commits: true
              - name: hotfix-scope
                type: hotfix_change_types
                allowed: [fix]
              - name: flaky-change
                type: max_failed_evolutions
                max: 3
              - name: pass-rate
                type: pass_rate_alert
                below_percent: 80
                over_last: 10
              - name: slow-tests
                type: slow_step_alert
                step: test
                slower_than: 5m
            """;

    /** The original tool's policies.yaml example. */
    public static final String LEGACY = """
            policies:
              - name: require-tests-for-fixes
                type: change_type
                enabled: true
                config:
                  change_types: [fix]
                  required_steps: [test]
              - name: require-two-evolutions
                type: evolution_count
                enabled: true
                config:
                  change_types: [add]
                  min_evolutions: 2
              - name: security-review
                type: custom
                enabled: false
                config:
                  custom_hook: scripts/security-review.sh
            """;

    private PolicyExamples() {
    }
}

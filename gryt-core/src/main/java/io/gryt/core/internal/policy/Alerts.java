package io.gryt.core.internal.policy;

import io.gryt.api.RunResult;
import io.gryt.api.StepResult;
import io.gryt.api.event.AlertRaised;
import io.gryt.api.release.Change;
import io.gryt.api.release.Evolution;
import io.gryt.api.release.EvolutionStatus;
import io.gryt.core.policy.Policy;
import io.gryt.core.policy.PolicyRule;
import io.gryt.core.policy.PolicyRule.MaxFailedEvolutions;
import io.gryt.core.policy.PolicyRule.PassRateAlert;
import io.gryt.core.policy.PolicyRule.SlowStepAlert;
import io.gryt.core.text.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert thresholds of a policy, checked after an evolution ends: the generation's pass rate over its last N
 * finished evolutions, a step of the evolution's run slower than a limit, a change with too many failed evolutions.
 * An alert is raised when this evolution crosses the threshold (a failure takes a change over its maximum, the
 * rate is below its floor after this evolution, this run's step was slow).
 */
public final class Alerts {
    private Alerts() {
    }

    /**
     * The alerts raised after {@code evolution} ended.
     *
     * @param all the generation's evolutions, {@code evolution} included in its final state
     * @param run the evolution's run, or {@code null} when it did not run
     */
    public static List<AlertRaised> after(Policy policy, Evolution evolution, List<Change> changes, List<Evolution> all,
                                          RunResult run, Instant at) {
        List<AlertRaised> alerts = new ArrayList<>();
        String version = evolution.generation();
        for (PassRateAlert rule : policy.enabled(PassRateAlert.class)) {
            List<Evolution> finished = all.stream().filter(e -> e.status() == EvolutionStatus.PASS
                    || e.status() == EvolutionStatus.FAIL).toList();
            List<Evolution> last = finished.subList(Math.max(0, finished.size() - rule.lastEvolutions()), finished.size());
            if (last.isEmpty()) continue;
            double rate = 100.0 * last.stream().filter(Evolution::passed).count() / last.size();
            if (rate < rule.belowPercent()) {
                String value = PolicyRule.percent(Math.round(rate * 10) / 10.0);
                alerts.add(new AlertRaised(rule.name(), value, "below " + PolicyRule.percent(rule.belowPercent()), version,
                        evolution.tag(), "pass rate of the last " + last.size() + " evolution(s) of " + version + " is "
                        + value + ", below " + PolicyRule.percent(rule.belowPercent()), at));
            }
        }
        if (run != null) {
            for (SlowStepAlert rule : policy.enabled(SlowStepAlert.class)) {
                for (StepResult step : run.steps()) {
                    if (rule.step() != null && !rule.step().equals(step.name())) continue;
                    Duration took = step.duration();
                    if (took.compareTo(rule.slowerThan()) > 0) {
                        String value = Durations.format(Duration.ofMillis(took.toMillis()));
                        alerts.add(new AlertRaised(rule.name(), value, Durations.format(rule.slowerThan()), version,
                                evolution.tag(), "step " + step.name() + " of " + evolution.tag() + " took " + value
                                + ", longer than " + Durations.format(rule.slowerThan()), at));
                    }
                }
            }
        }
        if (evolution.status() == EvolutionStatus.FAIL) {
            for (MaxFailedEvolutions rule : policy.enabled(MaxFailedEvolutions.class)) {
                for (Change c : changes) {
                    if (!PolicyRule.covers(rule.changeTypes(), c.type())) continue;
                    long failed = all.stream().filter(e -> e.status() == EvolutionStatus.FAIL && e.changes().contains(c.id())).count();
                    if (failed > rule.maximum()) {
                        alerts.add(new AlertRaised(rule.name(), String.valueOf(failed), String.valueOf(rule.maximum()), version,
                                evolution.tag(), c.id() + " has " + failed + " failed evolution(s), more than "
                                + rule.maximum(), at));
                    }
                }
            }
        }
        return alerts;
    }
}

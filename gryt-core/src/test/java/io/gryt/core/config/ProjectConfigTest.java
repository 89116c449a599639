package io.gryt.core.config;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings as values: defaults, checked copies, and the store a project opens. */
class ProjectConfigTest {
    @Test
    void withReturnsACheckedCopyAndLeavesTheOriginalAlone() {
        ProjectConfig defaults = ProjectConfig.defaults();
        ProjectConfig four = defaults.with(ConfigKey.RUN_RUNNERS, 4);
        assertThat(four.runners()).isEqualTo(4);
        assertThat(four.isSet(ConfigKey.RUN_RUNNERS)).isTrue();
        assertThat(defaults.runners()).isEqualTo(1);
        assertThat(four).isEqualTo(defaults.with("run.runners", "4")).isNotEqualTo(defaults);
        assertThatThrownBy(() -> defaults.with(ConfigKey.RUN_RUNNERS, 0)).isInstanceOf(InvalidConfigException.class)
                .hasMessage("run.runners: must be between 1 and 256, was 0");
    }

    @Test
    void settingAKeyToItsDefaultStillCountsAsSet() {
        ProjectConfig config = ProjectConfig.defaults().with(ConfigKey.EXECUTION_MODE, ExecutionMode.LOCAL);
        assertThat(config.isSet(ConfigKey.EXECUTION_MODE)).isTrue();
        assertThat(config.text(ConfigKey.EXECUTION_MODE)).contains("local");
    }

    @Test
    void theSharedModeNeedsItsUrlFirstAndThenOpensIt() {
        assertThatThrownBy(() -> ProjectConfig.defaults().with(ConfigKey.EXECUTION_MODE, ExecutionMode.SHARED))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("execution.mode").hasMessageContaining("execution.shared_url");
        ProjectConfig shared = ProjectConfig.defaults()
                .with("execution.shared_url", "jdbc:postgresql://db:5432/gryt")
                .with("execution.mode", "shared");
        assertThat(shared.storeUrl()).isEqualTo("jdbc:postgresql://db:5432/gryt");
        assertThat(shared.with("execution.mode", "local").storeUrl()).isEqualTo("sqlite:.gryt/gryt.db");
    }

    @Test
    void theStoreUrlMayBeSqliteOrPostgres() {
        assertThat(ProjectConfig.defaults().with("store.url", "sqlite:/var/gryt/runs.db").storeUrl()).isEqualTo("sqlite:/var/gryt/runs.db");
        assertThat(ProjectConfig.defaults().with("store.url", "postgresql://db/gryt").storeUrl()).isEqualTo("postgresql://db/gryt");
        assertThatThrownBy(() -> ProjectConfig.defaults().with("store.url", "sqlite:")).hasMessageStartingWith("store.url: 'sqlite:' is not a store URL");
    }

    @Test
    void everyKeyHasADescriptionAndItsDefaultReadsBack() {
        for (ConfigKey<?> key : ConfigKey.all()) {
            assertThat(key.description()).as(key.name()).isNotBlank();
            assertThat(ConfigKey.named(key.name())).isSameAs(key);
            key.defaultValue().ifPresent(v -> assertThat(key.parse(key.formatAny(v))).isEqualTo(v));
        }
        assertThat(ConfigKey.EXECUTION_SHARED_URL.defaultValue()).isEmpty();
    }

    @Test
    void passwordsAreKeptOutOfMessagesAndToString() {
        assertThat(StoreUrls.redact("postgresql://gryt:hunter2@db/gryt")).isEqualTo("postgresql://gryt:***@db/gryt");
        assertThat(StoreUrls.redact("jdbc:postgresql://db/gryt?user=g&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/gryt?user=g&password=***&ssl=true");
        assertThat(StoreUrls.redact("sqlite:.gryt/gryt.db")).isEqualTo("sqlite:.gryt/gryt.db");
        ProjectConfig config = ProjectConfig.defaults().with("execution.shared_url", "postgresql://gryt:hunter2@db/gryt");
        assertThat(config.toString()).doesNotContain("hunter2").contains("execution.shared_url=postgresql://gryt:***@db/gryt");
    }
}

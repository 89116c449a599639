package io.gryt.postgres;

import io.gryt.api.spi.StoreException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store URL's own {@code patience} parameter: gryt's, never passed to the driver. */
class PostgresLocationTest {
    @Test
    void aPatienceInTheUrlSetsHowLongGrytWaitsForTheServerAndIsNotADriverParameter() {
        PostgresLocation at = PostgresLocation.parse("postgres://ci@db.example/gryt?sslmode=require&patience=1500ms");

        assertThat(at.patience()).contains(Duration.ofMillis(1500));
        assertThat(at.parameters()).isEqualTo(Map.of("sslmode", "require"));
        assertThat(at.applyTo(PostgresOptions.forCommand()).patience()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void patienceIsWrittenInSecondsMinutesOrMillisecondsAndBareDigitsAreSeconds() {
        assertThat(patience("30s")).contains(Duration.ofSeconds(30));
        assertThat(patience("2m")).contains(Duration.ofMinutes(2));
        assertThat(patience("0")).contains(Duration.ZERO);
        assertThat(patience("45")).contains(Duration.ofSeconds(45));
    }

    @Test
    void withoutPatienceTheOptionsKeepTheirOwn() {
        PostgresLocation at = PostgresLocation.parse("postgres://ci@db.example/gryt");

        assertThat(at.patience()).isEmpty();
        assertThat(at.applyTo(PostgresOptions.forCommand())).isEqualTo(PostgresOptions.forCommand());
    }

    @Test
    void aPatienceThatIsNoDurationIsOneLineNamingIt() {
        assertThatThrownBy(() -> PostgresLocation.parse("postgres://ci@db.example/gryt?patience=soon"))
                .isInstanceOf(StoreException.class)
                .hasMessage("the store location postgres://ci@db.example/gryt?patience=soon has patience=soon,"
                        + " not a duration (e.g. patience=30s, 500ms, 2m)");
    }

    private static Optional<Duration> patience(String value) {
        return PostgresLocation.parse("postgres://ci@db.example/gryt?patience=" + value).patience();
    }
}

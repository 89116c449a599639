package io.gryt.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How the {@code gryt} command starts step processes. */
class ProcessLaunchTest {
    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(Main.LAUNCH_MECHANISM);
        System.clearProperty(Main.LAUNCH_MECHANISM);
    }

    @AfterEach
    void restore() {
        if (saved == null) System.clearProperty(Main.LAUNCH_MECHANISM);
        else System.setProperty(Main.LAUNCH_MECHANISM, saved);
    }

    @Test
    void stepsStartWithVforkOnLinuxJdksThatOfferIt() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux") && Runtime.version().feature() <= 24,
                "vfork is offered by Linux JDKs 17 to 24");

        Main.chooseProcessLaunch();

        assertThat(System.getProperty(Main.LAUNCH_MECHANISM)).isEqualTo("VFORK");
    }

    @Test
    void aMechanismTheUserChoseIsKept() {
        System.setProperty(Main.LAUNCH_MECHANISM, "FORK");

        Main.chooseProcessLaunch();

        assertThat(System.getProperty(Main.LAUNCH_MECHANISM)).isEqualTo("FORK");
    }
}

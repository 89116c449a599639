package io.gryt.core.internal.exec;

import io.gryt.core.internal.secret.SecretMask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class OutputPumpTest {
    @TempDir
    Path dir;

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aSecretSplitBetweenTwoReadsIsMaskedInTheLogTheTailAndTheListener() throws IOException {
        List<String> heard = new CopyOnWriteArrayList<>();
        Path file = dir.resolve("s.log");
        StepLog log = StepLog.open(file, SecretMask.of(List.of("hunter2secret")), heard::add);
        OutputPump pump = new OutputPump(null, log);
        byte[] first = utf8("plain line\nthe password is hunt");
        byte[] second = utf8("er2secret, really\nlast\n");
        pump.take(first, first.length);
        pump.take(second, second.length);
        log.close();

        assertThat(Files.readAllLines(file)).containsExactly("plain line", "the password is ***, really", "last");
        assertThat(heard).containsExactly("plain line", "the password is ***, really", "last");
        assertThat(log.tail()).containsExactly("plain line", "the password is ***, really", "last");
    }

    @Test
    void withoutListenerOrSecretLinesAreWrittenAsPrintedAndOnlyTheLastReachTheTail() throws IOException {
        Path file = dir.resolve("p.log");
        StepLog log = StepLog.open(file, SecretMask.of(List.of()), null);
        OutputPump pump = new OutputPump(null, log);
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= 200; i++) text.append("line ").append(i).append(i % 2 == 0 ? "\r\n" : "\n");
        byte[] bytes = utf8(text.toString());
        pump.take(bytes, bytes.length);
        log.close();

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(200).startsWith("line 1", "line 2").endsWith("line 200");
        assertThat(log.tail()).hasSize(StepLog.TAIL_LINES).startsWith("line 151").endsWith("line 199", "line 200");
    }

    @Test
    void aLineThatMayStartASecretIsHeldUntilTheNextLineThenMaskedInBoth() throws IOException {
        List<String> heard = new CopyOnWriteArrayList<>();
        Path file = dir.resolve("h.log");
        StepLog log = StepLog.open(file, SecretMask.of(List.of("hunter2secret")), heard::add);
        OutputPump pump = new OutputPump(null, log);
        byte[] first = utf8("plain\nthe password is hunt\n");
        pump.take(first, first.length);

        assertThat(heard).containsExactly("plain");
        byte[] second = utf8("er2secret, really\n");
        pump.take(second, second.length);
        log.close();

        assertThat(heard).containsExactly("plain", "the password is ***", "***, really");
        assertThat(Files.readAllLines(file)).containsExactly("plain", "the password is ***", "***, really");
        assertThat(log.tail()).containsExactly("plain", "the password is ***", "***, really");
    }

    @Test
    void aHeldLineIsHandedOnAfterAShortWaitWhenNoMoreOutputComes() throws Exception {
        List<String> heard = new CopyOnWriteArrayList<>();
        StepLog log = StepLog.open(dir.resolve("w.log"), SecretMask.of(List.of("hunter2secret")), heard::add);
        OutputPump pump = new OutputPump(null, log);
        byte[] line = utf8("the password is hunt\n");
        pump.take(line, line.length);

        assertThat(heard).isEmpty();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
        while (heard.isEmpty() && System.nanoTime() < deadline) Thread.sleep(20);
        assertThat(heard).containsExactly("the password is hunt");
        log.close();
    }
}

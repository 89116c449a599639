package io.gryt.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Audit payloads and row images are written without Jackson ({@link Json#canonical}, {@link Timestamps#format}): the
 * text must be the very text Jackson and the {@link DateTimeFormatter} wrote before, or every hash of the audit chain
 * and every verification of a row image would change.
 */
class CanonicalJsonTest {
    private static final List<String> AWKWARD = List.of("", "plain", "quote\"d", "back\\slash", "tab\tnew\nline\r",
            "\b\f\u0000\u001f\u007f", "é ü 中 \uD83D\uDE00", "/slash/", "u2028\u2028", "lone \uD800 surrogate");

    @Test
    void payloadsAreJacksonsText() {
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            Object value = value(random, 0);
            assertThat(Json.canonical(value)).as("value %s", value).isEqualTo(Json.Mapper.canonical(value));
        }
    }

    @Test
    void valuesJacksonWritesItsOwnWayStillGoThroughIt() {
        Map<String, Object> odd = new TreeMap<>(Map.of("nan", Double.NaN, "inf", Double.NEGATIVE_INFINITY,
                "float", 1.5f, "bytes", new byte[] {1, 2}, "char", 'c'));
        for (Map.Entry<String, Object> e : odd.entrySet()) {
            Map<String, Object> one = Map.of("k", e.getValue());
            assertThat(Json.canonical(one)).as(e.getKey()).isEqualTo(Json.Mapper.canonical(one));
        }
        Map<Object, Object> numberKeys = new HashMap<>(Map.of(2, "b", 1, "a"));
        assertThat(Json.canonical(numberKeys)).isEqualTo(Json.Mapper.canonical(numberKeys));
    }

    @Test
    void unsortedMapsAreWrittenWithSortedKeys() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zeta", 1L);
        map.put("alpha", Arrays.asList(null, "x", 2.5));
        map.put("Mid", Map.of("b", true, "a", false));
        assertThat(Json.canonical(map)).isEqualTo("{\"Mid\":{\"a\":false,\"b\":true},\"alpha\":[null,\"x\",2.5],\"zeta\":1}")
                .isEqualTo(Json.Mapper.canonical(map));
    }

    @Test
    void timestampsAreTheFormattersText() {
        DateTimeFormatter formatter = new DateTimeFormatterBuilder().appendInstant(9).toFormatter();
        Random random = new Random(7);
        List<Instant> instants = new ArrayList<>(List.of(Instant.EPOCH, Instant.ofEpochSecond(0, 1),
                Instant.parse("1999-12-31T23:59:59.999999999Z"), Instant.parse("2000-02-29T12:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("0001-01-01T00:00:00Z"), Instant.now()));
        for (int i = 0; i < 5_000; i++) {
            instants.add(Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L),
                    random.nextInt(1_000_000_000)));
        }
        for (Instant instant : instants) {
            assertThat(Timestamps.format(instant)).as(instant.toString()).isEqualTo(formatter.format(instant));
            assertThat(Timestamps.parse(Timestamps.format(instant))).isEqualTo(instant);
        }
        assertThat(Timestamps.format(null)).isNull();
        assertThat(Timestamps.parse(null)).isNull();
        // any other text, a date that does not exist included, is read as Instant.parse reads it, or refused as it refuses it
        for (String text : List.of("2026-01-01T00:00:00Z", "2026-01-01T00:00:00.5Z", "2026-12-31T23:59:60.000000000Z",
                "2024-02-29T12:00:00.000000001Z", "+10000-01-01T00:00:00Z", "2025-02-29T12:00:00.000000000Z",
                "2026-04-31T00:00:00.000000000Z", "2026-13-01T00:00:00.000000000Z", "2026-01-01T24:00:00.000000000Z",
                "2026-01-01T00:00:00.00000000xZ", "2026-01-01 00:00:00.000000000Z", "2026-00-10T00:00:00.000000000Z",
                "2026-01-01T00:00:00.000000000z", "-026-01-01T00:00:00.000000000Z", "2026-01-01T00:60:00.000000000Z")) {
            Object expected;
            try {
                expected = Instant.parse(text);
            } catch (RuntimeException e) {
                expected = e.getClass();
            }
            Object actual;
            try {
                actual = Timestamps.parse(text);
            } catch (RuntimeException e) {
                actual = e.getClass();
            }
            assertThat(actual).as(text).isEqualTo(expected);
        }
    }

    /** A random value of the kinds row images and payloads hold: maps, lists, text, integers, doubles, booleans, null. */
    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth >= 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> null;
            case 1 -> AWKWARD.get(random.nextInt(AWKWARD.size())) + text(random);
            case 2 -> random.nextLong();
            case 3 -> random.nextInt(1000);
            case 4 -> switch (random.nextInt(4)) {
                case 0 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
                case 1 -> (double) random.nextInt(100_000);
                case 2 -> -0.0;
                default -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL);
            };
            case 5 -> random.nextBoolean();
            case 6 -> {
                Map<String, Object> map = random.nextBoolean() ? new TreeMap<>() : new HashMap<>();
                for (int i = random.nextInt(5); i > 0; i--) map.put(text(random), value(random, depth + 1));
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) list.add(value(random, depth + 1));
                yield list;
            }
        };
    }

    private static String text(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = random.nextInt(8); i > 0; i--) {
            b.append(switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) random.nextInt(0x80);
                case 2 -> (char) random.nextInt(0x10000);
                default -> (char) ('a' + random.nextInt(26));
            });
        }
        return b.toString();
    }
}

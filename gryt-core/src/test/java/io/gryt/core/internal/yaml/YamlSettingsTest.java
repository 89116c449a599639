package io.gryt.core.internal.yaml;

import io.gryt.core.internal.yaml.YamlSettings.Setting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings files: nested or dotted keys with their positions, and edits that keep the rest of the file. */
class YamlSettingsTest {
    private static Map<String, String> values(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        for (Setting s : YamlSettings.read("c.yaml", text)) map.put(s.key(), s.text());
        return map;
    }

    @Test
    void nestedFlowAndDottedKeysAllReadAsDottedKeysWithTheirPositions() {
        List<Setting> settings = YamlSettings.read("c.yaml", """
                # settings
                store:
                  url: "sqlite:x.db"
                run: {runners: 3}
                execution.mode: shared
                """);
        assertThat(settings).extracting(Setting::key).containsExactly("store.url", "run.runners", "execution.mode");
        assertThat(settings).extracting(Setting::text).containsExactly("sqlite:x.db", "3", "shared");
        assertThat(settings.get(0).keyMark()).isEqualTo(new YamlSettings.Mark(3, 3));
        assertThat(settings.get(0).mark()).isEqualTo(new YamlSettings.Mark(3, 8));
        assertThat(settings.get(1).error("bad").getMessage()).isEqualTo("c.yaml:4:16: run.runners: bad");
    }

    @Test
    void onlyCommentsMeansNoSettings() {
        assertThat(YamlSettings.read("c.yaml", "# nothing yet\n\n")).isEmpty();
    }

    @Test
    void theSameKeyNestedAndDottedIsRefusedNamingBothLines() {
        assertThatThrownBy(() -> YamlSettings.read("c.yaml", "store:\n  url: a\nstore.url: b\n"))
                .isInstanceOf(YamlException.class).hasMessage("c.yaml:3:1: store.url: set twice (first at line 2)");
    }

    @Test
    void listsEmptyValuesAndNonMapsAreRefusedWithTheirPosition() {
        assertThatThrownBy(() -> YamlSettings.read("c.yaml", "run:\n  runners: [1, 2]\n"))
                .hasMessage("c.yaml:2:12: run.runners: expected a single value, got a list");
        assertThatThrownBy(() -> YamlSettings.read("c.yaml", "store:\n  url:\n"))
                .hasMessageStartingWith("c.yaml:2:").hasMessageEndingWith("store.url: no value; give one or remove the key");
        assertThatThrownBy(() -> YamlSettings.read("c.yaml", "- a\n- b\n"))
                .hasMessage("c.yaml:1:1: expected a map of settings at the top level, got a list");
        assertThatThrownBy(() -> YamlSettings.read("c.yaml", "store: {url: [\n"))
                .isInstanceOf(YamlException.class).hasMessageStartingWith("c.yaml:").hasMessageContaining("invalid YAML");
    }

    @Test
    void settingAnExistingValueReplacesOnlyThatValue() {
        String text = """
                # where runs go
                store:
                  url: sqlite:a.db   # the default is .gryt/gryt.db
                run:
                  runners: 2
                """;
        assertThat(YamlSettings.set("c.yaml", text, "run.runners", "8")).isEqualTo("""
                # where runs go
                store:
                  url: sqlite:a.db   # the default is .gryt/gryt.db
                run:
                  runners: 8
                """);
        assertThat(YamlSettings.set("c.yaml", text, "store.url", "sqlite:b c.db")).isEqualTo("""
                # where runs go
                store:
                  url: "sqlite:b c.db"   # the default is .gryt/gryt.db
                run:
                  runners: 2
                """);
    }

    @Test
    void aNewKeyGoesIntoItsBlockSectionAfterItsLastLine() {
        String text = """
                execution:
                  mode: local  # for now
                store:
                  url: sqlite:a.db
                """;
        assertThat(YamlSettings.set("c.yaml", text, "execution.shared_url", "postgresql://db/gryt")).isEqualTo("""
                execution:
                  mode: local  # for now
                  shared_url: postgresql://db/gryt
                store:
                  url: sqlite:a.db
                """);
    }

    @Test
    void aNewSectionIsAppendedAndAFlowSectionGrowsInPlace() {
        assertThat(YamlSettings.set("c.yaml", "# header\nstore:\n  url: sqlite:a.db\n", "run.runners", "4"))
                .isEqualTo("# header\nstore:\n  url: sqlite:a.db\nrun:\n  runners: 4\n");
        assertThat(YamlSettings.set("c.yaml", "run: {runners: 2}  # two\n", "run.mode", "fast"))
                .isEqualTo("run: {runners: 2, mode: fast}  # two\n");
        assertThat(YamlSettings.set("c.yaml", "run: {}\n", "run.runners", "2")).isEqualTo("run: {runners: 2}\n");
        assertThat(YamlSettings.set("c.yaml", "execution.mode: local\n", "execution.mode", "shared"))
                .isEqualTo("execution.mode: shared\n");
    }

    @Test
    void anEmptyOrCommentOnlyFileGetsTheSettingAfterItsComments() {
        assertThat(YamlSettings.set("c.yaml", "", "store.url", "sqlite:a.db")).isEqualTo("store:\n  url: sqlite:a.db\n");
        assertThat(YamlSettings.set("c.yaml", "# mine", "a.b.c", "x")).isEqualTo("# mine\na:\n  b:\n    c: x\n");
    }

    @Test
    void deeperKeysGoIntoTheDeepestExistingSection() {
        String edited = YamlSettings.set("c.yaml", "a:\n  b:\n    c: 1\n  d: 2\n", "a.b.e", "3");
        assertThat(edited).isEqualTo("a:\n  b:\n    c: 1\n    e: 3\n  d: 2\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "null", "~", "1.5", "0x10", "-3", "a: b", "x #y", "#z", "it's", "say \"hi\"",
            "a,b", "{x}", "[1]", "ends:", "tab\there", "@home", "!tag", "*alias", "&anchor", "%p", "|", ">", " lead",
            "trail ", "ünïcode", "sqlite:.gryt/gryt.db", "postgresql://u:p@h:5432/db?ssl=true&x=1"})
    void anyTextReadsBackExactlyInBlockAndFlowSections(String value) {
        String block = YamlSettings.set("c.yaml", "s:\n  k: old\n", "s.k", value);
        assertThat(values(block)).containsEntry("s.k", value);
        String flow = YamlSettings.set("c.yaml", "s: {k: old, j: 1}\n", "s.k", value);
        assertThat(values(flow)).containsEntry("s.k", value).containsEntry("s.j", "1");
        String added = YamlSettings.set("c.yaml", "s: {j: 1}\n", "s.k", value);
        assertThat(values(added)).containsEntry("s.k", value).containsEntry("s.j", "1");
    }

    @Test
    void aMultiLineValueIsReplacedWhole() {
        String text = "a:\n  b: one\n    two\n  c: 3\n";
        assertThat(values(text)).containsEntry("a.b", "one two");
        assertThat(YamlSettings.set("c.yaml", text, "a.b", "1")).isEqualTo("a:\n  b: 1\n  c: 3\n");
    }

    @Test
    void aLayoutThatCannotBeEditedInPlaceIsWrittenAfreshWithoutLosingASetting() {
        // a trailing comma in a flow map: adding ", d: 4" before the brace would not be YAML
        String text = "a: {b: 1, c: 2,}\nz: 0\n";
        assertThat(YamlSettings.set("c.yaml", text, "a.d", "4")).isEqualTo("a:\n  b: 1\n  c: 2\n  d: 4\nz: 0\n");
    }

    @Test
    void aKeyCannotBecomeBothAValueAndAMap() {
        assertThatThrownBy(() -> YamlSettings.set("c.yaml", "a: 1\n", "a.b", "2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> YamlSettings.set("c.yaml", "a: {b: 1}\n", "a", "2")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aBrokenFileIsNotEdited() {
        assertThatThrownBy(() -> YamlSettings.set("c.yaml", "a: [1\n", "a", "2")).isInstanceOf(YamlException.class);
    }
}

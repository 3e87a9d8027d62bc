package io.pacesetter.job.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.store.StoreMonth;
import io.pacesetter.job.store.StoreMonths;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public version's suppression, and the commentary file. */
class PublicationTest {
    static final YearMonth JUNE = SnapshotBuilderTest.JUNE_2016;

    /**
     * June 2016 only: force-wide 30 incidents, urban 26 (20 met), rural 4 (3 met). Rural is under 10, so
     * withheld; urban with it, or force less urban would give rural away.
     */
    static Snapshot snapshot() {
        Map<YearMonth, StoreMonth> store = new HashMap<>();
        var c = SnapshotBuilderTest.CONFIG;
        String force = SnapshotBuilderTest.FORCE;
        store.put(
                JUNE,
                StoreMonths.month(
                        c,
                        "2016-06",
                        StoreMonths.attendance(c, "2016-06", Scope.FORCE, force, null, 23, fails(7)),
                        StoreMonths.attendance(c, "2016-06", Scope.FORCE, force, Area.URBAN, 20, fails(6)),
                        StoreMonths.attendance(c, "2016-06", Scope.FORCE, force, Area.RURAL, 3, fails(1))));
        return new SnapshotBuilder(c, SnapshotBuilderTest.CLOCK).build(JUNE, store);
    }

    private static String[] fails(int n) {
        String[] reasons = new String[n];
        java.util.Arrays.fill(reasons, "TRAFFIC");
        return reasons;
    }

    private static Line attended(Snapshot s, Area area) {
        return s.section(Section.ATTENDANCE).stream()
                .filter(l -> l.measure().equals("ATTENDED_WITHIN_STANDARD") && l.area() == area)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void aSmallAreaIsWithheldAndSoIsTheOtherPartOfItsTotal() throws Exception {
        Snapshot full = snapshot();
        Snapshot published = Publication.of(full, SnapshotBuilderTest.CONFIG);

        assertThat(attended(full, Area.RURAL).month().value()).isEqualTo(0.75);
        // primary: 4 incidents, under snapshot.suppressBelow (10)
        assertThat(attended(published, Area.RURAL).month().suppressed()).isTrue();
        assertThat(attended(published, Area.RURAL).month().value()).isNull();
        // secondary: 26 incidents, but force-wide less urban would reveal rural
        assertThat(attended(published, Area.URBAN).month().suppressed()).isTrue();
        // the total stays, rounded to 0.1 of a per cent (23 / 30 = 76.666…%)
        assertThat(attended(published, null).month().suppressed()).isFalse();
        assertThat(attended(published, null).month().value()).isEqualTo(0.767);
        assertThat(attended(published, null).month().numerator()).isNull();
        assertThat(published.publicVersion()).isTrue();

        StringWriter csv = new StringWriter();
        SnapshotCsv.write(published, csv);
        List<String> rural = csv.toString()
                .lines()
                .filter(r -> r.contains(",ATTENDED_WITHIN_STANDARD,")
                        && r.contains(",RURAL,")
                        && r.contains(",MONTH,2016-06,2016-06,"))
                .toList();
        assertThat(rural)
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r).contains(",,,,share,").contains(",suppressed,"));
        assertThat(Html.render(published))
                .contains("(public version)")
                .contains("fewer than 10 legs, incidents or events are withheld");
    }

    @Test
    void commentaryInMarkdownIsKeyedByMeasureAndShownBesideItsFigures(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("june.md");
        Files.writeString(
                file,
                "# June\n\nA quiet month.\n\n## ATTENDED_WITHIN_STANDARD\nTwo cars were off the road. More to follow.\n");
        Map<String, String> said = Commentary.read(file);

        assertThat(said)
                .containsEntry(Commentary.GENERAL, "A quiet month.")
                .containsEntry("ATTENDED_WITHIN_STANDARD", "Two cars were off the road. More to follow.");
        String html = Html.render(snapshot().withCommentary(said));
        assertThat(html).contains("<h2>Officer's commentary</h2>").contains("<p>A quiet month.</p>");
        // beside its figures in the headline table, the first sentence
        assertThat(html).contains("<span class=\"said\">Two cars were off the road.</span>");
    }

    @Test
    void commentaryInYamlNamingNoMeasureIsRefusedSayingWhich(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("june.yaml");
        Files.writeString(file, "999/ANSWERED_WITHIN_STANDARD: Better.\nRESPONSE_TIMES: Worse.\n");

        IllegalArgumentException e = catchThrowableOfType(IllegalArgumentException.class, () -> Commentary.read(file));
        assertThat(e.getMessage()).contains("'RESPONSE_TIMES' names no measure");
    }
}

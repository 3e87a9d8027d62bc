package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.MonthAggregate;
import io.pacesetter.job.store.ClosedMonth;
import io.pacesetter.job.store.ConfigHash;
import io.pacesetter.job.store.MonthlyStoreFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** snapshot on the command line: usage errors name the option and the fix (exit 2); a store gives its files (exit 0). */
class SnapshotCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private PrintStream oldErr;
    private PrintStream oldOut;

    @BeforeEach
    void capture() {
        oldErr = System.err;
        oldOut = System.out;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(oldErr);
        System.setOut(oldOut);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path storeWithJune(String force) throws Exception {
        PacesetterConfig cfg = ConfigLoader.defaults();
        MonthAggregate a = new MonthAggregate();
        a.family = MeasureFamily.CALL_LEGS;
        a.queue = "999";
        a.scope = Scope.FORCE;
        a.scopeId = force;
        a.key = a.scopeKey().key;
        a.month = "2016-06";
        a.closedAt = 1_467_500_000_000L;
        a.tally.addLeg(true, 4_000, true, false);
        Path store = dir.resolve("store");
        MonthlyStoreFiles.write(
                store, new ClosedMonth("2016-06", List.of(a)), force, "Europe/London", ConfigHash.of(cfg));
        return store;
    }

    @Test
    void aMonthThatIsNotYearDashMonthIsRefused() {
        assertThat(Pacesetter.execute(
                        "snapshot", "--month", "June", "--store", dir.toString(), "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("--month June is not allowed; give a month as YYYY-MM, e.g. 2016-06");
    }

    @Test
    void anUnknownFormatIsRefused() {
        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--month",
                        "2016-06",
                        "--store",
                        dir.toString(),
                        "--out",
                        dir.toString(),
                        "--format",
                        "csv,pdf"))
                .isEqualTo(2);
        assertThat(errors()).contains("--format pdf is not allowed; use any of csv,xlsx,html");
    }

    @Test
    void eventsAndStoreTogetherOrNeitherAreRefused() {
        assertThat(Pacesetter.execute("snapshot", "--month", "2016-06", "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("--events", "--store");
        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--month",
                        "2016-06",
                        "--out",
                        dir.toString(),
                        "--store",
                        dir.toString(),
                        "--events",
                        "x.jsonl"))
                .isEqualTo(2);
        assertThat(errors()).contains("mutually exclusive");
    }

    @Test
    void aStoreThatIsNotThereOrEmptyIsRefusedSayingWhere() {
        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--month",
                        "2016-06",
                        "--out",
                        dir.toString(),
                        "--store",
                        dir.resolve("nope").toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("is not a directory; give snapshot.storeDir");
        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--month",
                        "2016-06",
                        "--out",
                        dir.resolve("o").toString(),
                        "--store",
                        dir.toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("no data for the 47 months to 2016-06");
    }

    @Test
    void keepStoreGoesWithEventsOnly() throws Exception {
        Path store = storeWithJune(ConfigLoader.defaults().force().name());
        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--month",
                        "2016-06",
                        "--out",
                        dir.toString(),
                        "--store",
                        store.toString(),
                        "--keep-store",
                        dir.toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("--keep-store goes with --events");
    }

    @Test
    void aStoreOfAnotherForceIsRefusedNamingTheConfig() throws Exception {
        Path store = storeWithJune("Another Constabulary");
        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--month",
                        "2016-06",
                        "--out",
                        dir.resolve("o").toString(),
                        "--store",
                        store.toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("was counted for 'Another Constabulary'", "--config");
    }

    @Test
    void aStoreGivesTheFormatsAskedFor() throws Exception {
        Path store = storeWithJune(ConfigLoader.defaults().force().name());
        Path snapshot = dir.resolve("snapshot");

        assertThat(Pacesetter.execute(
                        "snapshot",
                        "--month",
                        "2016-06",
                        "--out",
                        snapshot.toString(),
                        "--store",
                        store.toString(),
                        "--format",
                        "csv,html"))
                .isZero();

        try (var files = Files.list(snapshot)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("snapshot-2016-06.csv", "snapshot-2016-06.html");
        }
        assertThat(Files.readString(snapshot.resolve("snapshot-2016-06.csv")))
                .contains(
                        "2016-06,HEADLINE,ANSWERED_WITHIN_STANDARD,999 calls answered within 10 s,999,FORCE,Example County Police,,,,MONTH,"
                                + "2016-06,2016-06,1,1,1,1,1,share,0.9,true,ANSWERED,HIGHER_IS_BETTER,,true,small number (1),MONTH,");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 of 36 months with data");
    }
}

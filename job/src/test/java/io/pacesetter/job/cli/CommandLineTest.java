package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes and messages: 0 done, 2 usage or configuration (naming the key and the fix), 1 failure. */
class CommandLineTest {
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

    @Test
    void helpIsExitZeroAndListsTheCommands() {
        assertThat(Pacesetter.execute("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("run", "replay", "generate");
        for (String command : new String[] {"run", "replay", "generate"}) {
            assertThat(Pacesetter.execute(command, "--help")).isZero();
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("--config", "--events", "--sliding-every", "--days");
    }

    @Test
    void aMissingOrUnknownOptionIsAUsageError() {
        assertThat(Pacesetter.execute("replay", "--out", dir.toString())).isEqualTo(2);
        assertThat(errors()).contains("--events");
        assertThat(Pacesetter.execute("replay", "--events", "x.jsonl", "--out", dir.toString(), "--frobnicate"))
                .isEqualTo(2);
        assertThat(Pacesetter.execute("nonsense")).isEqualTo(2);
    }

    @Test
    void aBadConfigurationFailsAtStartUpNamingTheKeyAndTheFix() throws Exception {
        Path config = dir.resolve("force.yaml");
        Files.writeString(config, "queues:\n  \"999\":\n    answeredWithinTarget: 1.5\n");
        Path events = dir.resolve("e.jsonl");
        Files.writeString(events, "");
        int exit = Pacesetter.execute(
                "replay",
                "--config",
                config.toString(),
                "--events",
                events.toString(),
                "--out",
                dir.resolve("out").toString());
        assertThat(exit).isEqualTo(2);
        assertThat(errors()).contains("queues.999.answeredWithinTarget").contains("between 0 and 1");
    }

    @Test
    void anUnknownConfigurationKeyNamesTheAllowedOnes() throws Exception {
        Path config = dir.resolve("force.yaml");
        Files.writeString(config, "windows:\n  lenghts: [PT1H]\n");
        assertThat(Pacesetter.execute(
                        "generate",
                        "--config",
                        config.toString(),
                        "--days",
                        "1",
                        "--start",
                        "2016-06-01",
                        "--out",
                        dir.resolve("x.jsonl").toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("windows.lenghts").contains("lengths");
    }

    @Test
    void anUnreadableEventFileOrABadCadenceIsAUsageError() {
        assertThat(Pacesetter.execute(
                        "replay", "--events", dir.resolve("missing.jsonl").toString(), "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(errors()).contains("missing.jsonl");
        assertThat(Pacesetter.execute(
                        "generate",
                        "--days",
                        "0",
                        "--start",
                        "2016-06-01",
                        "--out",
                        dir.resolve("x").toString()))
                .isEqualTo(2);
    }

    @Test
    void generateIsDeterministicForASeed() throws Exception {
        Path a = dir.resolve("a.jsonl");
        Path b = dir.resolve("b.jsonl");
        assertThat(Pacesetter.execute(
                        "generate", "--days", "1", "--start", "2016-06-01", "--out", a.toString(), "--seed", "7"))
                .isZero();
        assertThat(Pacesetter.execute(
                        "generate", "--days", "1", "--start", "2016-06-01", "--out", b.toString(), "--seed", "7"))
                .isZero();
        assertThat(Files.readAllLines(a)).hasSizeGreaterThan(1_000).isEqualTo(Files.readAllLines(b));
    }

    @Test
    void generateWithFaultsWritesTheFaultyFileAndTheCleanDeliveryBesideIt() throws Exception {
        Path faulty = dir.resolve("month.jsonl.gz");
        assertThat(Pacesetter.execute(
                        "generate", "--days", "1", "--start", "2016-06-01", "--out", faulty.toString(), "--faults"))
                .isZero();
        Path clean = dir.resolve("month.clean.jsonl.gz");
        assertThat(clean).exists();
        assertThat(GenerateCommand.cleanBeside(Path.of("month.jsonl"))).isEqualTo(Path.of("month.clean.jsonl"));
        assertThat(Files.size(faulty)).isGreaterThan(Files.size(clean));
    }
}

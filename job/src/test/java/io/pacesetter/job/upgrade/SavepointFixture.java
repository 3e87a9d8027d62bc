package io.pacesetter.job.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;

/**
 * Makes the savepoint {@link SavepointCompatibilityITCase} restores: the generated Monday run to
 * about midday, then stopped with a canonical savepoint into {@code ARGS[0]}. Run it only from a
 * release's own commit (the state layout of that release is what later builds must read):
 *
 * <pre>
 * mvn -B -o -pl job -am test-compile -Dspotless.check.skip=true
 * mvn -B -o -pl job exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.pacesetter.job.upgrade.SavepointFixture -Dexec.args=/tmp/savepoint
 * </pre>
 */
public final class SavepointFixture {
    private static final Duration CONFIG_SLIDE =
            GeneratedDayRun.CONFIG.windows().slide();

    private SavepointFixture() {}

    public static void main(String[] args) throws Exception {
        Path target = Path.of(args[0]).toAbsolutePath();
        Path out = Files.createTempDirectory("savepoint-fixture");
        JobClient job = GeneratedDayRun.start(out, null, CONFIG_SLIDE);
        GeneratedDayRun.awaitWindowsTo(
                out, GeneratedDayRun.FIRST.plus(Duration.ofHours(12)), job, Duration.ofMinutes(10));
        String savepoint = job.stopWithSavepoint(false, target.toUri().toString(), SavepointFormatType.CANONICAL)
                .get(5, TimeUnit.MINUTES);
        System.out.println("Savepoint: " + savepoint);
        System.out.println(
                "Newest window end: " + java.time.Instant.ofEpochMilli(GeneratedDayRun.newestWindowEnd(out)));
        System.exit(0);
    }
}

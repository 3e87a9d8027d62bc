package io.pacesetter.connectors.generator;

import static org.assertj.core.api.Assertions.assertThat;

import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.parse.EventParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in feed's delivery faults (docs/faults.md), with the default settings: every fault on. */
class DeliveryFaultsTest {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final LocalDate DAY = LocalDate.of(2016, 6, 1);

    @TempDir
    static Path dir;

    private static List<String> faulty;
    private static List<String> clean;

    @BeforeAll
    static void twoDaysFaultyAndClean() throws IOException {
        Path f = dir.resolve("two.jsonl");
        Path c = dir.resolve("two.clean.jsonl");
        long written = EventFileWriter.writeFaultyAndClean(CONFIG, 7, DAY, 2, f, c);
        faulty = Files.readAllLines(f);
        clean = Files.readAllLines(c);
        assertThat(written).isEqualTo(faulty.size());
    }

    @Test
    void theSameSeedGivesTheSameFaultyAndCleanFiles() throws IOException {
        Path f = dir.resolve("again.jsonl");
        Path c = dir.resolve("again.clean.jsonl");
        EventFileWriter.writeFaultyAndClean(CONFIG, 7, DAY, 2, f, c);
        assertThat(Files.readAllLines(f)).isEqualTo(faulty);
        assertThat(Files.readAllLines(c)).isEqualTo(clean);
    }

    @Test
    void theCleanDeliveryIsEveryEventOnceInTimeOrderAndNothingBroken() {
        EventParser parser = EventParser.forReplay();
        Set<String> ids = new HashSet<>();
        long last = Long.MIN_VALUE;
        for (String line : clean) {
            InputRecord r = parser.parse(line, "clean");
            assertThat(r.isEvent()).as(line).isTrue();
            assertThat(ids.add(r.eventId())).as("once: " + line).isTrue();
            assertThat(r.eventTime()).isGreaterThanOrEqualTo(last);
            last = r.eventTime();
        }
        assertThat(clean).hasSizeGreaterThan(2 * 3_000);
    }

    @Test
    void theFaultyDeliveryCarriesTheSameEventsAndEveryFault() {
        EventParser parser = EventParser.forReplay();
        Map<String, String> firstCopy = new HashMap<>();
        Map<RejectReason, Integer> rejected = new HashMap<>();
        int resent = 0;
        int ahead = 0;
        int late = 0;
        long newest = Long.MIN_VALUE;
        for (String line : faulty) {
            InputRecord r = parser.parse(line, "faulty");
            if (!r.isEvent()) {
                rejected.merge(r.deadLetter.reason, 1, Integer::sum);
                continue;
            }
            if (r.eventTime() < newest - Duration.ofHours(1).toMillis()) {
                late++;
            }
            newest = Math.max(newest, r.eventTime());
            String first = firstCopy.putIfAbsent(r.eventId(), line);
            if (first != null) {
                if (first.equals(line)) {
                    resent++;
                } else {
                    ahead++;
                }
            }
        }
        Map<String, String> cleanById = new HashMap<>();
        clean.forEach(line -> cleanById.put(parser.parse(line, "clean").eventId(), line));
        assertThat(firstCopy)
                .as("the first copy of each event is its clean line")
                .isEqualTo(cleanById);
        assertThat(rejected.keySet())
                .containsExactlyInAnyOrder(
                        RejectReason.MALFORMED_JSON,
                        RejectReason.MISSING_FIELD,
                        RejectReason.UNKNOWN_TYPE,
                        RejectReason.BAD_TIME,
                        RejectReason.BAD_VALUE,
                        RejectReason.UNKNOWN_GRADE);
        assertThat(resent).as("re-sent lines").isGreaterThan(50);
        assertThat(ahead).as("copies from a clock running ahead").isGreaterThan(5);
        assertThat(late).as("lines of a late backlog or an outage").isGreaterThan(100);
    }

    @Test
    void aLiveParserRejectsTheClockAheadCopiesAsFuture() {
        int future = 0;
        for (String line : faulty) {
            InputRecord replayed = EventParser.forReplay().parse(line, "x");
            if (!replayed.isEvent()) {
                continue;
            }
            // As the live job would see it: the wall clock at the moment the good line was due.
            Long stamp = EventParser.parseInstant(line.replaceAll(".*\"time\":\"([^\"]*)\".*", "$1"));
            assertThat(stamp).isNotNull();
            long due = cleanTimeOf(replayed.eventId());
            InputRecord live = EventParser.forLive(
                            Clock.fixed(Instant.ofEpochMilli(due), ZoneOffset.UTC),
                            CONFIG.events().futureTolerance())
                    .parse(line, "x");
            if (!live.isEvent()) {
                assertThat(live.deadLetter.reason).isEqualTo(RejectReason.FUTURE);
                future++;
            }
        }
        assertThat(future).isGreaterThan(5);
    }

    private static Map<String, Long> cleanTimes;

    private static synchronized long cleanTimeOf(String eventId) {
        if (cleanTimes == null) {
            cleanTimes = new HashMap<>();
            EventParser parser = EventParser.forReplay();
            clean.forEach(line -> {
                InputRecord r = parser.parse(line, "clean");
                cleanTimes.put(r.eventId(), r.eventTime());
            });
        }
        return cleanTimes.get(eventId);
    }

    @Test
    void faultsOffLeaveTheFeedAsItWas() throws IOException {
        Path plain = dir.resolve("plain.jsonl");
        EventFileWriter.writeDays(CONFIG, 7, DAY, 1, plain);
        List<String> expected = new ArrayList<>(new ForceSimulator(
                        CONFIG, 7, DAY.atStartOfDay(CONFIG.force().timeZone()).toInstant())
                .advanceTo(
                        DAY.plusDays(1).atStartOfDay(CONFIG.force().timeZone()).toInstant()));
        assertThat(Files.readAllLines(plain)).isEqualTo(expected);
        assertThat(CONFIG.generator().faults().enabled()).isFalse();
    }
}

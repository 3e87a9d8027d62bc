package io.pacesetter.job.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.ConfigLoader;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.contract.DeadLetter;
import io.pacesetter.connectors.contract.MeasureRecord;
import io.pacesetter.connectors.contract.RejectReason;
import io.pacesetter.connectors.contract.WindowKind;
import io.pacesetter.connectors.generator.EventFileWriter;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.publish.FileOutputs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The late-events guarantee (docs/contracts.md, "Late events"), end to end: a generated day replayed as it
 * was written and again with 5% of its calls and incidents (all the events of each, in their own order)
 * moved one to three hours later in the file and some lines repeated, both at parallelism 2. Every final
 * DAY and MONTH figure (the latest revision of each) must be the same, and no leg lost.
 */
@Timeout(600)
class LateDeliveryITCase {
    private static final PacesetterConfig CONFIG = ConfigLoader.defaults();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aDayDeliveredWithLateBacklogsAndRepeatsHasTheFiguresOfItsCleanDelivery() throws Exception {
        Path clean = dir.resolve("clean.jsonl.gz");
        EventFileWriter.writeDays(CONFIG, 7, LocalDate.of(2016, 6, 1), 1, clean);
        List<String> lines = readLines(clean);
        Path late = dir.resolve("late.jsonl");
        Delivery delivery = delayed(lines, new Random(15));
        Files.write(late, delivery.lines, StandardCharsets.UTF_8);
        assertThat(delivery.movedKeys).as("calls and incidents held back").isGreaterThan(50);
        assertThat(delivery.repeats).isGreaterThan(10);

        Map<String, MeasureRecord> onTime = finalPeriods(replay(clean, "clean"));
        Path lateOut = replay(late, "late");
        Map<String, MeasureRecord> delivered = finalPeriods(lateOut);

        Path cleanOut = dir.resolve("clean");
        List<DeadLetter> rejected = deadLetters(lateOut);
        List<DeadLetter> rejectedOnTime = deadLetters(cleanOut);
        // The day's own loose ends (a leg still open at its end, an incident event whose CREATED was garbled) are lost
        // in both deliveries alike; the late delivery must lose no other.
        assertThat(lost(rejected))
                .as("legs and incidents lost: the late delivery's against the clean delivery's")
                .isEqualTo(lost(rejectedOnTime));
        // A repeated line is rejected once more, as a DUPLICATE or (a garbage line repeated) as itself.
        assertThat(rejected).as("every repeated line rejected once").hasSize(rejectedOnTime.size() + delivery.repeats);

        assertThat(onTime).hasSizeGreaterThan(100);
        assertThat(delivered.keySet()).isEqualTo(onTime.keySet());
        List<String> changed = new ArrayList<>();
        for (Map.Entry<String, MeasureRecord> e : onTime.entrySet()) {
            MeasureRecord a = e.getValue();
            MeasureRecord b = delivered.get(e.getKey());
            if (!String.valueOf(a.value).equals(String.valueOf(b.value))
                    || !String.valueOf(a.numerator).equals(String.valueOf(b.numerator))
                    || !String.valueOf(a.denominator).equals(String.valueOf(b.denominator))) {
                changed.add(a + "  late: " + b);
            }
        }
        assertThat(changed)
                .as("final DAY/MONTH figures changed by the late delivery")
                .isEmpty();
    }

    private static List<DeadLetter> deadLetters(Path out) throws Exception {
        return Files.readAllLines(out.resolve(FileOutputs.DEAD_LETTERS)).stream()
                .map(RecordJson::readDeadLetter)
                .toList();
    }

    /** The events rejected because a partner never came or came too late: reason and event id, sorted. */
    private static List<String> lost(List<DeadLetter> rejected) {
        return rejected.stream()
                .filter(d -> d.reason == RejectReason.NO_OFFER
                        || d.reason == RejectReason.NO_OUTCOME
                        || d.reason == RejectReason.NO_CREATED
                        || d.reason == RejectReason.ARRIVAL_BEFORE_CREATION
                        || d.reason == RejectReason.TOO_LATE)
                .map(d -> d.reason + " " + d.eventId)
                .sorted()
                .toList();
    }

    private Path replay(Path events, String name) {
        Path out = dir.resolve(name);
        int exit = Pacesetter.execute(
                "replay",
                "--events",
                events.toString(),
                "--out",
                out.toString(),
                "--sliding-every",
                "PT1H",
                "--parallelism",
                "2");
        assertThat(exit).isZero();
        return out;
    }

    /**
     * The latest revision of every final DAY and MONTH figure, data quality aside (the late delivery's
     * repeats are rightly counted there).
     */
    private static Map<String, MeasureRecord> finalPeriods(Path out) throws Exception {
        Map<String, MeasureRecord> latest = new TreeMap<>();
        for (String line : Files.readAllLines(out.resolve(FileOutputs.PERIODS))) {
            MeasureRecord r = RecordJson.readMeasure(line);
            if (r.window != WindowKind.PERIOD || !r.isFinal || r.measure.startsWith("DATA_QUALITY_")) {
                continue;
            }
            latest.merge(r.identity(), r, (a, b) -> b.revision >= a.revision ? b : a);
        }
        return latest;
    }

    record Delivery(List<String> lines, int movedKeys, int repeats) {}

    /**
     * Holds back 5% of calls and incidents, each as a block in its own order, to a point in the file one to
     * three hours (of event time) after its first event; repeats 0.5% of the other lines just after themselves.
     */
    static Delivery delayed(List<String> lines, Random random) throws Exception {
        Map<String, List<String>> held = new LinkedHashMap<>();
        Map<String, Long> heldUntil = new LinkedHashMap<>();
        Set<String> onTime = new HashSet<>();
        List<String> kept = new ArrayList<>();
        List<Long> keptTimes = new ArrayList<>();
        int repeats = 0;
        long lastTime = Long.MIN_VALUE;
        for (String line : lines) {
            JsonNode node = parse(line);
            String key = node == null ? null : key(node);
            Long time = node == null ? null : time(node);
            if (key == null || time == null) {
                kept.add(line);
                keptTimes.add(lastTime);
                continue;
            }
            lastTime = Math.max(lastTime, time);
            if (held.containsKey(key) && time <= heldUntil.get(key)) {
                // Re-sent with the backlog; an event after the interface came back is delivered on time.
                held.get(key).add(line);
                continue;
            }
            if (!onTime.contains(key) && !held.containsKey(key)) {
                if (random.nextInt(100) < 5) {
                    held.put(key, new ArrayList<>(List.of(line)));
                    heldUntil.put(
                            key,
                            time + Duration.ofMinutes(60 + random.nextInt(121)).toMillis());
                    continue;
                }
                onTime.add(key);
            }
            kept.add(line);
            keptTimes.add(time);
            if (random.nextInt(200) == 0) {
                kept.add(line);
                keptTimes.add(time);
                repeats++;
            }
        }
        List<String> blocks = new ArrayList<>(held.keySet());
        blocks.sort(Comparator.comparing(heldUntil::get));
        List<String> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < kept.size(); i++) {
            while (next < blocks.size() && heldUntil.get(blocks.get(next)) <= keptTimes.get(i)) {
                out.addAll(held.get(blocks.get(next++)));
            }
            out.add(kept.get(i));
        }
        while (next < blocks.size()) {
            out.addAll(held.get(blocks.get(next++)));
        }
        return new Delivery(out, held.size(), repeats);
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception malformed) {
            return null;
        }
    }

    private static String key(JsonNode node) {
        if (node.hasNonNull("incidentId")) {
            return "incident " + node.get("incidentId").asText();
        }
        if (node.hasNonNull("callId")) {
            return "call " + node.get("callId").asText();
        }
        return null;
    }

    private static Long time(JsonNode node) {
        try {
            return OffsetDateTime.parse(node.path("time").asText()).toInstant().toEpochMilli();
        } catch (Exception badTime) {
            return null;
        }
    }

    private static List<String> readLines(Path gz) throws Exception {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gz)), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        }
        return lines;
    }
}

package io.pacesetter.job.store;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pacesetter.config.Area;
import io.pacesetter.connectors.contract.Scope;
import io.pacesetter.connectors.sink.RecordJson;
import io.pacesetter.job.measures.MeasureFamily;
import io.pacesetter.job.measures.MonthAggregate;
import io.pacesetter.job.measures.Tally;
import io.pacesetter.job.measures.WaitCounts;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.core.fs.FileSystem;

/**
 * The monthly aggregate store on disk: one gzipped JSON file a month, {@code YYYY-MM.json.gz},
 * holding every measure scope's tally with the exact count of each answered wait in milliseconds,
 * so twelve months' 90th percentile is exact, not an average of monthly ones.
 *
 * <p>A file's bytes depend only on the month's counts and the rules that made them (scopes sorted,
 * waits sorted, no wall-clock time, gzip without a timestamp), and it is written to a temporary
 * file and moved into place: writing a month again after a restart gives the same file, and a
 * reader never sees half of one.
 */
public final class MonthlyStoreFiles {
    public static final String FORMAT = "pacesetter-monthly-store/1";
    private static final Pattern FILE = Pattern.compile("(\\d{4}-\\d{2})\\.json\\.gz");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private MonthlyStoreFiles() {}

    public static Path fileOf(Path dir, YearMonth month) {
        return dir.resolve(month + ".json.gz");
    }

    /**
     * Writes one month into a store on any Flink file system ({@code file:///…}, {@code s3://bucket/…}):
     * to a temporary file, then renamed into place (atomic on a local disk; on an object store the rename
     * is a copy, and a reader still never lists the temporary name as a month).
     *
     * @return the month's file
     */
    public static URI write(URI dir, ClosedMonth month, String force, String timeZone, String configHash)
            throws IOException {
        org.apache.flink.core.fs.Path store = new org.apache.flink.core.fs.Path(dir);
        FileSystem fs = store.getFileSystem();
        fs.mkdirs(store);
        org.apache.flink.core.fs.Path target = new org.apache.flink.core.fs.Path(store, month.month + ".json.gz");
        org.apache.flink.core.fs.Path temp =
                new org.apache.flink.core.fs.Path(store, "." + month.month + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(
                            new BufferedOutputStream(fs.create(temp, FileSystem.WriteMode.OVERWRITE), 1 << 16),
                            1 << 16);
                    JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                writeMonth(json, month, force, timeZone, configHash);
            }
            if (fs.exists(target)) {
                fs.delete(target, false);
            }
            if (!fs.rename(temp, target)) {
                throw new IOException("could not move " + temp + " to " + target);
            }
        } finally {
            if (fs.exists(temp)) {
                fs.delete(temp, false);
            }
        }
        return target.toUri();
    }

    /** Writes one month, replacing any earlier file of it atomically. */
    public static Path write(Path dir, ClosedMonth month, String force, String timeZone, String configHash)
            throws IOException {
        Files.createDirectories(dir);
        Path target = fileOf(dir, YearMonth.parse(month.month));
        // Not createTempFile: its owner-only permissions would stay on the store file snapshots are read from.
        Path temp = dir.resolve("." + month.month + "." + UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream out = new GZIPOutputStream(
                            new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16), 1 << 16);
                    JsonGenerator json = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
                writeMonth(json, month, force, timeZone, configHash);
            }
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        return target;
    }

    private static void writeMonth(
            JsonGenerator json, ClosedMonth month, String force, String timeZone, String configHash)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("format", FORMAT);
        json.writeStringField("month", month.month);
        json.writeStringField("force", force);
        json.writeStringField("timeZone", timeZone);
        json.writeStringField("configHash", configHash);
        json.writeArrayFieldStart("scopes");
        for (MonthAggregate a : month.aggregates) {
            json.writeRaw('\n');
            json.writeStartObject();
            json.writeStringField("family", a.family.name());
            json.writeStringField("queue", a.queue);
            json.writeStringField("scope", a.scope.name());
            json.writeStringField("scopeId", a.scopeId);
            json.writeStringField("area", a.area == null ? null : a.area.name());
            json.writeStringField("closedAt", RecordJson.instant(a.closedAt));
            json.writeNumberField("revision", a.revision);
            Tally t = a.tally;
            json.writeNumberField("answered", t.answered);
            json.writeNumberField("abandoned", t.abandoned);
            json.writeNumberField("shortAbandoned", t.shortAbandoned);
            json.writeNumberField("withinStandard", t.withinStandard);
            json.writeNumberField("bandUnder10s", t.bandUnder10s);
            json.writeNumberField("band10To60s", t.band10To60s);
            json.writeNumberField("band60sPlus", t.band60sPlus);
            json.writeNumberField("answeredWaitMs", t.answeredWaitMs);
            json.writeNumberField("met", t.met);
            json.writeNumberField("failed", t.failed);
            json.writeNumberField("dispatched", t.dispatched);
            json.writeNumberField("dispatchMs", t.dispatchMs);
            json.writeNumberField("travelled", t.travelled);
            json.writeNumberField("travelMs", t.travelMs);
            json.writeNumberField("lateDowngrades", t.lateDowngrades);
            json.writeNumberField("lateCancellations", t.lateCancellations);
            json.writeObjectFieldStart("reasons");
            for (Map.Entry<String, Long> r : new TreeMap<>(t.reasons).entrySet()) {
                json.writeNumberField(r.getKey(), r.getValue());
            }
            json.writeEndObject();
            // [wait ms, answered legs with that wait], ascending: the exact distribution.
            json.writeArrayFieldStart("answeredWaits");
            for (Map.Entry<Long, Integer> w : t.answeredWaits.asMap().entrySet()) {
                json.writeStartArray();
                json.writeNumber(w.getKey());
                json.writeNumber(w.getValue());
                json.writeEndArray();
            }
            json.writeEndArray();
            writeCounts(json, "dispatchTimes", t.dispatchTimes);
            writeCounts(json, "travelTimes", t.travelTimes);
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /** [ms, incidents with that time], ascending; left out when empty, as in a store written before them. */
    private static void writeCounts(JsonGenerator json, String field, WaitCounts counts) throws IOException {
        if (counts.isEmpty()) {
            return;
        }
        json.writeArrayFieldStart(field);
        for (Map.Entry<Long, Integer> w : counts.asMap().entrySet()) {
            json.writeStartArray();
            json.writeNumber(w.getKey());
            json.writeNumber(w.getValue());
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    /** The months the store holds, oldest first. */
    public static List<YearMonth> months(Path dir) throws IOException {
        List<YearMonth> months = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return months;
        }
        try (var files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    try {
                        months.add(YearMonth.parse(m.group(1)));
                    } catch (DateTimeParseException e) {
                        throw new IOException(
                                "store file " + f + " is not named for a month (YYYY-MM.json.gz): " + e.getMessage(),
                                e);
                    }
                }
            }
        }
        months.sort(null);
        return months;
    }

    /** Reads one month's file. */
    public static StoreMonth read(Path file) throws IOException {
        JsonNode root;
        try (InputStream in =
                new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new IOException("cannot read store file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw new IOException("store file " + file + " is not a " + FORMAT + " file (format: "
                    + (root == null ? "none" : root.path("format"))
                    + "); remove it, or point --store at the directory the live job writes (snapshot.storeDir)");
        }
        List<MonthAggregate> aggregates = new ArrayList<>();
        String month = root.path("month").asText();
        for (JsonNode s : root.path("scopes")) {
            MonthAggregate a = new MonthAggregate();
            a.family = MeasureFamily.valueOf(s.path("family").asText());
            a.queue = textOrNull(s.get("queue"));
            a.scope = Scope.valueOf(s.path("scope").asText());
            a.scopeId = s.path("scopeId").asText();
            String area = textOrNull(s.get("area"));
            a.area = area == null ? null : Area.valueOf(area);
            a.key = a.scopeKey().key;
            a.month = month;
            a.closedAt = java.time.Instant.parse(s.path("closedAt").asText()).toEpochMilli();
            a.revision = s.path("revision").asInt();
            Tally t = a.tally;
            t.answered = s.path("answered").asLong();
            t.abandoned = s.path("abandoned").asLong();
            t.shortAbandoned = s.path("shortAbandoned").asLong();
            t.withinStandard = s.path("withinStandard").asLong();
            t.bandUnder10s = s.path("bandUnder10s").asLong();
            t.band10To60s = s.path("band10To60s").asLong();
            t.band60sPlus = s.path("band60sPlus").asLong();
            t.answeredWaitMs = s.path("answeredWaitMs").asLong();
            t.met = s.path("met").asLong();
            t.failed = s.path("failed").asLong();
            t.dispatched = s.path("dispatched").asLong();
            t.dispatchMs = s.path("dispatchMs").asLong();
            t.travelled = s.path("travelled").asLong();
            t.travelMs = s.path("travelMs").asLong();
            t.lateDowngrades = s.path("lateDowngrades").asLong();
            t.lateCancellations = s.path("lateCancellations").asLong();
            for (JsonNode w : s.path("dispatchTimes")) {
                t.dispatchTimes.add(w.get(0).asLong(), w.get(1).asInt());
            }
            for (JsonNode w : s.path("travelTimes")) {
                t.travelTimes.add(w.get(0).asLong(), w.get(1).asInt());
            }
            Iterator<Map.Entry<String, JsonNode>> reasons = s.path("reasons").fields();
            while (reasons.hasNext()) {
                Map.Entry<String, JsonNode> r = reasons.next();
                t.reasons.put(r.getKey(), r.getValue().asLong());
            }
            for (JsonNode w : s.path("answeredWaits")) {
                t.answeredWaits.add(w.get(0).asLong(), w.get(1).asInt());
            }
            aggregates.add(a);
        }
        return new StoreMonth(
                YearMonth.parse(month),
                root.path("force").asText(),
                root.path("timeZone").asText(),
                root.path("configHash").asText(),
                aggregates);
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }
}

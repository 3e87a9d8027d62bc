package io.pacesetter.connectors.source;

import io.pacesetter.connectors.contract.InputRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.connector.file.src.FileSource;

/**
 * One bounded Flink source per event file. A source per file (rather than one over all files)
 * gives each file its own watermark, and the job takes the lowest: files may be given in any
 * order, each need only be in event-time order within the out-of-orderness bound.
 */
public final class EventFileSources {
    private EventFileSources() {}

    public record NamedSource(String name, FileSource<InputRecord> source) {}

    public static List<NamedSource> forFiles(List<Path> files) {
        List<NamedSource> sources = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            sources.add(new NamedSource(
                    name,
                    FileSource.forRecordStreamFormat(
                                    new JsonLinesEventFormat(name),
                                    org.apache.flink.core.fs.Path.fromLocalFile(file.toFile()))
                            .build()));
        }
        return sources;
    }
}

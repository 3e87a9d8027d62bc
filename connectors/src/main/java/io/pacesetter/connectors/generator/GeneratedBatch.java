package io.pacesetter.connectors.generator;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The lines the simulated force sends in one simulated second. The generator source emits whole
 * seconds, not single lines, so one rate-limited element is one second of the force's time and
 * {@code speed} in {@link GeneratorSource#create} reads as "simulated seconds per real second".
 * A Flink POJO (no Kryo).
 */
public class GeneratedBatch {
    /** The end of the simulated second (exclusive), epoch milliseconds. */
    public long until;
    /** JSON lines of event contract v1, in the order sent; may be empty in a quiet second. */
    public List<String> lines;

    public GeneratedBatch() {
        this.lines = new ArrayList<>();
    }

    public GeneratedBatch(long until, List<String> lines) {
        this.until = until;
        this.lines = lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GeneratedBatch b && until == b.until && Objects.equals(lines, b.lines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(until, lines);
    }

    @Override
    public String toString() {
        return "GeneratedBatch{until=" + until + ", " + (lines == null ? 0 : lines.size()) + " lines}";
    }
}

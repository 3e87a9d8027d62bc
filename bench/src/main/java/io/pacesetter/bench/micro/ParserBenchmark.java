package io.pacesetter.bench.micro;

import io.pacesetter.bench.BenchInput;
import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.parse.EventParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** The parser every source uses, on the harness's call events (about 190 bytes each). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ParserBenchmark {
    private String[] lines;
    private EventParser parser;
    private int next;

    @Setup
    public void makeEvents() {
        lines = BenchInput.events(new BenchInput.Shape(4096, 1, 40, 20, 0.10, 20160601L));
        parser = EventParser.forReplay();
    }

    @Benchmark
    public InputRecord parseOneCallEvent() {
        String line = lines[next];
        next = (next + 1) & (lines.length - 1);
        return parser.parse(line, "bench");
    }
}

package io.pacesetter.job.ingest;

import io.pacesetter.connectors.contract.InputRecord;
import io.pacesetter.connectors.generator.GeneratedBatch;
import io.pacesetter.connectors.parse.EventParser;
import java.time.Clock;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

/** Parses the generator's lines with the live rules: an event stamped ahead of the wall clock is FUTURE. */
public final class ParseGenerated extends RichFlatMapFunction<GeneratedBatch, InputRecord> {
    private final Duration futureTolerance;
    private transient EventParser parser;

    public ParseGenerated(Duration futureTolerance) {
        this.futureTolerance = futureTolerance;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = EventParser.forLive(Clock.systemUTC(), futureTolerance);
    }

    @Override
    public void flatMap(GeneratedBatch batch, Collector<InputRecord> out) {
        for (String line : batch.lines) {
            out.collect(parser.parse(line, "generator"));
        }
    }
}

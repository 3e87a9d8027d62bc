package io.pacesetter.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource;

/**
 * The indices 0..n-1 of the in-memory lines, one split per source subtask, and each subtask gets
 * only its own. Flink's own sequence source hands the next split to whichever reader asks first:
 * under load one reader can finish its split before the other has started and take that one too,
 * reading the feed's event time twice over, so the second pass arrives behind its own watermark
 * and the windows come out different. Here split k always goes to subtask k, so every run of
 * every variant reads the same lines in the same order per subtask.
 */
final class OwnSplitPerReader extends NumberSequenceSource {
    private static final long serialVersionUID = 1L;
    private final long count;

    OwnSplitPerReader(long count) {
        super(0, count - 1);
        this.count = count;
    }

    /** Lines per split: subtask k reads lines k, k + p, k + 2p, … ; split k's indices start at k × this. */
    static long perSplit(long count, int parallelism) {
        return (count + parallelism - 1) / parallelism;
    }

    @Override
    public SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> createEnumerator(
            SplitEnumeratorContext<NumberSequenceSplit> context) {
        return new Enumerator(context, splits(count, context.currentParallelism()));
    }

    /** Split k: the indices of lines k, k + p, k + 2p, … */
    static List<NumberSequenceSplit> splits(long count, int parallelism) {
        if (count < parallelism) {
            throw new IllegalArgumentException(
                    count + " lines for " + parallelism + " source subtasks: give each at least one");
        }
        long per = perSplit(count, parallelism);
        List<NumberSequenceSplit> splits = new ArrayList<>();
        for (int k = 0; k < parallelism; k++) {
            long lines = (count - k + parallelism - 1) / parallelism;
            splits.add(new NumberSequenceSplit(Integer.toString(k), k * per, k * per + lines - 1));
        }
        return splits;
    }

    /** The line an index stands for. */
    static int line(long index, long perSplit, int parallelism) {
        long split = index / perSplit;
        return (int) (split + parallelism * (index - split * perSplit));
    }

    private static final class Enumerator
            implements SplitEnumerator<NumberSequenceSplit, Collection<NumberSequenceSplit>> {
        private final SplitEnumeratorContext<NumberSequenceSplit> context;
        private final List<NumberSequenceSplit> splits;
        private final Set<Integer> served = new HashSet<>();

        Enumerator(SplitEnumeratorContext<NumberSequenceSplit> context, List<NumberSequenceSplit> splits) {
            this.context = context;
            this.splits = splits;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtask, String requesterHostname) {
            NumberSequenceSplit own = splits.get(subtask);
            if (served.add(subtask)) {
                context.assignSplit(own, subtask);
            }
            // Its own split or nothing: a reader asking again has finished, and so has the feed for it.
            if (served.contains(subtask)) {
                context.signalNoMoreSplits(subtask);
            }
        }

        @Override
        public void addSplitsBack(List<NumberSequenceSplit> returned, int subtask) {
            // Only after a failure, and the harness runs without restarts: the job fails instead.
            throw new IllegalStateException(
                    "split " + returned + " returned by subtask " + subtask + ": the harness does not restart jobs");
        }

        @Override
        public void addReader(int subtask) {}

        @Override
        public Collection<NumberSequenceSplit> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public void close() {}
    }
}

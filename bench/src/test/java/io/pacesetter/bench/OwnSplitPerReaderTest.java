package io.pacesetter.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.connector.source.lib.NumberSequenceSource.NumberSequenceSplit;
import org.junit.jupiter.api.Test;

class OwnSplitPerReaderTest {
    @Test
    void eachSubtaskReadsEveryPthLineInOrderAndTogetherTheyReadEachLineOnce() {
        for (int parallelism : new int[] {1, 2, 3}) {
            for (long count : new long[] {3, 4, 5, 7, 1_200}) {
                List<Integer> read = new ArrayList<>();
                List<NumberSequenceSplit> splits = OwnSplitPerReader.splits(count, parallelism);
                long perSplit = OwnSplitPerReader.perSplit(count, parallelism);
                for (int k = 0; k < parallelism; k++) {
                    int previous = -1;
                    for (long i = splits.get(k).from(); i <= splits.get(k).to(); i++) {
                        int line = OwnSplitPerReader.line(i, perSplit, parallelism);
                        assertThat(line % parallelism)
                                .as("subtask %d of %d, %d lines", k, parallelism, count)
                                .isEqualTo(k);
                        assertThat(line).isGreaterThan(previous);
                        previous = line;
                        read.add(line);
                    }
                }
                assertThat(read)
                        .as("%d subtasks, %d lines", parallelism, count)
                        .hasSize((int) count)
                        .doesNotHaveDuplicates()
                        .allSatisfy(line -> assertThat(line).isBetween(0, (int) count - 1));
            }
        }
    }
}

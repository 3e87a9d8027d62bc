package io.pacesetter.bench.live;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

/**
 * A Flink MiniCluster owned by a benchmark, so it can ask the cluster what a job's checkpoints
 * cost (Flink's own {@link CheckpointStatsSnapshot}, the figures the web UI shows), trigger
 * checkpoints and savepoints, and see when a job's tasks run (the harness times a run from then) or a restored
 * job's tasks finished restoring.
 */
public final class BenchCluster implements AutoCloseable {
    private final MiniCluster cluster;

    public BenchCluster(Configuration conf, int slots) throws Exception {
        // Keep every checkpoint's figures, not only the last ten the web UI keeps.
        conf.setString("web.checkpoints.history", "1000");
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots)
                .withRandomPorts()
                .build());
        cluster.start();
    }

    public MiniCluster cluster() {
        return cluster;
    }

    /** Submits what {@code env} defines and waits until every task is running. */
    public JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        return submit(graph);
    }

    JobID submit(StreamGraph graph) throws Exception {
        if (graph.getOptionalJobId().isEmpty()) {
            graph.setJobId(new JobID());
        }
        JobID id = cluster.submitJob(graph).get().getJobID();
        waitUntilRunning(id);
        return id;
    }

    void waitUntilRunning(JobID id) throws Exception {
        while (!allRunning(id)) {
            JobStatus status = cluster.getJobStatus(id).get();
            if (status.isGloballyTerminalState()) {
                throw new IllegalStateException("job " + id + " ended " + status + " before all its tasks ran");
            }
            Thread.sleep(20);
        }
    }

    boolean allRunning(JobID id) throws Exception {
        if (cluster.getJobStatus(id).get() != JobStatus.RUNNING) {
            return false;
        }
        AccessExecutionGraph graph = cluster.getExecutionGraph(id).get();
        if (graph.getAllVertices().isEmpty()) {
            return false; // still initialising: no tasks yet
        }
        for (AccessExecutionJobVertex vertex : graph.getAllVertices().values()) {
            for (AccessExecutionVertex subtask : vertex.getTaskVertices()) {
                ExecutionState s = subtask.getExecutionState();
                if (s != ExecutionState.RUNNING && s != ExecutionState.FINISHED) {
                    return false;
                }
            }
        }
        return true;
    }

    AccessExecutionGraph graph(JobID id) throws Exception {
        return cluster.getExecutionGraph(id).get();
    }

    CheckpointStatsSnapshot checkpoints(JobID id) throws Exception {
        return graph(id).getCheckpointStatsSnapshot();
    }

    /** Every completed checkpoint (and savepoint) of the job, oldest first. */
    List<AbstractCheckpointStats> completed(JobID id) throws Exception {
        List<AbstractCheckpointStats> done = new ArrayList<>();
        for (AbstractCheckpointStats c : checkpoints(id).getHistory().getCheckpoints()) {
            if (c.getStatus() == CheckpointStatsStatus.COMPLETED) {
                done.add(c);
            }
        }
        done.sort((a, b) -> Long.compare(a.getCheckpointId(), b.getCheckpointId()));
        return done;
    }

    /** The figures of one checkpoint, waiting for the stats tracker to record it. */
    AbstractCheckpointStats checkpoint(JobID id, long checkpointId) throws Exception {
        for (int i = 0; i < 500; i++) {
            for (AbstractCheckpointStats c : checkpoints(id).getHistory().getCheckpoints()) {
                if (c.getCheckpointId() == checkpointId && c.getStatus() == CheckpointStatsStatus.COMPLETED) {
                    return c;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("no figures for checkpoint " + checkpointId + " of job " + id);
    }

    void cancel(JobID id) throws Exception {
        cluster.cancelJob(id).get();
        while (!cluster.getJobStatus(id).get().isGloballyTerminalState()) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}

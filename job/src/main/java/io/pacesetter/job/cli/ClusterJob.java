package io.pacesetter.job.cli;

import io.pacesetter.config.KafkaConfig;
import io.pacesetter.config.PacesetterConfig;
import io.pacesetter.connectors.kafka.KafkaConnection;
import io.pacesetter.job.AlertActions;
import io.pacesetter.job.FlinkEnvironments;
import io.pacesetter.job.Inputs;
import io.pacesetter.job.PacesetterJob;
import io.pacesetter.job.Sinks;
import io.pacesetter.job.ingest.LiveClock;
import io.pacesetter.job.metrics.PipelineMetrics;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The live job on a Flink cluster: the entry class of the slim jar in application mode
 * ({@code --job-classname io.pacesetter.job.cli.ClusterJob}, see {@code docker/}). Unlike
 * {@code run --kafka}, it takes the cluster's environment as it is: parallelism, state backend,
 * checkpoints, restarts and savepoints all come from the cluster's {@code config.yaml}, so the
 * operators of a platform decide them, not the jar. It writes to Kafka (KPI records and dead letters exactly
 * once, alerts at least once) and, with {@code --store}, the monthly store on any file system the cluster has
 * (a shared volume, S3), for {@code snapshot --store}: a cluster has no console to print to. Its metrics ({@link PipelineMetrics}) go to the cluster's reporter. Its {@code main} never
 * calls {@code System.exit}: in application mode it runs inside the JobManager, which an exit would stop.
 */
@Command(
        name = "cluster-job",
        mixinStandardHelpOptions = true,
        description = "The live job from Kafka to Kafka on the ambient Flink cluster (application mode entry class).")
public final class ClusterJob implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(
            names = "--kafka",
            required = true,
            paramLabel = "BOOTSTRAP",
            description = "host:port[,host:port] of the brokers")
    String kafka;

    @Option(
            names = "--sliding-every",
            defaultValue = "PT15M",
            paramLabel = "DURATION",
            description = "publish sliding windows ending on multiples of this (default ${DEFAULT-VALUE})")
    Duration slidingEvery;

    @Option(names = "--answer-rate", description = "also publish ANSWER_RATE (answered / (answered + abandoned) legs)")
    boolean answerRate;

    @Option(
            names = "--wall-clock",
            description = "the topics carry a live feed, stamped by the wall clock: tell AT_RISK and BREACHED "
                    + "when their moment comes by it even if the watermark has stopped, and raise FEED_SILENT when a feed goes quiet "
                    + "(leave it out for a feed of past events, such as the compose file's generated history)")
    boolean wallClock;

    @Option(
            names = "--store",
            paramLabel = "URI",
            description = "write each closed month to the monthly store here, on a file system every TaskManager "
                    + "has: file:///flink-data/store (a shared volume) or s3://bucket/prefix (with Flink's S3 plugin); "
                    + "default: no store")
    String store;

    @Option(
            names = "--job-name",
            defaultValue = "Pacesetter",
            description = "the job's name on the cluster (default ${DEFAULT-VALUE})")
    String jobName;

    public static void main(String[] args) throws Exception {
        ClusterJob job = new ClusterJob();
        CommandLine cli = new CommandLine(job);
        try {
            cli.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            // Thrown, not exited: the cluster entrypoint fails the application and logs this message.
            throw new IllegalArgumentException(
                    "cluster-job could not start: " + e.getMessage() + "\n" + cli.getUsageMessage(), e);
        }
        if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
            cli.usage(System.out);
            return;
        }
        job.call();
    }

    @Override
    public Integer call() throws Exception {
        PacesetterConfig cfg = config.load();
        KafkaConfig.checkBootstrapServers("--kafka", kafka);
        KafkaConnection connection = KafkaConnection.resolve(cfg.kafka().withBootstrapServers(kafka));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.configure(Configuration.fromMap(PacesetterJob.FLINK_SETTINGS));
        // The cluster's config.yaml chooses the backend; if it is RocksDB, it is set up as run.rocksdb says.
        env.configure(Configuration.fromMap(
                FlinkEnvironments.rocksDbSettings(cfg.run().rocksdb())));
        defineOn(env, cfg, connection, slidingEvery, answerRate, wallClock, false, store);
        env.execute(jobName);
        return Pacesetter.OK;
    }

    /**
     * The cluster job's graph: Kafka in, the whole pipeline, KPI records, dead letters and alerts to Kafka.
     * The Kafka end-to-end tests run this graph, bounded ({@code ClusterGraphTest} holds the two equal).
     *
     * @param bounded stop at the offsets that are latest when the job starts (tests)
     * @param store the monthly store (a folder or a Flink file system URI), or null for none
     */
    static void defineOn(
            StreamExecutionEnvironment env,
            PacesetterConfig cfg,
            KafkaConnection kafka,
            Duration slidingEvery,
            boolean answerRate,
            boolean wallClock,
            boolean bounded,
            String store) {
        PacesetterJob.Options live = PacesetterJob.Options.liveRun(cfg);
        Sinks sinks = Sinks.none().kafka(kafka);
        PacesetterJob.define(
                cfg,
                (wallClock ? live.withLiveClock(LiveClock.realTime()) : live)
                        .withPublishEvery(slidingEvery)
                        .withAnswerRate(answerRate),
                Inputs.kafka(env, cfg, kafka, bounded),
                // People's actions on alerts come from the actions topic.
                AlertActions.kafka(env, kafka, bounded),
                store == null ? sinks : sinks.monthlyStore(Sinks.MonthlyStore.at(store)));
    }
}

package io.pacesetter.job.alerts;

import io.pacesetter.connectors.contract.Alert;

/** What the watch knows of one feed: {@link FeedSilence}'s state. A Flink POJO. */
public class FeedWatch {
    /** Wall time the feed was last heard from, or when the watch started if it never was. */
    public long lastHeardWall;
    /** The event time of the last event heard, null if none. */
    public Long lastEventTime;
    /** The processing-time timer that fires when the silence has lasted long enough. */
    public long timer;
    /** The FEED_SILENT alert as last sent; null if the feed has never been silent. */
    public Alert silent;
    /** The feed's traffic hour by hour over its last weeks: what a silence is judged against. */
    public FeedHistory history;

    public FeedWatch() {}
}

package io.pacesetter.job.alerts;

/**
 * A sign of life from a feed ({@code calls} or {@code incidents}): events are arriving. Or, from the
 * watch's own ticker, a reminder to watch a feed that has sent nothing yet. A Flink POJO.
 */
public class FeedBeat {
    public static final String CALLS = "calls";
    public static final String INCIDENTS = "incidents";

    public String feed;
    /** The event time of the event that gave the sign; unused on a reminder. */
    public long eventTime;
    /** True for the ticker's reminder, false for a real sign of life. */
    public boolean reminder;
    /**
     * How many arrivals (calls offered, incidents created) this sign stands for, since the subtask's previous
     * sign; 0 on a reminder.
     */
    public long count;

    public FeedBeat() {}

    public FeedBeat(String feed, long eventTime, boolean reminder) {
        this.feed = feed;
        this.eventTime = eventTime;
        this.reminder = reminder;
    }
}

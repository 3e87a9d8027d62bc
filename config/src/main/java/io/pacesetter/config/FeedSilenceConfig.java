package io.pacesetter.config;

import java.time.Duration;

/**
 * When a quiet feed is a dead feed: {@code FEED_SILENT} is raised once the chance of hearing nothing for so long,
 * at the rate the feed itself keeps at those hours of the week, falls below {@code probability}; never sooner than
 * {@code floor}, always by {@code ceiling}. See docs/alerts.md ("Feed silence").
 *
 * @param probability the Poisson probability of no event in the gap below which the silence is improbable
 * @param floor the shortest silence that can raise, however busy the hour
 * @param ceiling the longest silence that is still not raised, however quiet the hour
 * @param historyWeeks how many past weeks of the feed's own traffic its expected rate for an hour of the week is
 *     learned from
 * @param fallbackCallEventsPerHour the call feed's expected events an hour before it has a week of history
 * @param fallbackIncidentEventsPerHour the incident feed's, likewise
 */
public record FeedSilenceConfig(
        Double probability,
        Duration floor,
        Duration ceiling,
        Integer historyWeeks,
        Double fallbackCallEventsPerHour,
        Double fallbackIncidentEventsPerHour)
        implements java.io.Serializable {}

package io.pacesetter.config;

import java.time.Duration;

/**
 * Where alerts are POSTed as JSON, each body signed with HMAC-SHA256 so the receiver knows it came
 * from Pacesetter. Off while {@code url} is not set.
 *
 * @param url the receiver, {@code https://…} (or {@code http://} on a trusted network); null: no webhook
 * @param secret the signing key as a reference, never the key itself: {@code ${env:NAME}} or {@code ${file:/path}}
 * @param attempts how many times a delivery is tried before it is written to the undelivered file
 * @param firstRetry the wait before the second attempt; each later wait doubles, up to {@code maxRetry}
 * @param maxRetry the longest wait between two attempts
 * @param timeout how long one attempt may take (connect and response)
 * @param maxInFlight alerts accepted but not yet delivered; beyond this the pipeline waits (back-pressure)
 * @param checkpointWait the longest a checkpoint waits on the receiver; alerts still not delivered then are
 *     written to the undelivered file (so a restart loses none) and retried on in the background
 */
public record WebhookConfig(
        String url,
        String secret,
        Integer attempts,
        Duration firstRetry,
        Duration maxRetry,
        Duration timeout,
        Integer maxInFlight,
        Duration checkpointWait)
        implements java.io.Serializable {

    public boolean enabled() {
        return url != null && !url.isBlank();
    }
}

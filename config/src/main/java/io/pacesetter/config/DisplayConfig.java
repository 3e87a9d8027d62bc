package io.pacesetter.config;

import java.time.Duration;

/**
 * The control-room wall display: a page served over HTTP, its figures pushed as server-sent events.
 *
 * @param enabled whether {@code run} serves the page (the {@code display} command always does)
 * @param bind the address to listen on: {@code 127.0.0.1} (this machine only) unless a shared network is meant
 * @param port the TCP port; 0 takes any free one (tests)
 * @param staleAfter a page, and {@code /health}, that has had no new figure for this long says STALE
 * @param accessToken null for an open page, or a reference to the token a screen must give
 *     ({@code ?token=…}): {@code ${env:NAME}} or {@code ${file:/path}}, never the token itself
 * @param amberWithin a figure that meets its standard by less than this share of the target shows amber
 * @param maxScreens open event streams beyond this are refused (503), so a misbehaving client cannot exhaust memory
 */
public record DisplayConfig(
        Boolean enabled,
        String bind,
        Integer port,
        Duration staleAfter,
        String accessToken,
        Double amberWithin,
        Integer maxScreens,
        String actionsToken,
        String identityHeader)
        implements java.io.Serializable {

    /** Whether people may acknowledge alerts and ask for the digest from the display server. */
    public boolean takesActions() {
        return (actionsToken != null && !actionsToken.isBlank())
                || (identityHeader != null && !identityHeader.isBlank());
    }

    public boolean protectedByToken() {
        return accessToken != null && !accessToken.isBlank();
    }
}

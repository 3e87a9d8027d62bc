#!/usr/bin/env bash
# Flink's docker-entrypoint.sh writes into conf/config.yaml (the RPC address, FLINK_PROPERTIES). The
# configuration is mounted read-only at /opt/pacesetter/conf, so it is copied over the image's conf/ first
# and the entrypoint edits the container's copy, never the file in the repository.
set -euo pipefail
if [ -d /opt/pacesetter/conf ]; then
  cp /opt/pacesetter/conf/* "${FLINK_HOME}/conf/"
fi
exec /docker-entrypoint.sh "$@"

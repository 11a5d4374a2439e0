#!/usr/bin/env bash
# run.sh [demo flags]: build fion and run it nested in Xephyr (see
# scripts/demo). With $DISPLAY: an interactive Xephyr window. Without: a
# scripted demo in a private Xvfb that saves docs/screenshot.png.
set -euo pipefail
cd "$(dirname "$0")/.."

go build -o fion .
exec go run ./scripts/demo "$@"

#!/usr/bin/env bash
# Load test: one gunicorn (2 workers) on a throwaway PostgreSQL with the demo, 32 users for 10 minutes
# (scripts/loadtest.py says how; docs/deploy.md#load-test). Not part of make test.
# Usage: scripts/with-postgres.sh scripts/loadtest.sh [--users N] [--duration S] [--phase ledger] …
#        (make loadtest; LOADTEST_DURATION=180 make loadtest for a shorter run)
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/loadtest.py "$@"

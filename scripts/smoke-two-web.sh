#!/usr/bin/env bash
# Two gunicorn web processes and one job worker on one PostgreSQL, in the production configuration:
# a report sent through one process is read through the other (scripts/smoke_two_web.py says how).
# Usage: scripts/with-postgres.sh scripts/smoke-two-web.sh   (make smoke; make test runs it too)
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python scripts/smoke_two_web.py "$@"

#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL server (Debian's packages), so the
# test suite is proved on PostgreSQL as well as SQLite. Usage: with-postgres.sh CMD...
set -euo pipefail
# The server's binaries (initdb), not only the client's, which may be there alone.
find_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r d; do [ -x "$d/initdb" ] && echo "$d"; done | tail -n 1; }
bindir=$(find_bindir)
if [ -z "$bindir" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  bindir=$(find_bindir)
fi
run_as=()
if [ "$(id -u)" = 0 ]; then run_as=(runuser -u postgres --); fi
dir=$(mktemp -d /tmp/fazhi-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=${FAZHI_PG_PORT:-54329}
"${run_as[@]}" "$bindir/initdb" -D "$dir/data" -U fazhi --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=''" -l "$dir/log" -w start >/dev/null
trap '"${run_as[@]}" "$bindir/pg_ctl" -D "$dir/data" -m fast stop >/dev/null; rm -rf "$dir"' EXIT
"$bindir/createdb" -h "$dir" -p "$port" -U fazhi fazhi
export FAZHI_TEST_DATABASE_URL="postgresql://fazhi@localhost:$port/fazhi?host=$dir"
"$@"

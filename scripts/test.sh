#!/usr/bin/env bash
# The whole suite on SQLite, then again on a throwaway PostgreSQL cluster started and stopped here.
set -euo pipefail
bin=.venv/bin
mkdir -p test-results

run_suite() {  # $1: label
  echo "== pytest on $1 =="
  $bin/python -m pytest -q -p no:cacheprovider -m "not browser" -n "${PYTEST_WORKERS:-auto}"
  echo "== browser tests on $1 =="
  $bin/python -m pytest -q -p no:cacheprovider -m browser  # one process: one server, one chromium
}

unset DATABASE_URL
run_suite SQLite

pgbin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
pgdir=$(mktemp -d /tmp/zhengwu-pg.XXXXXX)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" -ne 0 ] || chown postgres "$pgdir"
stop_pg() { as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$pgdir"; }
trap stop_pg EXIT
as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w \
  -o "-k $pgdir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
export DATABASE_URL="postgres://postgres@/zhengwu?host=$pgdir"
run_suite "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}')"

#!/usr/bin/env bash
# PostgreSQL and Redis for development and CI, from Debian's packages, on 127.0.0.1 only.
#
# A development or CI machine starts with neither running. This installs what is missing,
# gives the postgres role the password "postgres" (loopback only; never on a server) and starts
# both. Running it again changes nothing. Tests reach them with
#   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/<name>  REDIS_URL=redis://127.0.0.1:6379/<n>
set -euo pipefail

need=()
command -v pg_ctlcluster >/dev/null || need+=(postgresql)
command -v redis-server >/dev/null || need+=(redis-server)
if [ ${#need[@]} -gt 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
fi

version=$(ls /etc/postgresql | sort -V | tail -n 1)
conf=/etc/postgresql/$version/main
# A throwaway test cluster: durability settings off, so that creating and dropping test
# databases costs no fsync. Written once, next to the packaged configuration.
if [ ! -f "$conf/conf.d/portal-dev.conf" ]; then
    mkdir -p "$conf/conf.d"
    cat >"$conf/conf.d/portal-dev.conf" <<'CONF'
listen_addresses = '127.0.0.1'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
CONF
fi
if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi
su postgres -c "psql -q -c \"ALTER ROLE postgres PASSWORD 'postgres'\"" >/dev/null

if ! redis-cli -h 127.0.0.1 ping >/dev/null 2>&1; then
    redis-server --bind 127.0.0.1 --port 6379 --daemonize yes --save '' --appendonly no \
        --maxmemory 256mb --maxmemory-policy allkeys-lru >/dev/null
    for _ in $(seq 30); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.2; done
fi
pg_isready -h 127.0.0.1 -p 5432
redis-cli -h 127.0.0.1 ping

#!/usr/bin/env bash
# Side by side: this site's events listing against wagtail/bakerydemo's blog listing, both
# rendered for every request (no page cache), under the same server, database and framework.
#
#   git clone https://github.com/wagtail/bakerydemo /tmp/bakerydemo    # once (measured: 8e2b625)
#   BAKERYDEMO=/tmp/bakerydemo bench/bakerydemo.sh
#   BAKERYDEMO=/tmp/bakerydemo ROUNDS=5 DURATION=20s bench/bakerydemo.sh /lv/pasakumi/ /en/events/
#
# What is equal: gunicorn with WORKERS (2) sync workers each, production settings (DEBUG off),
# PostgreSQL on 127.0.0.1 (a database of each's own, dropped and created), and the same Django
# and Wagtail: bakerydemo is installed (into BAKERY_VENV, kept between runs) with its own
# requirements but this project's Django and Wagtail versions pinned, so that the benchmark
# compares the two sites' code, not two framework releases. This site runs without its
# anonymous page cache (PAGE_CACHE_SECONDS=0) but with Redis as in production (database 14,
# emptied); bakerydemo runs with its production settings' own cache (local memory when no
# REDIS_URL is given, which is faster than Redis, so the comparison is not in this site's
# favour). wrk (THREADS 2, CONNECTIONS 16, DURATION 10s) runs ROUNDS (3) times per page,
# alternating between the sites, after one warm-up run each, so that slow drift of the machine
# falls on both. Prints each run and, per page, the median requests/s, the ratio to
# bakerydemo's median and the median of the rounds' ratios, and the SQL queries one request
# makes (Django's test client, in each site's own settings). On this 2-core machine a run
# varies by up to 20 % from round to round: use ROUNDS=5 or more for figures.
#
# Needs wrk (apt-get install wrk), PostgreSQL and Redis (make services), network access to PyPI
# for the first install of bakerydemo's requirements. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
GUNICORN=${GUNICORN:-$ROOT/.venv/bin/gunicorn}
BAKERYDEMO=${BAKERYDEMO:?set BAKERYDEMO to a checkout of https://github.com/wagtail/bakerydemo}
BAKERYDEMO=$(cd "$BAKERYDEMO" && pwd)
BAKERY_VENV=${BAKERY_VENV:-$BAKERYDEMO/.venv-bench}
BAKERY_PAGE=${BAKERY_PAGE:-/blog/}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-2}
PORT=${PORT:-8140}
BAKERY_PORT=$((PORT + 1))
PG=${PG:-postgres://postgres:postgres@127.0.0.1:5432}
REDIS_DB_URL=${REDIS_DB_URL:-redis://127.0.0.1:6379/14}
if [ $# -gt 0 ]; then pages=("$@"); else pages=(/lv/pasakumi/ /en/events/); fi
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[ -f "$BAKERYDEMO/bakerydemo/settings/production.py" ] || {
    echo "$BAKERYDEMO is not a bakerydemo checkout" >&2
    exit 2
}

work=$(mktemp -d)
setup_pid=
cleanup() {
    # The masters by their pid files: a background function's $! is its subshell, not gunicorn.
    for pidfile in "$work"/*.pid; do [ -f "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null; done
    [ -n "$setup_pid" ] && kill "$setup_pid" 2>/dev/null
    wait 2>/dev/null || true
    "$PY" bench/drop_database.py "$PG/bench_portal" 2>/dev/null || true
    "$PY" bench/drop_database.py "$PG/bench_bakery" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

versions=$("$PY" -c "import django, wagtail; print(django.__version__, wagtail.__version__)")
read -r django_version wagtail_version <<<"$versions"
echo "== Django $django_version, Wagtail $wagtail_version for both; load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== bakerydemo ($(git -C "$BAKERYDEMO" log -1 --format='%h %ad' --date=short 2>/dev/null || echo 'not a git checkout'))"
if [ ! -x "$BAKERY_VENV/bin/gunicorn" ]; then
    python3.11 -m venv "$BAKERY_VENV"
    printf 'Django==%s\nwagtail==%s\n' "$django_version" "$wagtail_version" >"$work/constraints.txt"
    # Its requirements name a newer Django than Python 3.11 runs: the pins above decide.
    grep -v -i -E '^(django|wagtail)[<>=!~ ]' "$BAKERYDEMO/requirements/base.txt" >"$work/requirements.txt"
    "$BAKERY_VENV/bin/pip" install -q -c "$work/constraints.txt" -r "$work/requirements.txt" \
        "Django==$django_version" "wagtail==$wagtail_version" gunicorn "psycopg[binary]" whitenoise
fi

"$PY" bench/drop_database.py "$PG/bench_portal" 2>/dev/null || true
"$PY" bench/drop_database.py "$PG/bench_bakery" 2>/dev/null || true
"$PY" - "$PG" <<'PYTHON'
import sys

import psycopg

with psycopg.connect(sys.argv[1] + "/postgres", autocommit=True) as connection:
    for name in ("bench_portal", "bench_bakery"):
        connection.execute(f"CREATE DATABASE {name}")
PYTHON
redis-cli -u "$REDIS_DB_URL" flushdb >/dev/null

(
    export DJANGO_SETTINGS_MODULE=bakerydemo.settings.production
    export DJANGO_SECRET_KEY="bench-only-$(head -c 24 /dev/urandom | base64)"
    export DATABASE_URL=$PG/bench_bakery SECURE_SSL_REDIRECT=false DJANGO_ALLOWED_HOSTS=127.0.0.1
    export MEDIA_ROOT=$work/bakery-media
    unset REDIS_URL
    cd "$BAKERYDEMO"
    "$BAKERY_VENV/bin/python" manage.py migrate --noinput -v0
    "$BAKERY_VENV/bin/python" manage.py load_initial_data >/dev/null
    "$BAKERY_VENV/bin/python" manage.py collectstatic --noinput -v0
    # Its Site row names localhost:8000; requests come to 127.0.0.1:<port>, the default site.
    exec "$BAKERY_VENV/bin/gunicorn" bakerydemo.wsgi:application --bind "127.0.0.1:$BAKERY_PORT" \
        --workers "$WORKERS" --pid "$work/bakery.pid" --access-logfile /dev/null \
        --error-logfile "$work/bakery.log"
) >"$work/bakery-setup.log" 2>&1 &
setup_pid=$!

portal_env() {
    env -u ELASTICSEARCH_URL -u SEARCH_ENGINE_URL DJANGO_SETTINGS_MODULE=website.settings.production \
        SECRET_KEY="bench-only-secret-key-$(head -c 24 /dev/urandom | base64)" \
        ALLOWED_HOSTS=127.0.0.1,localhost OAI_PMH_ADMIN_EMAIL=bench@socialais-darbs.example.lv \
        SITE_URL="http://127.0.0.1:$PORT" \
        DATABASE_URL="$PG/bench_portal" REDIS_URL="$REDIS_DB_URL" PAGE_CACHE_SECONDS=0 \
        MEDIA_ROOT="$work/media" STATIC_ROOT="$work/static" SECURE_SSL_REDIRECT=false "$@"
}
portal_env "$PY" manage.py migrate --noinput -v0
portal_env "$PY" manage.py load_demo_content >/dev/null
portal_env "$PY" manage.py collectstatic --noinput -v0
portal_env "$GUNICORN" website.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --pid "$work/portal.pid" --access-logfile /dev/null --error-logfile "$work/portal.log" --daemon

wait_for() {  # wait_for <url>: until it answers 200 (bakerydemo loads its data first)
    for _ in $(seq 600); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1")" = 200 ] && return 0
        kill -0 "$setup_pid" 2>/dev/null || break
        sleep 0.5
    done
    echo "$1 does not answer 200; bakerydemo's set-up said:" >&2
    tail -n 30 "$work/bakery-setup.log" "$work/bakery.log" 2>/dev/null >&2
    exit 1
}
wait_for "http://127.0.0.1:$BAKERY_PORT$BAKERY_PAGE"
for page in "${pages[@]}"; do wait_for "http://127.0.0.1:$PORT$page"; done

queries() {  # QUERY_PATH=<path> queries <command…>: "status count" of an anonymous request's SQL
    "$@" manage.py shell -v0 -c "
import os
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client()
path = os.environ['QUERY_PATH']
client.get(path)
with CaptureQueriesContext(connection) as captured:
    status = client.get(path).status_code
print(status, len(captured))
" 2>/dev/null | tail -n 1
}

rps() {  # rps <url>: requests per second of one wrk run
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'
}

bakery_url="http://127.0.0.1:$BAKERY_PORT$BAKERY_PAGE"
printf '%-28s %s\n' "bakerydemo page" "$BAKERY_PAGE ($(curl -s "$bakery_url" | wc -c) bytes)"
bakery_queries=$(cd "$BAKERYDEMO" && QUERY_PATH=$BAKERY_PAGE queries env \
    DJANGO_SETTINGS_MODULE=bakerydemo.settings.production DJANGO_SECRET_KEY=bench \
    DATABASE_URL="$PG/bench_bakery" SECURE_SSL_REDIRECT=false DJANGO_ALLOWED_HOSTS=testserver \
    "$BAKERY_VENV/bin/python")
echo "   queries per request (status, count): $bakery_queries"
wrk -t1 -c1 -d2s "$bakery_url" >/dev/null

for page in "${pages[@]}"; do
    url="http://127.0.0.1:$PORT$page"
    portal_queries=$(QUERY_PATH=$page queries portal_env ALLOWED_HOSTS=testserver "$PY")
    printf '\n== %s (%s bytes; queries per request: %s) against %s\n' \
        "$page" "$(curl -s "$url" | wc -c)" "$portal_queries" "$BAKERY_PAGE"
    wrk -t1 -c1 -d2s "$url" >/dev/null
    ours=()
    theirs=()
    for round in $(seq "$ROUNDS"); do
        ours+=("$(rps "$url")")
        theirs+=("$(rps "$bakery_url")")
        printf '   round %s: this site %8s req/s   bakerydemo %8s req/s\n' "$round" \
            "${ours[-1]}" "${theirs[-1]}"
    done
    "$PY" - "${ours[*]}" "${theirs[*]}" <<'PYTHON'
import statistics
import sys

ours = [float(value) for value in sys.argv[1].split()]
theirs = [float(value) for value in sys.argv[2].split()]
ratio = statistics.median(mine / other for mine, other in zip(ours, theirs, strict=True))
print(
    f"   median: this site {statistics.median(ours):.1f} req/s, bakerydemo"
    f" {statistics.median(theirs):.1f} req/s: {statistics.median(ours) / statistics.median(theirs):.2f}x"
    f" (median of the rounds' ratios, each pair run back to back: {ratio:.2f}x)"
)
PYTHON
done

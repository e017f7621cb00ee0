#!/usr/bin/env bash
# The two caches in front of the pages, each next to the fastest thing that could answer the
# same bytes on this machine (issue 17's benchmark):
#
#   1. nginx's front cache (a HIT) next to nginx sending a static file of the same bytes;
#   2. the site's page cache (website.pagecache, a hit, straight to gunicorn) next to a trivial
#      Django view answering the same bytes behind the same middleware (bench/urls.py).
#
#   bench/caches-http.sh
#   PAGE=/lv/par-portalu/ DURATION=20s CONNECTIONS=16 bench/caches-http.sh
#
# Goals: front cache >= 0.5 of nginx static; page cache >= 0.8 of the trivial view. Prints
# requests/s, p50 and p99 of each and the two ratios; exits 1 when a goal is missed. Runs
# deploy/run-local's stack (nginx, gunicorn with website.settings.production, PostgreSQL and
# Redis on 127.0.0.1: `make services`; needs wrk and nginx) in a temporary folder, on
# STACK_DATABASE_URL (dropped and created; .../bench_caches) and STACK_REDIS_URL (emptied;
# redis://127.0.0.1:6379/7), ports STACK_PORT (8300) and the next three. The measurements run
# one after another, each after a warm-up, so they share the machine's load alike.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/wrk-results.sh
. bench/wrk-results.sh
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
GUNICORN=${GUNICORN:-$ROOT/.venv/bin/gunicorn}
DURATION=${DURATION:-15s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PAGE=${PAGE:-/lv/}
PORT=${STACK_PORT:-8300}
APP_PORT=$((PORT + 1))
BENCH_APP_PORT=$((PORT + 3))
export GUNICORN_WORKERS=${WORKERS:-2}
STACK_DATABASE_URL=${STACK_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/bench_caches}
STACK_REDIS_URL=${STACK_REDIS_URL:-redis://127.0.0.1:6379/7}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
dir=$work/stack
cleanup() {
    [ -f "$work/bench-gunicorn.pid" ] && kill -TERM "$(cat "$work/bench-gunicorn.pid")" 2>/dev/null
    deploy/run-local stop "$dir" >/dev/null 2>&1 || true
    "$PY" bench/drop_database.py "$STACK_DATABASE_URL" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== The stack on 127.0.0.1:$PORT (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
DATABASE_URL=$STACK_DATABASE_URL REDIS_URL=$STACK_REDIS_URL PORT=$PORT APP_PORT=$APP_PORT \
    deploy/run-local start "$dir" >/dev/null
set -a
# shellcheck disable=SC1091
. "$dir/env"
set +a
unset ELASTICSEARCH_URL SEARCH_ENGINE_URL

# The page's bytes as the site answers them, saved as a static file nginx sends and as the
# trivial view's body.
curl -sf -o "$work/page.html" "http://127.0.0.1:$PORT$PAGE"
cp "$work/page.html" "$STATIC_ROOT/bench-same-bytes.html"
bytes=$(stat -c %s "$work/page.html")
echo "   $PAGE: $bytes bytes"

# A second gunicorn of the same site with the trivial view (bench/settings.py), straight.
BENCH_BODY_FILE=$work/page.html DJANGO_SETTINGS_MODULE=bench.settings \
    GUNICORN_BIND=127.0.0.1:$BENCH_APP_PORT GUNICORN_ACCESS_LOG=/dev/null \
    GUNICORN_ERROR_LOG=$work/bench-gunicorn.log \
    "$GUNICORN" -c deploy/gunicorn.conf.py --daemon --pid "$work/bench-gunicorn.pid" \
    website.wsgi:application
for _ in $(seq 150); do
    curl -sf -o /dev/null "http://127.0.0.1:$BENCH_APP_PORT/bench/same-bytes/" && break
    sleep 0.2
done

header() {  # header <url> <name>: the value of one response header
    curl -s -o /dev/null -D - "$1" | tr -d '\r' | awk -v name="$2" 'tolower($1) == tolower(name) ":" {print $2}'
}
front=http://127.0.0.1:$PORT$PAGE
static=http://127.0.0.1:$PORT/static/bench-same-bytes.html
app=http://127.0.0.1:$BENCH_APP_PORT$PAGE
trivial=http://127.0.0.1:$BENCH_APP_PORT/bench/same-bytes/
curl -sf -o /dev/null "$front"; curl -sf -o /dev/null "$app"; curl -sf -o /dev/null "$app"
checks=0
[ "$(header "$front" X-Cache-Status)" = HIT ] || { echo "the front cache does not keep $PAGE" >&2; checks=1; }
[ "$(header "$app" X-Page-Cache)" = hit ] || { echo "the page cache does not keep $PAGE" >&2; checks=1; }
[ "$(header "$trivial" X-Page-Cache)" = "" ] || { echo "the trivial view is cached" >&2; checks=1; }
[ "$checks" = 0 ] || exit 1

declare -A rate
measure() {  # measure <name> <url>
    wrk -t"$THREADS" -c"$CONNECTIONS" -d3s "$2" >/dev/null  # warm-up
    local out rps p50 p99 requests non2xx sockets bad
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$2")
    wrk_results "$out"
    rate[$1]=$rps
    printf '%-34s %10s %10s %10s %8s\n' "$1" "$rps" "$p50" "$p99" "$non2xx"
}
printf '%-34s %10s %10s %10s %8s\n' "" "req/s" p50 p99 non-2xx
measure "nginx static file" "$static"
measure "nginx front cache (HIT)" "$front"
measure "trivial Django view" "$trivial"
measure "site page cache (hit)" "$app"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
front_ratio=$(ratio "${rate[nginx front cache (HIT)]}" "${rate[nginx static file]}")
app_ratio=$(ratio "${rate[site page cache (hit)]}" "${rate[trivial Django view]}")
echo "front cache / nginx static: $front_ratio (goal >= 0.5)"
echo "page cache / trivial view:  $app_ratio (goal >= 0.8)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
awk -v f="$front_ratio" -v a="$app_ratio" 'BEGIN {exit !(f >= 0.5 && a >= 0.8)}'

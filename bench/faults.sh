#!/usr/bin/env bash
# Load and faults, on loopback only, in about four minutes: the demo site under gunicorn with
# production settings on PostgreSQL.
#
#   bench/faults.sh
#   DURATION=60s CONNECTIONS=32 WORKERS=3 bench/faults.sh
#
# 1. Load: DURATION of wrk at CONNECTIONS connections spread over the home page, a listing, a
#    detail page and searches, with the anonymous page cache off (every request is rendered):
#    there must be no non-2xx response and no socket error.
# 2. PostgreSQL restarted under load: an editor's page is saved just before; once the
#    database accepts connections again the site must answer within 5 s, and the page must
#    still be there.
# 3. Elasticsearch unreachable (ELASTICSEARCH_URL at a closed port): search answers from the
#    database, with results, and no non-2xx under load.
#
# Needs wrk (apt-get install wrk), root (to restart the cluster with pg_ctlcluster) and a
# PostgreSQL superuser on 127.0.0.1 without password. Uses and drops the database FAULTS_DB.
# Exits 1 when a check fails. Do not run it while other work uses the same PostgreSQL server:
# its restart breaks their connections too.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/wrk-results.sh
. bench/wrk-results.sh
PY=${PYTHON:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-3}
PORT=${PORT:-8124}
DB=${FAULTS_DB:-faults_portal}
PG_VERSION=${PG_VERSION:-$(ls /etc/postgresql | sort -n | tail -1)}
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
server=
stop_server() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    server=
}
trap 'stop_server; rm -rf "$work"' EXIT

export DJANGO_SETTINGS_MODULE=website.settings.production
export SECRET_KEY="faults-only-$(head -c 24 /dev/urandom | base64)"
export ALLOWED_HOSTS=127.0.0.1,localhost
export OAI_PMH_ADMIN_EMAIL=${OAI_PMH_ADMIN_EMAIL:-bench@socialais-darbs.example.lv}
export DATABASE_URL="postgres://postgres:postgres@127.0.0.1:5432/$DB"
export MEDIA_ROOT=$work/media STATIC_ROOT=$work/static
export SECURE_SSL_REDIRECT=false   # plain HTTP on loopback
unset ELASTICSEARCH_URL REDIS_URL

failures=0
check() {  # check <description> <command…>: print PASS/FAIL
    local what=$1; shift
    if "$@"; then echo "PASS  $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}

start_server() {  # environment overrides as arguments, e.g. PAGE_CACHE_SECONDS=0
    stop_server
    env "$@" "$GUNICORN" website.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
        --timeout 30 --access-logfile /dev/null --error-logfile "$work/gunicorn.log" &
    server=$!
    for _ in $(seq 150); do curl -sf -o /dev/null "$BASE/robots.txt" && return 0; sleep 0.2; done
    echo "gunicorn did not start" >&2; cat "$work/gunicorn.log" >&2; exit 1
}

run_wrk() {  # run_wrk <duration> <lua script> → prints wrk's output
    timeout 600 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$1" --timeout 10s --latency -s "$2" "$BASE/"
}

summary() {  # summary <wrk output>: one line, and the count of bad answers in $bad
    local out=$1
    local rps p50 p99 requests non2xx sockets
    wrk_results "$out"
    echo "      requests ${requests:-0}, ${rps:-0} req/s, p50 ${p50:-?}, p99 ${p99:-?}," \
        "non-2xx ${non2xx:-0}, socket errors ${sockets:-0}"
}

lua_paths() {  # lua_paths <file> <path…>: a wrk script that cycles through the paths
    local file=$1; shift
    {
        echo "local paths = {"
        for path in "$@"; do printf '  "%s",\n' "$path"; done
        echo "}"
        echo "local i = 0"
        echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
    } >"$file"
}

echo "== Demo site on PostgreSQL database $DB"
PGPASSWORD=postgres psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" \
    -c "CREATE DATABASE $DB" >/dev/null
"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo_content >/dev/null
"$PY" manage.py collectstatic --noinput -v0
detail=$("$PY" manage.py shell -v0 -c \
    "from methodologies.models import MethodologyPage; print(MethodologyPage.objects.live().filter(locale__language_code='lv').first().url)")
listing=$("$PY" manage.py shell -v0 -c \
    "from methodologies.models import MethodologyIndexPage; print(MethodologyIndexPage.objects.live().filter(locale__language_code='lv').first().url)")
paths=(/lv/ "$listing" "$detail" "/lv/meklet/?q=socialais+darbs" "/lv/meklet/?q=senioriem"
    "/en/" "/en/search/?q=supervision")

echo "== 1. Load: $DURATION at $CONNECTIONS connections, page cache off, $WORKERS workers"
start_server PAGE_CACHE_SECONDS=0
for path in "${paths[@]}"; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
    [ "$code" = 200 ] || { echo "$path answers $code before the load" >&2; exit 1; }
done
lua_paths "$work/mixed.lua" "${paths[@]}"
out=$(run_wrk "$DURATION" "$work/mixed.lua")
summary "$out"
check "no non-2xx response and no socket error under load" test "$bad" -eq 0

echo "== 2. PostgreSQL restarted under load"
marker="Pirms restartēšanas $(date +%s)"
saved=$("$PY" manage.py shell -v0 -c "
from website.models import HomePage, StandardPage
home = HomePage.objects.get(locale__language_code='lv')
page = StandardPage(title='$marker', slug='pirms-restartesanas-$(date +%s)')
home.add_child(instance=page)
page.save_revision().publish()
print(page.url)")
lua_paths "$work/search.lua" "/lv/meklet/?q=socialais+darbs" "/lv/" "$listing"
run_wrk 20s "$work/search.lua" >"$work/restart-wrk.txt" &
load=$!
sleep 5
restart_started=$(date +%s.%N)
pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main restart
for _ in $(seq 300); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.1; done
database_back=$(date +%s.%N)
answered=
for i in $(seq 600); do
    # A query string the page cache has never seen: the answer needs the database.
    code=$(curl -s -o /dev/null -m 5 -w '%{http_code}' "$BASE/lv/meklet/?q=darbs&n=$i" || true)
    if [ "$code" = 200 ]; then answered=$(date +%s.%N); break; fi
    sleep 0.1
done
wait "$load" || true
recovery=$(awk -v a="${answered:-0}" -v b="$database_back" 'BEGIN {printf "%.2f", a - b}')
echo "      database down for $(awk -v a="$database_back" -v b="$restart_started" 'BEGIN {printf "%.1f", a - b}') s;" \
    "site answered again ${recovery} s after the database was back"
summary "$(cat "$work/restart-wrk.txt")"
echo "      (answers during the outage itself are expected to fail)"
check "site answers within 5 s of the database returning" \
    awk -v r="$recovery" -v a="${answered:-}" 'BEGIN {exit !(a != "" && r <= 5)}'
code=$(curl -s -o "$work/saved.html" -w '%{http_code}' "$BASE$saved")
check "the page saved before the restart is still published ($saved)" \
    grep -q "$marker" "$work/saved.html"

echo "== 3. Elasticsearch unreachable (closed port): search answers from the database"
start_server PAGE_CACHE_SECONDS=0 ELASTICSEARCH_URL=http://127.0.0.1:9
curl -s -o "$work/search.html" "$BASE/lv/meklet/?q=senioriem"
check "search with the cluster down finds the seniors' methodology" \
    grep -qi "senior" "$work/search.html"
lua_paths "$work/es.lua" "/lv/meklet/?q=socialais+darbs" "/lv/meklet/?q=senioriem" \
    "/en/search/?q=supervision"
out=$(run_wrk 15s "$work/es.lua")
summary "$out"
check "no non-2xx answer from search with the cluster down" test "$bad" -eq 0

stop_server
PGPASSWORD=postgres psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null || true
if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "All checks passed"

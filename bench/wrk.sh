#!/usr/bin/env bash
# Requests per second and latency of the demo site under gunicorn with production settings
# (DEBUG off), measured with wrk on loopback.
#
#   bench/wrk.sh                         # SQLite in a temporary folder
#   DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/bench bench/wrk.sh
#   DURATION=30s CONNECTIONS=32 bench/wrk.sh /lv/ /en/
#   PAGE_CACHE_SECONDS=0 bench/wrk.sh     # without the anonymous page cache (before/after)
#   (the page cache is on in production when REDIS_URL is set: Redis database 15 is used here)
#
# Needs wrk (Debian: apt-get install wrk). Prints one line per URL: requests/s, p50, p99.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/wrk-results.sh
. bench/wrk-results.sh
PY=${PYTHON:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
WORKERS=${WORKERS:-3}
PORT=${PORT:-8123}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
trap 'kill "${server:-0}" 2>/dev/null || true; wait 2>/dev/null || true; rm -rf "$work"' EXIT
export DJANGO_SETTINGS_MODULE=website.settings.production
export SECRET_KEY="bench-only-$(head -c 24 /dev/urandom | base64)"
export ALLOWED_HOSTS=127.0.0.1,localhost
export OAI_PMH_ADMIN_EMAIL=${OAI_PMH_ADMIN_EMAIL:-bench@socialais-darbs.example.lv}
export DATABASE_URL=${DATABASE_URL:-sqlite:///$work/bench.sqlite3}
export MEDIA_ROOT=$work/media STATIC_ROOT=$work/static
export SECURE_SSL_REDIRECT=false   # plain HTTP on loopback
unset ELASTICSEARCH_URL
# The page cache needs a cache shared by the workers (website.settings.production): Redis's
# database 15 on this machine when it answers.
if [ -z "${REDIS_URL:-}" ] && command -v redis-cli >/dev/null && redis-cli -n 15 ping >/dev/null 2>&1; then
    export REDIS_URL=redis://127.0.0.1:6379/15
    redis-cli -n 15 flushdb >/dev/null
fi

"$PY" manage.py migrate --noinput -v0
"$PY" manage.py load_demo_content >/dev/null
"$PY" manage.py collectstatic --noinput -v0
"$GUNICORN" website.wsgi:application --bind "127.0.0.1:$PORT" --workers "$WORKERS" \
    --access-logfile /dev/null --error-logfile "$work/gunicorn.log" &
server=$!
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/robots.txt" && break; sleep 0.2; done

if [ $# -gt 0 ]; then urls=("$@"); else
    urls=(/lv/ /en/ /lv/par-portalu/ "/lv/meklet/?q=socialais+darbs")
    [ -n "${EXTRA_URLS:-}" ] && read -r -a extra <<<"$EXTRA_URLS" && urls+=("${extra[@]}")
fi
printf '%-40s %10s %10s %10s %8s\n' url "req/s" p50 p99 non-2xx
for url in "${urls[@]}"; do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT$url" || { echo "$url does not answer 200" >&2; exit 1; }
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$url")
    wrk_results "$out"
    printf '%-40s %10s %10s %10s %8s\n' "$url" "$rps" "$p50" "$p99" "$non2xx"
done

#!/usr/bin/env bash
# Load and faults on the production stack (README: Production): deploy/run-local's nginx in
# front of gunicorn (deploy/gunicorn.conf.py, website.settings.production), PostgreSQL and Redis
# on 127.0.0.1, the demo content loaded. About ten minutes; loopback only; no root needed.
#
#   bench/load.sh
#   STACK_DATABASE_URL=postgres://postgres:postgres@127.0.0.1:5432/load_stack \
#   STACK_REDIS_URL=redis://127.0.0.1:6379/12 STACK_PORT=8190 bench/load.sh
#   COMPARE=0 bench/load.sh        # without the run in which the site streams the files itself
#
# 1. Load with slow downloads: DURATION (60 s) of wrk at CONNECTIONS (32) connections spread
#    over the home page, a listing, a detail page, a search and a small document, while
#    DOWNLOADERS (4) clients each download a large document (LARGE_MB, 32 MB) and an audio file
#    (AUDIO_MB, 12 MB) at RATE_KB (200 KB/s; a reader with a 64 KB receive buffer that reads 16 KB
#    at a time, since curl --limit-rate does not hold the rate here), which outlast wrk. Both
#    files are added to the stack's media for this run only. A sampler asks each page once per
#    round during the load for its own p50/p99. Checks: no non-2xx and no socket error, every
#    download complete with the exact size and SHA-256, p99 of the pages under 1 s.
# 2. The same without the hand-off (COMPARE=1, the default): gunicorn restarted without
#    MEDIA_ACCEL_REDIRECT, so the site streams the files to nginx itself. Measured, not checked.
# 3. Faults, each with gunicorn restarted behind the same nginx with one setting changed:
#    Redis hung (a server that accepts connections and never answers) and Redis at a closed
#    port: every page answers 200 and none waits (p99 under load reported, checked < 2 s);
#    PostgreSQL hung and at a closed port: a page in the page cache answers at once, the others
#    get the site's error page (500) after DATABASE_CONNECT_TIMEOUT (3 s), not after the worker
#    timeout (checked < 10 s). Timings printed for every request.
#
# Settings: STACK_DATABASE_URL (dropped and created; default .../load_stack), STACK_REDIS_URL
# (emptied; default redis://127.0.0.1:6379/12), STACK_PORT (8190; gunicorn on the next port),
# WORKERS (2 gunicorn workers), THREADS (2 wrk threads). Needs wrk (apt-get install wrk), nginx,
# PostgreSQL and Redis (make services). Exits 1 when a check fails. The stack's folder (a
# temporary one) and its database are kept only for the run.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/wrk-results.sh
. bench/wrk-results.sh
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
GUNICORN=${GUNICORN:-$ROOT/.venv/bin/gunicorn}
DURATION=${DURATION:-60s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
DOWNLOADERS=${DOWNLOADERS:-4}
RATE_KB=${RATE_KB:-200}
RATE_BYTES=$((RATE_KB * 1024))
LARGE_MB=${LARGE_MB:-32}
AUDIO_MB=${AUDIO_MB:-12}
COMPARE=${COMPARE:-1}
PORT=${STACK_PORT:-8190}
APP_PORT=$((PORT + 1))
export GUNICORN_WORKERS=${WORKERS:-2}
STACK_DATABASE_URL=${STACK_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/load_stack}
STACK_REDIS_URL=${STACK_REDIS_URL:-redis://127.0.0.1:6379/12}
BASE="http://127.0.0.1:$PORT"
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }

work=$(mktemp -d)
dir=$work/stack
background=()
cleanup() {
    for pid in "${background[@]}"; do kill "$pid" 2>/dev/null || true; done
    deploy/run-local stop "$dir" >/dev/null 2>&1 || true
    "$PY" bench/drop_database.py "$STACK_DATABASE_URL" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

failures=0
check() {  # check <description> <command…>: print PASS/FAIL
    local what=$1; shift
    if "$@"; then echo "PASS  $what"; else echo "FAIL  $what"; failures=$((failures + 1)); fi
}

echo "== The stack on $BASE (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
DATABASE_URL=$STACK_DATABASE_URL REDIS_URL=$STACK_REDIS_URL PORT=$PORT APP_PORT=$APP_PORT \
    deploy/run-local start "$dir" >/dev/null
set -a
# shellcheck disable=SC1091
. "$dir/env"
set +a
unset ELASTICSEARCH_URL SEARCH_ENGINE_URL

# The site's gunicorn, restarted behind the same nginx with settings changed (NAME=value, or
# -NAME to leave NAME out); waits until robots.txt (no database) answers through nginx.
restart_app() {
    local pid
    pid=$(cat "$dir/gunicorn.pid")
    kill -TERM "$pid"
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    local args=()
    for setting in "$@"; do
        case "$setting" in -*) args+=(-u "${setting#-}") ;; *) args+=("$setting") ;; esac
    done
    env "${args[@]}" "$GUNICORN" -c deploy/gunicorn.conf.py --daemon --pid "$dir/gunicorn.pid" \
        website.wsgi:application
    for _ in $(seq 150); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$BASE/robots.txt")" = 200 ] && return 0
        sleep 0.2
    done
    echo "gunicorn did not start again (see $dir/gunicorn.log)" >&2
    exit 1
}

echo "== The files: a ${LARGE_MB} MB document and a ${AUDIO_MB} MB audio file, for this run only"
"$PY" manage.py shell -v0 -c "
import hashlib, json, os
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from methodologies.models import MethodologyIndexPage, MethodologyPage
from website.files import restricted_collection_ids

Document = get_document_model()
restricted = restricted_collection_ids()
small = Document.objects.exclude(collection__in=restricted).order_by('pk').first()
made = {'small': small.url}
for key, title, name, size in (
    ('large', 'Slodzes tests: liels dokuments', 'slodzes-dokuments.pdf', $LARGE_MB),
    ('audio', 'Slodzes tests: ieraksts', 'slodzes-ieraksts.mp3', $AUDIO_MB),
):
    content = (b'%PDF-1.4\n' if key == 'large' else b'ID3') + os.urandom(size * 1024 * 1024 - 9)
    document = Document(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    made[key] = {'url': document.url, 'size': len(content),
                 'sha256': hashlib.sha256(content).hexdigest()}
made['listing'] = MethodologyIndexPage.objects.live().filter(locale__language_code='lv').first().url
made['detail'] = MethodologyPage.objects.live().filter(locale__language_code='lv').first().url
print(json.dumps(made))
" >"$work/files.json" 2>"$work/files.log" || { cat "$work/files.log" >&2; exit 1; }
field() { "$PY" -c "import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, d))" "$work/files.json" "$1"; }
large_url=$(field "large['url']"); large_size=$(field "large['size']"); large_sum=$(field "large['sha256']")
audio_url=$(field "audio['url']"); audio_size=$(field "audio['size']"); audio_sum=$(field "audio['sha256']")
pages=(/lv/ "$(field listing)" "$(field detail)" "/lv/meklet/?q=socialais+darbs" "$(field small)")
echo "      pages: ${pages[*]}"
echo "      large: $large_url ($large_size B), audio: $audio_url ($audio_size B)"

lua=$work/mixed.lua
{
    echo "local paths = {"
    for path in "${pages[@]}"; do printf '  "%s",\n' "$path"; done
    echo "}"
    echo "local i = 0"
    echo 'request = function() i = i % #paths + 1; return wrk.format("GET", paths[i]) end'
} >"$lua"

# One round of each page, one request at a time, until the file "$1" appears: per-page
# p50/p99 and the count of answers that are not 200.
sampler() {
    "$PY" - "$BASE" "$1" "${pages[@]}" <<'PYTHON'
import http.client
import os
import statistics
import sys
import time

base, stop_file, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
host, port = base.removeprefix("http://").split(":")
times = {path: [] for path in paths}
bad = {path: 0 for path in paths}
while not os.path.exists(stop_file):
    for path in paths:
        started = time.monotonic()
        try:
            connection = http.client.HTTPConnection(host, int(port), timeout=30)
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            status = response.status
            connection.close()
        except OSError:
            status = 0
        times[path].append(time.monotonic() - started)
        bad[path] += status != 200
        time.sleep(0.05)
for path in paths:
    values = sorted(times[path])
    if not values:
        continue
    p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
    print(f"      {path[:48]:<48} n={len(values):<4} p50 {statistics.median(values) * 1000:7.1f} ms"
          f"  p99 {p99 * 1000:7.1f} ms  max {values[-1] * 1000:7.1f} ms  not 200: {bad[path]}")
PYTHON
}

# download <url>: one slow client at RATE_BYTES per second (a small receive buffer, so the server
# really meets a slow reader); prints "status bytes seconds sha256 error". curl --limit-rate is
# not used: Debian 12's curl 7.88 does not hold the rate on loopback (3 MB arrive in 0.3 s).
download() {
    "$PY" - "$BASE$1" "$RATE_BYTES" <<'PYTHON'
import hashlib
import http.client
import socket
import sys
import time
from urllib.parse import urlsplit

url, rate = urlsplit(sys.argv[1]), int(sys.argv[2])


class SlowReader(http.client.HTTPConnection):
    def connect(self):
        self.sock = socket.socket()
        self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 * 1024)
        self.sock.settimeout(self.timeout)
        self.sock.connect((self.host, self.port))


started = time.monotonic()
digest, received, status, error = hashlib.sha256(), 0, 0, "-"
try:
    connection = SlowReader(url.hostname, url.port, timeout=60)
    connection.request("GET", url.path)
    response = connection.getresponse()
    status = response.status
    while chunk := response.read(16 * 1024):
        digest.update(chunk)
        received += len(chunk)
        ahead = received / rate - (time.monotonic() - started)
        if ahead > 0:
            time.sleep(ahead)
except (OSError, http.client.HTTPException) as failure:
    error = type(failure).__name__
print(status, received, f"{time.monotonic() - started:.1f}", digest.hexdigest(), error)
PYTHON
}

# The load of part 1, with the downloads: prints a summary and sets $bad, $slow_ok, $p99_ms.
load_run() {
    local label=$1 out i
    echo "== $label"
    echo "      load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
    for path in "${pages[@]}"; do
        code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
        [ "$code" = 200 ] || { echo "$path answers $code before the load" >&2; exit 1; }
    done
    rm -f "$work"/dl-* "$work/stop-sampler"
    local downloads=()
    local started=$SECONDS
    for i in $(seq "$DOWNLOADERS"); do
        download "$large_url" >"$work/dl-large-$i.result" &
        downloads+=($!)
        download "$audio_url" >"$work/dl-audio-$i.result" &
        downloads+=($!)
    done
    background+=("${downloads[@]}")
    sleep 1
    sampler "$work/stop-sampler" >"$work/sampler.txt" &
    local sampling=$!
    background+=("$sampling")
    out=$(timeout 600 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency \
        -s "$lua" "$BASE/")
    touch "$work/stop-sampler"
    wait "$sampling" || true
    echo "      load average at the end of wrk: $(cut -d' ' -f1-3 /proc/loadavg)"
    local rps p50 p99 requests non2xx sockets
    wrk_results "$out"
    p99_ms=$(awk -v v="${p99:-999s}" 'BEGIN {
        n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /s$/) n *= 1000;
        printf "%.1f", n }')
    echo "      wrk: requests ${requests:-0}, ${rps:-0} req/s, p50 ${p50:-?}, p99 ${p99:-?}," \
        "non-2xx ${non2xx:-0}, socket errors ${sockets:-0}"
    echo "      sampler (one request at a time during the load):"
    cat "$work/sampler.txt"
    echo "      waiting for the slow downloads ($((SECONDS - started)) s so far)…"
    slow_ok=1
    for pid in "${downloads[@]}"; do wait "$pid" || true; done
    for i in $(seq "$DOWNLOADERS"); do
        for kind in large audio; do
            local size sum want_size want_sum status seconds code
            read -r status size seconds sum code <"$work/dl-$kind-$i.result"
            if [ "$kind" = large ]; then want_size=$large_size want_sum=$large_sum
            else want_size=$audio_size want_sum=$audio_sum; fi
            local verdict=complete
            if [ "$status" != 200 ] || [ "$code" != - ] || [ "$size" != "$want_size" ] \
                || [ "$sum" != "$want_sum" ]; then verdict=BROKEN; slow_ok=0; fi
            printf '      download %s %d: status %s, %s of %s B in %s s, error %s, sha256 %s: %s\n' \
                "$kind" "$i" "$status" "$size" "$want_size" "$seconds" "$code" \
                "$([ "$sum" = "$want_sum" ] && echo same || echo DIFFERENT)" "$verdict"
        done
    done
}

load_run "1. Load with the hand-off (MEDIA_ACCEL_REDIRECT=/_media/): $DURATION at $CONNECTIONS connections, $DOWNLOADERS slow downloaders × 2 files at $RATE_KB KB/s, $GUNICORN_WORKERS workers"
check "no non-2xx answer and no socket error under load" test "$bad" -eq 0
check "every slow download complete, exact size and checksum" test "$slow_ok" -eq 1
check "p99 of the pages under 1 s (wrk: $p99_ms ms)" awk -v p="$p99_ms" 'BEGIN {exit !(p < 1000)}'

if [ "$COMPARE" = 1 ]; then
    restart_app -MEDIA_ACCEL_REDIRECT
    load_run "2. The same without the hand-off (MEDIA_ACCEL_REDIRECT unset: gunicorn streams the files to nginx)"
    echo "      (measured for comparison, not checked)"
    restart_app
fi

echo "== 3. Faults: gunicorn restarted behind nginx with one dependency hung or closed"
# A hung server: accepts connections, never answers. A closed port: nothing listens there.
"$PY" - "$work/hung.port" <<'PYTHON' &
import socket
import sys

listener = socket.socket()
listener.bind(("127.0.0.1", 0))
listener.listen(256)
with open(sys.argv[1], "w") as out:
    out.write(str(listener.getsockname()[1]))
held = []
while True:
    held.append(listener.accept()[0])
PYTHON
background+=($!)
for _ in $(seq 50); do [ -s "$work/hung.port" ] && break; sleep 0.1; done
hung=$(cat "$work/hung.port")
closed=$("$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")

timed() {  # timed <path>: "status seconds cache"
    curl -s -o /dev/null -D "$work/headers" -m 60 -w '%{http_code} %{time_total}' "$BASE$1" || true
    echo " $(awk -F': ' 'tolower($1)=="x-page-cache" {gsub("\r", ""); print $2}' "$work/headers")"
}

fault_pages=(/lv/ /en/ "${pages[1]}" "${pages[2]}" "/lv/meklet/?q=nav-kese-$RANDOM")
for fault in "Redis hung:REDIS_URL=redis://127.0.0.1:$hung/0" \
    "Redis at a closed port:REDIS_URL=redis://127.0.0.1:$closed/0"; do
    echo "   -- ${fault%%:*}"
    restart_app "${fault#*:}"
    slowest=0
    for path in "${fault_pages[@]}"; do
        read -r status seconds cache < <(timed "$path")
        printf '      %-48s %s in %6.3f s %s\n' "$path" "$status" "$seconds" "$cache"
        [ "$status" = 200 ] || slowest=999
        slowest=$(awk -v a="$slowest" -v b="$seconds" 'BEGIN {print (b > a ? b : a)}')
    done
    check "${fault%%:*}: every page 200, none slower than 2 s (slowest $slowest s)" \
        awk -v s="$slowest" 'BEGIN {exit !(s < 2)}'
    out=$(wrk -t"$THREADS" -c8 -d15s --timeout 10s --latency -s "$lua" "$BASE/")
    wrk_results "$out"
    echo "      15 s of wrk at 8 connections: $rps req/s, p50 $p50, p99 $p99, non-2xx $non2xx"
    check "${fault%%:*}: no non-2xx under load" test "${non2xx:-0}" -eq 0
done

# The page cache (Redis) holds what part 1 rendered; a new query string needs the database.
for fault in "PostgreSQL hung:DATABASE_URL=postgres://postgres:postgres@127.0.0.1:$hung/x" \
    "PostgreSQL at a closed port:DATABASE_URL=postgres://postgres:postgres@127.0.0.1:$closed/x"; do
    echo "   -- ${fault%%:*}"
    restart_app "${fault#*:}"
    read -r status seconds cache < <(timed /lv/)
    printf '      %-48s %s in %6.3f s %s\n' "/lv/ (in the page cache)" "$status" "$seconds" "$cache"
    check "${fault%%:*}: a cached page answers 200 within 2 s" \
        awk -v c="$status" -v s="$seconds" 'BEGIN {exit !(c == 200 && s < 2)}'
    slowest=0 statuses=
    for path in "/lv/meklet/?q=nav-kese-$RANDOM" "/lv/meklet/?q=nav-kese-$RANDOM" "${pages[4]}"; do
        read -r status seconds cache < <(timed "$path")
        printf '      %-48s %s in %6.3f s %s\n' "$path" "$status" "$seconds" "$cache"
        statuses+="$status "
        slowest=$(awk -v a="$slowest" -v b="$seconds" 'BEGIN {print (b > a ? b : a)}')
    done
    check "${fault%%:*}: the others fail (5xx) within 10 s (slowest $slowest s; $statuses)" \
        awk -v s="$slowest" -v c="$statuses" 'BEGIN {exit !(s < 10 && c ~ /^(5[0-9][0-9] )+$/)}'
done
restart_app

echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$failures" -gt 0 ]; then echo "$failures check(s) failed"; exit 1; fi
echo "All checks passed"

#!/usr/bin/env bash
# Lighthouse's four scores (performance, accessibility, best practices, SEO; mobile preset,
# simulated throttling) for one page of every page type, Latvian and English, and the search
# page, served by the production stack (deploy/run-local: nginx, gunicorn, PostgreSQL, Redis,
# the demo content), with Debian's Chromium (issue 21's benchmark). Goal: 100 for each.
#
#   bench/lighthouse.sh
#   PAGES="/lv/ /lv/pasakumi/" bench/lighthouse.sh      # these pages only
#
# Lighthouse 12 (Node 18+; 13 wants Node 22) comes from npm into bench/lighthouse/node_modules
# on the first run (`npm ci`); nothing is installed for the site or CI. Prints a table of scores
# and, for every score under 100, the audits that cost points. Needs nginx, PostgreSQL and Redis
# on 127.0.0.1 (`make services`); uses STACK_DATABASE_URL (dropped and created;
# .../bench_lighthouse), STACK_REDIS_URL (emptied; redis://127.0.0.1:6379/8) and STACK_PORT (8400).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PY=${PYTHON:-$ROOT/.venv/bin/python}
PORT=${STACK_PORT:-8400}
STACK_DATABASE_URL=${STACK_DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:5432/bench_lighthouse}
STACK_REDIS_URL=${STACK_REDIS_URL:-redis://127.0.0.1:6379/8}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
LIGHTHOUSE=$ROOT/bench/lighthouse/node_modules/.bin/lighthouse
[ -x "$LIGHTHOUSE" ] || npm ci --prefix bench/lighthouse --no-audit --no-fund >/dev/null

work=$(mktemp -d)
dir=$work/stack
cleanup() {
    deploy/run-local stop "$dir" >/dev/null 2>&1 || true
    "$PY" bench/drop_database.py "$STACK_DATABASE_URL" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "== The stack on 127.0.0.1:$PORT (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
DATABASE_URL=$STACK_DATABASE_URL REDIS_URL=$STACK_REDIS_URL PORT=$PORT \
    deploy/run-local start "$dir" >/dev/null

if [ -z "${PAGES:-}" ]; then
    # One live public page of every page type, in each language, as the site addresses it.
    PAGES=$(
        set -a
        # shellcheck disable=SC1091
        . "$dir/env"
        set +a
        "$PY" manage.py shell -c '
from wagtail.models import Page
seen = set()
for page in Page.objects.live().public().filter(depth__gt=1).specific().order_by("path"):
    key = (type(page).__name__, page.locale.language_code)
    if key not in seen:
        seen.add(key)
        print(page.get_url())
print("/lv/meklet/?q=soci%C4%81lais+darbs")
print("/en/search/?q=social+work")
' | grep '^/'
    )
fi

chrome_flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking"
chrome_flags+=" --disable-component-update --disable-sync --disable-quic --no-first-run"
printf '%-70s %5s %5s %5s %5s\n' page perf a11y bp seo
for page in $PAGES; do
    report=$work/report.json
    if ! "$LIGHTHOUSE" "http://127.0.0.1:$PORT$page" --quiet --output=json \
        --output-path="$report" --chrome-path="$CHROMIUM" --chrome-flags="$chrome_flags" \
        --only-categories=performance,accessibility,best-practices,seo >/dev/null 2>&1; then
        printf '%-70s %s\n' "$page" "Lighthouse failed"
        continue
    fi
    "$PY" - "$report" "$page" <<'PYTHON'
import json
import sys

report = json.load(open(sys.argv[1]))
names = ["performance", "accessibility", "best-practices", "seo"]
scores = [report["categories"][name]["score"] for name in names]
cells = [f"{round(score * 100):>5}" if score is not None else "    -" for score in scores]
print(f"{sys.argv[2]:<70} {' '.join(cells)}")
for name in names:
    category = report["categories"][name]
    for ref in category["auditRefs"]:
        audit = report["audits"][ref["id"]]
        if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
            value = audit.get("displayValue", "")
            print(f"    {name}: {audit['id']} {audit['score']:.2f} {value}")
PYTHON
done

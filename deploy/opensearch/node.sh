#!/usr/bin/env bash
# A real single-node OpenSearch 2.19 on 127.0.0.1 for tests and benchmarks (not for production).
#
#   deploy/opensearch/node.sh build           # Maven: resolve the artifacts, compile the launcher
#   deploy/opensearch/node.sh start [PORT]    # build if needed, start in the background, wait
#   deploy/opensearch/node.sh stop [PORT]     # stop it; its temporary data folder is removed
#   deploy/opensearch/node.sh status [PORT]
#
# PORT is the HTTP port (default $OPENSEARCH_PORT or 9201). The server, the analysis-common
# module and the Netty HTTP transport come from Maven Central (pom.xml beside this script); the
# launcher (src/main/java/…/TestNode.java) starts them with the test framework's MockNode.
# Java 17 and Maven are needed; OPENSEARCH_JAVA_OPTS sets the JVM's memory (default 512 MB heap).
# The data live in a temporary folder removed when the node stops, or in OPENSEARCH_DATA if set
# (kept: a node started again on it finds its indexes).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
TARGET="$HERE/target"
PORT="${2:-${OPENSEARCH_PORT:-9201}}"
RUN="$TARGET/node-$PORT"
JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms256m -Xmx512m}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"

build() {
    local stamp="$TARGET/built"
    if [ ! -f "$stamp" ] || [ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$stamp" -type f)" ]; then
        echo "Building the OpenSearch test node (Maven)…"
        mvn -B -q -Dstyle.color=never -f "$HERE/pom.xml" compile
        touch "$stamp"
    fi
}

pid_of() {
    [ -f "$RUN/pid" ] || return 1
    local pid
    pid="$(cat "$RUN/pid")"
    kill -0 "$pid" 2>/dev/null || return 1
    echo "$pid"
}

answers() {
    python3 - "$PORT" <<'EOF'
import json, sys, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/_cluster/health?wait_for_status=green&timeout=1s"
try:
    with urllib.request.urlopen(url, timeout=3) as response:
        sys.exit(0 if json.load(response)["status"] == "green" else 1)
except Exception:
    sys.exit(1)
EOF
}

start() {
    if pid="$(pid_of)"; then
        echo "OpenSearch test node already runs on port $PORT (pid $pid)."
        return 0
    fi
    build
    mkdir -p "$RUN"
    local started=$SECONDS
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    nohup java $JAVA_OPTS -Dtests.opensearch.logger.level=warn \
        -cp "$TARGET/classes:$(cat "$TARGET/classpath.txt")" \
        lv.socialaisdarbs.opensearch.TestNode "$PORT" ${OPENSEARCH_DATA:+"$OPENSEARCH_DATA"} \
        >"$RUN/log" 2>&1 </dev/null &
    echo $! >"$RUN/pid"
    until answers; do
        if ! pid_of >/dev/null; then
            echo "The OpenSearch test node did not start; its log ($RUN/log):" >&2
            tail -n 40 "$RUN/log" >&2
            return 1
        fi
        if [ $((SECONDS - started)) -ge "$START_TIMEOUT" ]; then
            echo "The OpenSearch test node did not answer within ${START_TIMEOUT} s." >&2
            stop
            return 1
        fi
        sleep 1
    done
    echo "OpenSearch test node on http://127.0.0.1:$PORT (pid $(cat "$RUN/pid"))," \
        "answering $((SECONDS - started)) s after start, $(rss) MB resident; log: $RUN/log"
}

rss() {
    local pid
    pid="$(pid_of)" && echo $(($(ps -o rss= -p "$pid") / 1024))
}

stop() {
    local pid
    if ! pid="$(pid_of)"; then
        echo "No OpenSearch test node runs on port $PORT."
        rm -f "$RUN/pid"
        return 0
    fi
    kill -TERM "$pid"
    for _ in $(seq 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        echo "The node did not stop within 30 s: killing it." >&2
        kill -KILL "$pid"
    fi
    rm -f "$RUN/pid"
    echo "OpenSearch test node on port $PORT stopped."
}

status() {
    if pid="$(pid_of)"; then
        echo "OpenSearch test node on http://127.0.0.1:$PORT (pid $pid, $(rss) MB resident)"
    else
        echo "No OpenSearch test node runs on port $PORT."
        return 1
    fi
}

case "${1:-}" in
build) build ;;
start) start ;;
stop) stop ;;
status) status ;;
*)
    echo "usage: $0 build|start|stop|status [PORT]" >&2
    exit 2
    ;;
esac

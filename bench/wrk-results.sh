# shellcheck shell=bash
# Sourced by the bench scripts: the numbers of a wrk run (with --latency), read from its output.

wrk_results() {  # wrk_results <wrk output>: sets rps, p50, p99, requests, non2xx, sockets, bad
    local out=$1
    rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
    p50=$(awk '$1=="50%" {print $2}' <<<"$out")
    p99=$(awk '$1=="99%" {print $2}' <<<"$out")
    requests=$(awk '/requests in/ {print $1}' <<<"$out")
    non2xx=$(awk '/Non-2xx or 3xx responses/ {print $5}' <<<"$out")
    non2xx=${non2xx:-0}
    sockets=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' <<<"$out")
    sockets=${sockets:-0}
    bad=$((non2xx + sockets))
}

#!/usr/bin/env bash
# Peak memory of each role run alone: a broker process, abr ingest, abr transcoder and
# abr packager against it with a local storage folder, one VOD job through `abr submit --wait`.
# Prints each process's peak RSS (VmHWM) and CPU time. See docs/performance.md.
#
#   bench/roles-rss.sh [SOURCE] [LADDER]     (default: samples/bench-1080p30-60s.mp4, default)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source="$(readlink -f "${1:-$root/samples/bench-1080p30-60s.mp4}")"
ladder="${2:-default}"
[ -f "$source" ] || { echo "no source $source; run ./abr bench once to generate it" >&2; exit 2; }
"$root/abr" --version >/dev/null   # builds when needed; picks the JDK below the same way
work="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
kafka_port=$(free_port); controller_port=$(free_port)
java_bin="$(readlink -f "$(command -v java)")"
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
  if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    java_bin="$candidate/bin/java"; break
  fi
done
"$java_bin" --enable-native-access=ALL-UNNAMED -cp "$root/app/target/abr-app.jar:$root/app/target/lib/*" \
  dev.abr.broker.StandaloneBroker "$work/kafka" "$kafka_port" "$controller_port" >"$work/broker.log" 2>&1 &
pids+=($!); broker=$!
until grep -q "ready at" "$work/broker.log"; do
  kill -0 "$broker" 2>/dev/null || { cat "$work/broker.log" >&2; exit 1; }
  sleep 0.2
done
export ABR_KAFKA_BOOTSTRAP="127.0.0.1:$kafka_port"
mkdir -p "$work/store" "$work/out" "$work/tmp"
ports=($(free_port) $(free_port) $(free_port))
"$root/abr" ingest --storage "$work/store" --temp-dir "$work/tmp" --create-topics --http-port "${ports[0]}" >"$work/ingest.log" 2>&1 &
pids+=($!); ingest=$!
"$root/abr" transcoder --create-topics --storage "$work/store" --http-port "${ports[1]}" >"$work/transcoder.log" 2>&1 &
pids+=($!); transcoder=$!
"$root/abr" packager --create-topics --storage "$work/store" --output "$work/out" --http-port "${ports[2]}" >"$work/packager.log" 2>&1 &
pids+=($!); packager=$!
for port in "${ports[@]}"; do   # each role's /readyz: joined its consumer group
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz")" = 200 ]; do
    for pid in "$ingest" "$transcoder" "$packager"; do
      kill -0 "$pid" 2>/dev/null || { tail -n 20 "$work"/*.log >&2; exit 1; }
    done
    sleep 0.2
  done
done
start=$(date +%s%N)
"$root/abr" submit --wait --ladder "$ladder" "$source"
end=$(date +%s%N)
printf "job wall time: %d.%01d s\n" $(((end - start) / 1000000000)) $((((end - start) / 100000000) % 10))
tick=$(getconf CLK_TCK)
for name in broker ingest transcoder packager; do
  pid=${!name}
  hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status")
  cpu=$(awk -v t="$tick" '{printf "%.1f", ($14 + $15) / t}' "/proc/$pid/stat")
  printf '%-10s peak RSS %5d MiB   CPU %6s s\n' "$name" $((hwm / 1024)) "$cpu"
done

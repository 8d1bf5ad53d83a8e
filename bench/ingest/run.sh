#!/usr/bin/env bash
# Server benchmarks against the real `vigil serve` process on loopback, SQLite and PostgreSQL side by side:
#   1. sustained ingest: N connections POST JSON batches for a fixed time; events/s accepted and p50/p95/p99
#      acknowledgement latency (a 2xx means committed and fsynced);
#   2. drift time series: GET /drift over DAYS x 24 hourly windows x 50 features, cold and warm.
# Client, server (and PostgreSQL) share this machine's cores.
#
# usage: bash bench/ingest/run.sh [--stores "sqlite postgres"] [--connections 8] [--batch 2000]
#            [--warmup 10] [--duration 30] [--days 30] [--per-window 150] [--queries 20] [--skip-ingest] [--skip-drift]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
STORES="sqlite postgres"
CONNECTIONS=8
BATCH=2000
WARMUP=10
DURATION=30
DAYS=30
PER_WINDOW=150
QUERIES=20
INGEST=1
DRIFT=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --stores) STORES=$2; shift 2 ;;
    --connections) CONNECTIONS=$2; shift 2 ;;
    --batch) BATCH=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --duration) DURATION=$2; shift 2 ;;
    --days) DAYS=$2; shift 2 ;;
    --per-window) PER_WINDOW=$2; shift 2 ;;
    --queries) QUERIES=$2; shift 2 ;;
    --skip-ingest) INGEST=0; shift ;;
    --skip-drift) DRIFT=0; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

ART=${VIGIL_BENCH_ARTIFACTS:-/tmp/vigil-bench-artifacts}
WORK=$(mktemp -d /tmp/vigil-bench.XXXXXX)
chmod 755 "$WORK"
RESULTS=$WORK/results.jsonl
SERVER_PID=""
PG_DATA=""
PG_BIN=""

as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  if [[ -n "$PG_DATA" ]]; then as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -m immediate -w stop >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

echo "building (Release) into $ART ..." >&2
dotnet build -c Release "$ROOT/src/Vigil.Cli" --artifacts-path "$ART" -v q -nologo >&2
dotnet build -c Release "$ROOT/bench/Vigil.IngestBench" --artifacts-path "$ART" -v q -nologo >&2
VIGIL=(dotnet "$ART/bin/Vigil.Cli/release/vigil.dll")
BENCH=(dotnet "$ART/bin/Vigil.IngestBench/release/Vigil.IngestBench.dll")

# store_args STORE DIR -> the --data / --store / --connection arguments of vigil for that store
store_args() {
  if [[ $1 == sqlite ]]; then echo "--data $2"; else echo "--store postgres --connection $PG_CONN"; fi
}

start_server() { # STORE DATA_DIR PORT
  # shellcheck disable=SC2046
  "${VIGIL[@]}" serve $(store_args "$1" "$2") --urls "http://127.0.0.1:$3" 2>"$WORK/server-$1.log" &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$3/healthz" >/dev/null 2>&1; then return 0; fi
    sleep 0.5
  done
  echo "vigil serve did not start; log:" >&2; cat "$WORK/server-$1.log" >&2; exit 1
}

stop_server() { kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; }

start_postgres() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  local root=$WORK/pg
  mkdir -p "$root/sock"
  [[ $(id -u) -eq 0 ]] && chown -R postgres:postgres "$root"
  PG_DATA=$root/data
  as_postgres "$PG_BIN/initdb" -A trust -U postgres -E UTF8 --locale=C -D "$PG_DATA" >/dev/null
  local port; port=$(free_port)
  # Durable settings (fsync and synchronous_commit stay on); memory and WAL sized for a bulk-ingest box.
  as_postgres "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$root/server.log" -w -t 60 \
    -o "-p $port -k $root/sock -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c max_wal_size=8GB -c checkpoint_timeout=30min -c wal_compression=off" start >/dev/null
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres vigil
  PG_CONN="Host=127.0.0.1;Port=$port;Username=postgres;Database=vigil"
  echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $port (fsync on, synchronous_commit on)" >&2
}

reset_postgres_db() {
  local port=${PG_CONN#*Port=}; port=${port%%;*}
  as_postgres "$PG_BIN/dropdb" -h 127.0.0.1 -p "$port" -U postgres vigil
  as_postgres "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U postgres vigil
}

new_key() { # STORE DATA_DIR
  # shellcheck disable=SC2046
  "${VIGIL[@]}" keys create $(store_args "$1" "$2") --name bench --scopes ingest,read,admin 2>/dev/null | tail -1
}

TO=$(date -u +%Y-%m-%dT%H:00:00Z)
for store in $STORES; do
  [[ $store == postgres && -z "$PG_DATA" ]] && start_postgres
  if [[ $INGEST == 1 ]]; then
    dir=$WORK/$store-ingest; port=$(free_port)
    key=$(new_key "$store" "$dir")
    start_server "$store" "$dir" "$port"
    "${BENCH[@]}" schema --url "http://127.0.0.1:$port" --key "$key"
    "${BENCH[@]}" ingest --url "http://127.0.0.1:$port" --key "$key" --label "$store" --connections "$CONNECTIONS" \
      --batch "$BATCH" --warmup "$WARMUP" --duration "$DURATION" >>"$RESULTS"
    stop_server
    [[ $store == postgres ]] && reset_postgres_db
  fi

  if [[ $DRIFT == 1 ]]; then
    dir=$WORK/$store-drift; port=$(free_port)
    key=$(new_key "$store" "$dir")
    start_server "$store" "$dir" "$port"
    "${BENCH[@]}" drift-setup --url "http://127.0.0.1:$port" --key "$key" --label "$store" --days "$DAYS" --per-window "$PER_WINDOW" --to "$TO"
    stop_server
    # A fresh process: the first query is cold (JIT, caches); let the first maintenance pass (at 5 s) go by.
    start_server "$store" "$dir" "$port"
    sleep 8
    "${BENCH[@]}" drift-query --url "http://127.0.0.1:$port" --key "$key" --label "$store" --days "$DAYS" --queries "$QUERIES" --to "$TO" >>"$RESULTS"
    stop_server
  fi
done

echo
echo "$(nproc) cores ($(lscpu | awk -F: '/Model name/ {gsub(/^ +/, "", $2); print $2; exit}')), $(free -g | awk '/Mem:/ {print $2}') GiB; client, server and database share them."
"${BENCH[@]}" table "$RESULTS"

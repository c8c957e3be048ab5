#!/usr/bin/env bash
# Engine benchmark: builds once, starts Tandem (1 GB heap) on a fresh embedded-PostgreSQL data
# directory, runs io.tandem.bench.EngineBenchmark against it, and stops it again.
#
#   bench/engine.sh                                  # defaults: REST, 120 s warm-up, 30 s measured, 200 in flight
#   bench/engine.sh --duration=60 --concurrency=50   # benchmark options, passed through
#   bench/engine.sh --rate=300                       # a target rate instead of as fast as possible
#   bench/engine.sh --transport=grpc --stream=true   # the gRPC gateway, workers streaming jobs
#
# Environment: BENCH_PORT and BENCH_GRPC_PORT (default: free ports), BENCH_JAVA_OPTS (extra JVM options for the app,
# e.g. -XX:StartFlightRecording=filename=app.jfr), BENCH_SKIP_BUILD=1 (reuse target/),
# BENCH_KEEP=1 (keep the temporary directory with the app log and data), BENCH_APP_ARGS (extra
# Spring arguments for the app), BENCH_HEALTH_TIMEOUT (seconds to wait for health UP, default 180). Benchmark options: see EngineBenchmark's javadoc.
# A benchmark, not a test: it exits 0 whatever the numbers are; non-zero only when it cannot run.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'bench: %s\n' "$*" >&2; }

# shared set-up: port, data directory, stop on exit, build (see bench/lib.sh)
source bench/lib.sh
JAR="$(ls target/tandem-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -n 1 || true)"
[[ -n "$JAR" && -f "$CLASSPATH_FILE" ]] || { log "no build in target/ (run without BENCH_SKIP_BUILD)"; exit 1; }

# (b) start Tandem in the background and wait for its health to be UP
start_app

# (c) run the benchmark against it
set +e
java -Xmx1g -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" \
  io.tandem.bench.EngineBenchmark --address="http://localhost:$PORT" \
  --grpcAddress="http://localhost:$GRPC_PORT" "$@"
status=$?
set -e

# (d) stop the app (trap)
exit "$status"

#!/usr/bin/env bash
# Shared by the bench scripts (sourced from the project root): a fresh data directory and port for a
# Tandem started in the background, its clean stop (the app, then an embedded PostgreSQL it left
# behind), and one build of the jar and the test class path. Expects log() to be defined.

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || echo 18080
}

PORT="${BENCH_PORT:-$(free_port)}"
GRPC_PORT="${BENCH_GRPC_PORT:-$(free_port)}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/tandem-bench.XXXXXX")"
DATA="$WORK/postgres"
APP_LOG="$WORK/app.log"
CLASSPATH_FILE="target/bench-classpath.txt"
APP_PID=""

stop_app() {
  if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
    log "stopping Tandem (pid $APP_PID)"
    kill -TERM "$APP_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$APP_PID" 2>/dev/null || break; sleep 1; done
    kill -KILL "$APP_PID" 2>/dev/null || true
    wait "$APP_PID" 2>/dev/null || true
  fi
  # the embedded PostgreSQL is detached from the JVM; if the app could not stop it, do it here
  if [[ -f "$DATA/postmaster.pid" ]]; then
    local pg
    pg="$(head -n 1 "$DATA/postmaster.pid" 2>/dev/null || true)"
    if [[ -n "$pg" ]] && kill -0 "$pg" 2>/dev/null && [[ "$(cat "/proc/$pg/comm" 2>/dev/null)" == postgres ]]; then
      log "stopping embedded PostgreSQL (pid $pg)"
      kill -TERM "$pg" 2>/dev/null || true
      for _ in $(seq 1 30); do kill -0 "$pg" 2>/dev/null || break; sleep 1; done
      kill -KILL "$pg" 2>/dev/null || true
    fi
  fi
  if [[ "${BENCH_KEEP:-0}" == 1 ]]; then
    log "kept $WORK (app log: $APP_LOG)"
  else
    rm -rf "$WORK"
  fi
}
trap stop_app EXIT
trap 'exit 130' INT TERM

# (a) build once: the app jar, the benchmark class, and the test class path
if [[ "${BENCH_SKIP_BUILD:-0}" != 1 ]]; then
  log "building"
  ./mvnw -q -o -DskipTests package
  ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile="$CLASSPATH_FILE" -Dmdep.includeScope=test
fi

# the benchmarks sign in as the engine client with this password (BenchCredentials)
export BENCH_ENGINE_SECRET="${BENCH_ENGINE_SECRET:-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"

# Starts the built jar in the background and waits until its health is UP (exits on failure).
start_app() {
  log "starting $JAR on port $PORT (gRPC $GRPC_PORT), data in $DATA"
  # shellcheck disable=SC2086
  java -Xms1g -Xmx1g ${BENCH_JAVA_OPTS:-} -jar "$JAR" \
    --server.port="$PORT" \
    --tandem.engine.grpc.port="$GRPC_PORT" \
    --tandem.embedded-db.data-dir="$DATA" \
    --tandem.security.engine-client.password="$BENCH_ENGINE_SECRET" \
    ${BENCH_APP_ARGS:-} >"$APP_LOG" 2>&1 &
  APP_PID=$!

  local HEALTH_TIMEOUT="${BENCH_HEALTH_TIMEOUT:-180}"
  local health=""
  for _ in $(seq 1 "$HEALTH_TIMEOUT"); do
    if ! kill -0 "$APP_PID" 2>/dev/null; then
      log "Tandem exited during startup; last lines of $APP_LOG:"; tail -n 40 "$APP_LOG" >&2; exit 1
    fi
    health="$(curl -s -m 2 "http://localhost:$PORT/actuator/health" || true)"
    [[ "$health" == '{"status":"UP"'* ]] && break
    sleep 1
  done
  if [[ "$health" != '{"status":"UP"'* ]]; then
    log "health not UP after $HEALTH_TIMEOUT s: ${health:-no answer}"; log "last lines of $APP_LOG:"; tail -n 40 "$APP_LOG" >&2
    exit 1
  fi
  log "Tandem is UP (pid $APP_PID)"
}

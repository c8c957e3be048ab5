#!/usr/bin/env bash
# Tasklist search benchmark: 100,000 open Camunda user tasks, candidate-group filter and priority
# sort, p99 latency through the Camunda Java client; and the time from task creation to its
# visibility in search. Prints figures, never fails on a time.
#
#   bench/usertasks.sh                                   # the defaults below
#   bench/usertasks.sh -Dbench.tasks=20000 -Dbench.searches=500
#   MVN_FLAGS=-o bench/usertasks.sh                      # build offline
#
# Properties: bench.tasks (100000), bench.searches (2000), bench.visibility (300), bench.threads (4).
# Runs on a fresh embedded PostgreSQL under target/bench-db, removed afterwards; heap 1 GiB.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q ${MVN_FLAGS:-} test-compile -Dlicense.skip=true
./mvnw -q ${MVN_FLAGS:-} dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
trap 'rm -rf target/bench-db' EXIT
# the benchmark signs in as the engine client with this password (BenchCredentials)
export BENCH_ENGINE_SECRET="${BENCH_ENGINE_SECRET:-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
java -Xmx1g "$@" -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  io.tandem.bench.UserTaskSearchBench

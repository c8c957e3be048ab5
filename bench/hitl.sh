#!/usr/bin/env bash
# Human-in-the-loop benchmark: builds once, starts Tandem (1 GB heap) on a fresh embedded-PostgreSQL
# data directory, pushes labelled texts as cases through the ai-decision-review process (embedded
# model, flow spam-review) while simulated reviewers answer the review tasks through the API, runs
# io.tandem.bench.HitlBenchmark, and stops Tandem again. Prints cases/s, the share per route,
# decision and model accuracy against the true labels, and time to decision.
#
#   bench/hitl.sh                                    # 1,000 cases of ../shared/datasets/sms-spam/sms.tsv
#   bench/hitl.sh --cases=100                        # a quick run
#   bench/hitl.sh --data=my.tsv --labels=spam=spam,ham=ham --reviewers=8 --answer-delay=0-50 --accuracy=0.95
#
# Options (see HitlBenchmark's javadoc for all): --data=path (TSV of text<TAB>label; default
# ../shared/datasets/sms-spam/sms.tsv beside the project, labels 0=spam,1=ham), --cases=1000,
# --sample=random|first, --concurrency=16 (cases in flight), --reviewers=8, --answer-delay=0-50 (ms,
# or a fixed value), --accuracy=0.95, --high=0.10, --critical=0.02, --seed=42.
#
# Environment: BENCH_PORT (default: a free port), BENCH_SKIP_BUILD=1 (reuse target/),
# BENCH_KEEP=1 (keep the temporary directory with the app log and data), BENCH_APP_ARGS (extra
# Spring arguments for the app), BENCH_HEALTH_TIMEOUT (seconds to wait for health UP, default 180).
# A benchmark, not a test: it exits 0 whatever the numbers are; non-zero only when it cannot run.
set -euo pipefail
CALLER_DIR="$PWD"
cd "$(dirname "$0")/.."

log() { printf 'bench: %s\n' "$*" >&2; }

# --data is relative to where the script was called from; its default to the project root
DATA_FILE="../shared/datasets/sms-spam/sms.tsv"
ARGS=()
for arg in "$@"; do
  case "$arg" in
    --data=*)
      DATA_FILE="${arg#--data=}"
      [[ "$DATA_FILE" == /* ]] || DATA_FILE="$CALLER_DIR/$DATA_FILE"
      ;;
    *) ARGS+=("$arg") ;;
  esac
done
[[ -f "$DATA_FILE" ]] || { log "no data file $DATA_FILE (a TSV of text<TAB>label; --data=path)"; exit 1; }
DATA_FILE="$(cd "$(dirname "$DATA_FILE")" && pwd)/$(basename "$DATA_FILE")"

# shared set-up: port, data directory, stop on exit, build (see bench/lib.sh)
source bench/lib.sh
JAR="$(ls target/tandem-*.jar 2>/dev/null | grep -v -- '-plain\.jar$' | head -n 1 || true)"
[[ -n "$JAR" && -f "$CLASSPATH_FILE" && -f target/test-classes/io/tandem/bench/HitlBenchmark.class ]] \
  || { log "no build in target/ (run without BENCH_SKIP_BUILD)"; exit 1; }

# (b) start Tandem in the background (from the project root, so it deploys bpmn/ and forms/)
#     and wait for its health to be UP
start_app
LOG_MARK="$(wc -l <"$APP_LOG")"

# (c) run the benchmark against it
set +e
java -Xmx512m -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" \
  io.tandem.bench.HitlBenchmark --address="http://localhost:$PORT" --data="$DATA_FILE" ${ARGS[@]+"${ARGS[@]}"}
status=$?
set -e
if [[ "$status" != 0 ]]; then
  log "benchmark failed ($status); last lines of $APP_LOG:"; tail -n 30 "$APP_LOG" >&2
fi
# what the app logged at WARN or ERROR while the benchmark ran (start-up notices left out)
during="$(tail -n "+$((LOG_MARK + 1))" "$APP_LOG" | grep -E '^\S+ +(ERROR|WARN) ' || true)"
if [[ -n "$during" ]]; then
  log "the app logged $(wc -l <<<"$during") warnings/errors during the run, first ones (log: $APP_LOG; BENCH_KEEP=1 keeps it):"
  head -n 5 <<<"$during" | cut -c1-300 >&2
fi

# (d) stop the app (trap)
exit "$status"

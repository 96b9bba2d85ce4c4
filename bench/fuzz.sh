#!/usr/bin/env bash
# Fuzzing campaigns (issue 18; docs/testing.md, "Fuzzing"): runs each chosen fuzz test in Jazzer's fuzzing mode for
# MINUTES minutes, one after another, and prints per target how long it ran and how many inputs it executed.
#   bench/fuzz.sh TARGET|all MINUTES
# Jazzer keeps the inputs that reach new code in <module>/.cifuzz-corpus/<class>/<method>/ (git-ignored; the next
# campaign of that target starts from them), and writes an input that fails the test into the test's committed
# inputs directory (src/test/resources/<package>/<Class>Inputs/<method>/crash-*), where surefire replays it: fix
# the code and commit the input with the fix. Each campaign's full output: out/fuzz/<target>.log.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# target -> module, fuzz test class, fuzz test method
declare -A TARGETS=(
  [canonical-json]="fl-common org.medfed.common.codec.CanonicalJsonFuzzTest parsedTextPrintsToAStableCanonicalForm"
  [canonical-json-print]="fl-common org.medfed.common.codec.CanonicalJsonFuzzTest printedValuesParseBackToThemselves"
  [float-vector]="fl-common org.medfed.common.codec.FloatVectorCodecFuzzTest decodedBlobsReencodeToTheSameBytes"
  [optimizer-state]="fl-common org.medfed.common.aggregation.OptimizerStateCodecFuzzTest decodedStatesReencodeToTheSameBytes"
  [task-spec]="fl-common org.medfed.common.model.TaskSpecFuzzTest specsAreRefusedOrRoundTripCanonically"
  [update-submission]="fl-common org.medfed.common.model.UpdateSubmissionFuzzTest submissionsAreRefusedOrRoundTripCanonically"
  [contracts]="chaincode org.hyperledger.fabric.contract.ContractRoutingFuzzTest everyTransactionSucceedsOrRefusesWithACodeAndWritesNothing"
)
ORDER=(canonical-json canonical-json-print float-vector optimizer-state task-spec update-submission contracts)

usage() {
  echo "usage: bench/fuzz.sh TARGET|all MINUTES   (TARGET: ${ORDER[*]})" >&2
  exit 1
}

(($# == 2)) || usage
[[ "$2" =~ ^[1-9][0-9]*$ ]] || usage
minutes="$2"
if [[ "$1" == all ]]; then
  selected=("${ORDER[@]}")
elif [[ -n "${TARGETS[$1]+set}" ]]; then
  selected=("$1")
else
  usage
fi

corpusSize() {
  if [[ -d "$1" ]]; then find "$1" -type f | wc -l; else echo 0; fi
}

mkdir -p "$ROOT/out/fuzz"
failed=0
for target in "${selected[@]}"; do
  read -r module class method <<<"${TARGETS[$target]}"
  corpus="$ROOT/$module/.cifuzz-corpus/$class/$method"
  log="$ROOT/out/fuzz/$target.log"
  before="$(corpusSize "$corpus")"
  echo "fuzz $target: $minutes min of $class#$method (log: $log)" >&2
  started="$(date +%s)"
  status=0
  # JAZZER_FUZZ selects fuzzing mode; jazzer.internal.arg.* are the libFuzzer arguments Jazzer's JUnit integration
  # takes (argv0 first), and a later -max_total_time wins over the one of @FuzzTest's maxDuration. An input that
  # runs longer than 30 s is a finding too (-timeout), and so is one that exhausts the 1 GiB heap. Jazzer's hooks
  # (comparison tracing, bug detectors) are on while fuzzing; surefire's replays leave them off (pom.xml).
  JAZZER_FUZZ=1 "$ROOT/mvnw" -B -o -pl "$module" -am test \
    -Dtest="${class##*.}#$method" -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.hooks=true \
    -Djazzer.internal.arg.0=fuzz -Djazzer.internal.arg.1="-max_total_time=$((minutes * 60))" \
    -Djazzer.internal.arg.2=-timeout=30 \
    -DargLine=-Xmx1g -Dspotless.check.skip=true -Dshellcheck.skip=true >"$log" 2>&1 || status=$?
  wall=$(($(date +%s) - started))
  # libFuzzer's summary: "Done N runs in S second(s)"; after a finding, its last status line "#N ...".
  done_line="$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -n 1 || true)"
  if [[ -n "$done_line" ]]; then
    read -r _ runs _ _ seconds _ <<<"$done_line"
  else
    runs="$(grep -aoE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#' || true)"
    seconds="?"
  fi
  printf '%-21s %6s s fuzzing (%s s with the build), %12s executions, corpus %s -> %s\n' \
    "$target" "$seconds" "$wall" "${runs:-?}" "$before" "$(corpusSize "$corpus")"
  if ((status != 0)); then
    failed=1
    echo "fuzz $target: FAILED (exit $status); the failing input:" >&2
    grep -aE 'Test unit written to|FuzzTestFindingException|Caused by' "$log" | head -n 5 >&2 || true
  fi
done
exit "$failed"

#!/usr/bin/env bash
# edgebert_regress --launcher slurm against a private single-node Slurm (regress/README.md,
# "The Slurm test"): a munged with its own key and socket, slurmctld and slurmd on loopback ports
# chosen now, all state and logs in a temporary folder; the fixture list runs through
# --launcher slurm and --launcher local and the report rows must agree. The daemons are stopped
# on every exit (trap). Needs root (slurmd runs jobs as their user and must be root for that) and
# Debian's slurm-wlm and munge (ci/install-deps.sh); it fails, not skips, without them.
#
# Usage: slurm_launcher_test.sh EDGEBERT_REGRESS SOURCE_DIR
# With EDGEBERT_SLURM_THEN='COMMAND' set, COMMAND runs after the checks, against the same private
# Slurm (SLURM_CONF set), before it is stopped: e.g. a real list through --launcher slurm.
set -euo pipefail

regress=$1
source_dir=$2
list="$source_dir/tests/regress/slurm/list.yaml"

fail() {
  echo "slurm_launcher_test: FAILED: $*" >&2
  exit 1
}

[[ $(id -u) -eq 0 ]] || fail "needs root (slurmd must run as root to start jobs)"
for tool in munged slurmctld slurmd sbatch scancel scontrol; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] ||
    fail "$tool not installed (bash ci/install-deps.sh installs slurm-wlm and munge)"
done
export PATH="$PATH:/usr/sbin"

tmp=$(mktemp -d /tmp/edgebert-slurm.XXXXXX)
chmod 700 "$tmp"
pids=()
cleanup() {
  local rc=$?
  # Jobs first (their steps would outlive slurmd), then the daemons, newest first.
  if [[ -n "${SLURM_CONF:-}" && -f "$SLURM_CONF" ]]; then
    timeout 5 scancel --quiet --user=root 2>/dev/null || true
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill "${pids[i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if [[ $rc -ne 0 ]]; then
    for log in "$tmp"/log/*.log; do
      [[ -f $log ]] || continue
      echo "--- $log (last 30 lines)" >&2
      tail -30 "$log" >&2
    done
  fi
  if [[ -n "${KEEP_SLURM_TEST:-}" ]]; then echo "kept $tmp" >&2; else rm -rf "$tmp"; fi
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$tmp"/{munge,state,spool,log,out}

# A loopback port nobody listens on (bash's /dev/tcp: a refused connection means free).
used_ports=()
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    [[ " ${used_ports[*]} " == *" $port "* ]] && continue
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      used_ports+=("$port")
      echo "$port"
      return
    fi
  done
}
ctld_port=$(free_port)
slurmd_port=$(free_port)

# A private munged: its own key and socket, so the test needs no system munge service and
# leaves the machine's alone.
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
socket="$tmp/munge/munge.socket"
munged --force --socket="$socket" --key-file="$tmp/munge/munge.key" \
  --pid-file="$tmp/munge/munged.pid" --log-file="$tmp/log/munged.log" \
  --seed-file="$tmp/munge/munged.seed"
for _ in $(seq 50); do [[ -s "$tmp/munge/munged.pid" ]] && break; sleep 0.1; done
[[ -s "$tmp/munge/munged.pid" ]] || fail "munged did not start"
pids+=("$(cat "$tmp/munge/munged.pid")")

cpus=$(nproc)
export SLURM_CONF="$tmp/slurm.conf"
cat >"$SLURM_CONF" <<EOF
ClusterName=edgebert-test
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/builtin
SwitchType=switch/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
ReturnToService=2
KillWait=2
MinJobAge=300
InactiveLimit=10
NodeName=localhost NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N localhost -f "$SLURM_CONF" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)

# Ready when the node is idle (slurmd registered with slurmctld).
ready=false
for _ in $(seq 150); do
  state=$(sinfo -h -N -o '%T' 2>/dev/null || true)
  if [[ $state == idle* ]]; then ready=true; break; fi
  sleep 0.2
done
$ready || fail "the node did not come up (sinfo: '${state:-}')"
echo "slurm_launcher_test: private Slurm up (slurmctld :$ctld_port, slurmd :$slurmd_port, $cpus CPUs)"

# The same list through both launchers. Exit 1: a run failed, which the list wants.
run_list() {
  local launcher=$1 rc=0
  shift
  "$regress" "$list" --launcher "$launcher" "$@" -j 4 --out "$tmp/out/$launcher" \
    --source "$source_dir" >"$tmp/out/$launcher.txt" 2>&1 || rc=$?
  cat "$tmp/out/$launcher.txt"
  [[ $rc -eq 1 ]] || fail "--launcher $launcher: exit $rc, expected 1 (one run fails, one times out)"
}
run_list slurm
run_list local
# The generic prefix, here srun: each run an interactive step on the same cluster. An srun the
# runner kills after the grace may leave its allocation behind until InactiveLimit (or --time).
run_list prefix --launcher-prefix 'srun -N1 -n1 --quiet --time=1'

# The report rows without the wall times and the folders: equal whichever launcher ran them.
rows() {
  sed -E -e 's/"wall_s": *[0-9.e+-]+/"wall_s": W/' -e "s#$tmp/out/$2#OUT#g" \
    "$tmp/out/$2/$1" | sort
}
for launcher in slurm prefix; do
  diff <(rows results.jsonl "$launcher") <(rows results.jsonl local) ||
    fail "results.jsonl differs between --launcher $launcher and --launcher local"
done
summary_rows() {
  # summary.md's table without its wall column (the 5th).
  grep '^| ' "$tmp/out/$1/summary.md" | sed "s#$tmp/out/$1#OUT#g" |
    awk -F'|' 'BEGIN{OFS="|"} {$6=""; print}'
}
for launcher in slurm prefix; do
  diff <(summary_rows "$launcher") <(summary_rows local) ||
    fail "summary.md differs between --launcher $launcher and --launcher local"
done
grep -c '"status": "pass"' "$tmp/out/slurm/results.jsonl" | grep -qx 2 || fail "expected 2 passes"
grep -q '"status": "timeout"' "$tmp/out/slurm/results.jsonl" || fail "expected a timeout"
grep -q '"cycles": 1234' "$tmp/out/slurm/results.jsonl" || fail "cycles not read from the log"
# The timeout counts from the job's start, not its time in the queue: it ran, then was cancelled.
grep -q '^sleeping$' "$tmp/out/slurm/times_out/log.txt" || fail "the timed-out job never ran"

# --resume through Slurm: every run already recorded, nothing submitted again.
"$regress" "$list" --launcher slurm --resume --out "$tmp/out/slurm" --source "$source_dir" \
  >"$tmp/out/resume.txt" 2>&1 || true
grep -q '4 already finished' "$tmp/out/resume.txt" || { cat "$tmp/out/resume.txt"; fail "--resume"; }

# Ctrl-C cancels the submitted jobs: SIGINT while a long run is in Slurm, then none is left.
"$regress" "$list" --launcher slurm --filter times_out --out "$tmp/out/cancel" \
  --source "$source_dir" >"$tmp/out/cancel.txt" 2>&1 &
runner=$!
# The runner's jobs are named after their runs (sbatch --job-name).
queued() { squeue -h -t PD,R -n times_out -o %i 2>/dev/null || true; }
for _ in $(seq 50); do
  [[ -n $(queued) ]] && break
  sleep 0.1
done
[[ -n $(queued) ]] || fail "the job was not submitted"
kill -INT "$runner"
rc=0
wait "$runner" || rc=$?
[[ $rc -eq 130 ]] || { cat "$tmp/out/cancel.txt"; fail "interrupted runner: exit $rc, expected 130"; }
for _ in $(seq 50); do
  [[ -z $(queued) ]] && break
  sleep 0.1
done
[[ -z $(queued) ]] || fail "the runner's job is left in Slurm after SIGINT: $(squeue -h)"
echo "slurm_launcher_test: passed (slurm, srun-prefix and local reports agree; --resume; SIGINT cancels)"
if [[ -n "${EDGEBERT_SLURM_THEN:-}" ]]; then
  echo "slurm_launcher_test: running $EDGEBERT_SLURM_THEN"
  bash -c "$EDGEBERT_SLURM_THEN"
fi

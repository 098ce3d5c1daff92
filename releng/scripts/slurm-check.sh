#!/usr/bin/env bash
# dhad sweep --executor slurm against a real Slurm: a one-node cluster on localhost (Debian's slurmctld, slurmd,
# slurm-client and munge, run as root with configuration, state and spool under a temporary folder).
#  1. with the controller not started yet, a sweep fails with one line naming it and writes nothing;
#  2. --dry-run writes and prints the batch script, submits nothing; a script sbatch refuses leaves no folder;
#  3. a sweep of two tiny experiments x two synthetic categories (4 array tasks, 2 at once) is submitted;
#     once they have written a checkpoint, one task is cancelled with scancel and another gets SIGTERM on its
#     batch shell alone (what --signal=B:TERM@N does before the time limit); the others finish regardless;
#  4. dhad sweep status shows both stopped; resubmit submits only them, and they resume from their
#     checkpoints; dhad sweep table prints Table I and writes the report; dhad runs (what the navigator reads)
#     lists the four runs.
# The daemons it starts are stopped by their pid files when it ends, also on failure.
set -uo pipefail
if [ "$(id -u)" -ne 0 ]; then
  echo "FAIL slurm-check.sh installs Slurm and runs its daemons as root; run it as root (CI does)"; exit 1
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
work="$(mktemp -d /tmp/dhad-slurm.XXXXXX)"
chmod 755 "$work"
passed=0; failed=0
ok()   { passed=$((passed + 1)); echo "ok   $* [${SECONDS} s]"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }

stop_daemons() {
  for pidfile in "$work/slurmd.pid" "$work/slurmctld.pid" "$work/munged.pid"; do
    if [ -s "$pidfile" ]; then
      pid="$(cat "$pidfile")"
      kill "$pid" 2>/dev/null
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null
    fi
  done
}
trap 'stop_daemons; rm -rf "$work"' EXIT

export DEBIAN_FRONTEND=noninteractive
need=()
for pkg in slurmctld slurmd slurm-client munge; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null \
    || { echo "FAIL could not install ${need[*]}"; exit 1; }
fi

# munge: its own key and socket under $work
mkdir -p -m 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed" \
  || { echo "FAIL munged did not start"; cat "$work/munge/munged.log"; exit 1; }

host="$(hostname -s)"
cpus="$(nproc)"
mkdir -p "$work/state" "$work/spool"
export SLURM_CONF="$work/slurm.conf"
cat > "$SLURM_CONF" <<EOF
ClusterName=dhadci
SlurmctldHost=$host
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
# a controller that is down is found out in 2 s rather than 9
MessageTimeout=5
TCPTimeout=1
KillWait=60
SchedulerParameters=sched_interval=2
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF

export DHAD_NO_REBUILD=1 DHAD_THREADS=1
dhad="$root/dhad"
# tiny-a trains 100 short epochs: its tasks are stopped after the first, and the stop must reach dhad while it
# still trains. scancel's SIGTERM reached dhad 6-7 s after the first checkpoint with both tasks on the two cores
# (slurmctld and slurmd get little CPU then), and 25 epochs took about 7 s: once the stop came after the last
# epoch (CI of c4ab75a). 100 epochs take about 28 s, four times that delay; the resumed tasks finish the rest.
"$dhad" experiments new demo "$work/tiny-a.xmi" --name tiny-a --set schedule.inputSize=32 --set schedule.epochs=100 \
  --set backbone.width=0.25 >/dev/null || fail "experiments new tiny-a"
# the second differs in its patches (one JVM start less than a second experiments new)
sed -e 's/name="tiny-a"/name="tiny-b"/' -e 's/mode="MASK"/mode="RECTANGLE"/' -e 's/epochs="100"/epochs="3"/' \
  "$work/tiny-a.xmi" > "$work/tiny-b.xmi"
grep -q 'mode="RECTANGLE"' "$work/tiny-b.xmi" && grep -q 'epochs="3"' "$work/tiny-b.xmi" \
  || fail "tiny-b.xmi: expected rectangular patches and 3 epochs"
runs="$work/runs"
sweep_args=("$work/tiny-a.xmi" "$work/tiny-b.xmi" --executor slurm --runs "$runs" --categories fabric,grid
  --cpus-per-task 1 --max-parallel 2 --time 10:00)

# 1. munge runs, the controller does not: one line naming it, nothing written
"$dhad" sweep "${sweep_args[@]}" >"$work/down.out" 2>"$work/down.err"; status=$?
if [ $status -ne 0 ] && [ "$(wc -l <"$work/down.err")" -eq 1 ] && grep -q "Slurm controller does not answer" "$work/down.err" \
   && [ -z "$(ls -A "$runs" 2>/dev/null)" ]; then
  ok "controller down: exit $status, one line ($(cat "$work/down.err")), nothing written"
else
  fail "controller down: exit $status"; cat "$work/down.err"; ls -R "$runs" 2>/dev/null | head
fi

slurmctld -i || { echo "FAIL slurmctld did not start"; cat "$work/slurmctld.log"; exit 1; }
slurmd -N "$host" || { echo "FAIL slurmd did not start"; cat "$work/slurmd.log"; exit 1; }
for _ in $(seq 1 100); do
  sinfo --noheader --format=%t 2>/dev/null | grep -q idle && break
  sleep 0.2
done
sinfo --noheader --format=%t 2>/dev/null | grep -q idle && ok "one-node Slurm up ($host, $cpus CPUs)" \
  || { fail "the node did not become idle"; sinfo; tail -20 "$work/slurmctld.log" "$work/slurmd.log"; exit 1; }

# 2. dry run: the script, no job
"$dhad" sweep "${sweep_args[@]}" --dry-run >"$work/dry.out" 2>&1; status=$?
dry="$(sed -n 's/^Sweep folder: //p' "$work/dry.out")"
if [ $status -eq 0 ] && grep -q '^#SBATCH --array=0-3%2$' "$work/dry.out" && [ -f "$dry/sweep.sbatch" ] \
   && [ -z "$(squeue --noheader)" ]; then
  ok "dry run wrote $dry/sweep.sbatch (4 tasks, %2) and submitted nothing"
else
  fail "dry run: exit $status"; cat "$work/dry.out"
fi
rm -rf "$dry"

# sbatch refuses the script (no such partition): one line, and the sweep folder it had written is removed
"$dhad" sweep "${sweep_args[@]}" --partition nosuch >"$work/refused.out" 2>"$work/refused.err"; status=$?
if [ $status -ne 0 ] && [ "$(wc -l <"$work/refused.err")" -eq 1 ] && grep -q "nothing submitted" "$work/refused.err" \
   && [ -z "$(ls -A "$runs")" ]; then
  ok "sbatch refused: $(cat "$work/refused.err")"
else
  fail "sbatch refused: exit $status"; cat "$work/refused.err"; ls "$runs"
fi

# 3. the sweep
start=$SECONDS
"$dhad" sweep "${sweep_args[@]}" >"$work/submit.out" 2>&1; status=$?
sweep="$(sed -n 's/^Sweep folder: //p' "$work/submit.out")"
job="$(sed -n 's/^Submitted job \([0-9]*\).*/\1/p' "$work/submit.out")"
[ $status -eq 0 ] && [ -n "$job" ] && [ -d "$sweep" ] && ok "submitted job $job: $sweep" \
  || { fail "submit: exit $status"; cat "$work/submit.out"; exit 1; }

# Once their runs have a checkpoint and before they finish: task 0 is cancelled (scancel: SIGTERM to all its
# processes); task 1 gets SIGTERM on its batch shell alone, as --signal=B:TERM@N sends it before the time
# limit, which the script passes on to dhad.
signalled=()
declare -A latest=()
for _ in $(seq 1 1500); do
  for i in 0 1; do
    [ -n "${latest[$i]:-}" ] && continue
    name=("tiny-a-fabric-s0" "tiny-a-grid-s0")
    latest[$i]="$(ls "$sweep/${name[$i]}"/*/checkpoints/latest.json 2>/dev/null | head -n 1)"
    if [ -n "${latest[$i]}" ]; then
      # scancel may report an error for a task that ended on the signal while it retried: the checks below
      # judge what the task did
      if [ "$i" -eq 0 ]; then scancel "${job}_0"; else scancel --batch --signal=TERM "${job}_1"; fi 2>/dev/null
      signalled+=("$i")
    fi
  done
  [ ${#signalled[@]} -eq 2 ] && break
  sleep 0.1
done
[ ${#signalled[@]} -eq 2 ] && ok "after their first checkpoint: scancel ${job}_0; scancel --batch --signal=TERM ${job}_1" \
  || fail "tasks 0 and 1 did not both write a checkpoint to stop at (${signalled[*]:-none} signalled)"

wait_for_queue() {
  for _ in $(seq 1 600); do
    [ -z "$(squeue --noheader 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  return 1
}
wait_for_queue || fail "tasks still queued after 5 minutes"
echo "     first submission done after $((SECONDS - start)) s"
runs_stopped=()
for i in 0 1; do
  task_dir="$sweep/$(basename "$(dirname "$(dirname "$(dirname "${latest[$i]:-/x/x/x/x}")")")")"
  run="$(dirname "$(dirname "${latest[$i]:-/x/x/x}")")"
  runs_stopped+=("$run")
  if grep -q "Interrupted: writing a checkpoint" "$task_dir/task.err" 2>/dev/null && [ ! -f "$run/metrics.json" ] \
     && [ -f "$run/checkpoints/latest.json" ]; then
    ok "stopped task $i wrote a checkpoint on SIGTERM and is not evaluated"
  else
    fail "stopped task $i"; tail -5 "$task_dir/task.err"
  fi
done
others=0
for t in tiny-b-fabric-s0 tiny-b-grid-s0; do
  ls "$sweep/$t"/*/metrics.json >/dev/null 2>&1 && others=$((others + 1)) || { echo "     $t:"; tail -3 "$sweep/$t/task.err"; }
done
[ $others -eq 2 ] && ok "the two other tasks finished and evaluated regardless" || fail "$others of 2 other tasks evaluated"

"$dhad" sweep status "$sweep" >"$work/status1.out" 2>&1 \
  && grep -E '^0 +tiny-a +fabric +0 +ended +stopped ' "$work/status1.out" >/dev/null \
  && grep -E '^1 +tiny-a +grid +0 +ended +stopped ' "$work/status1.out" >/dev/null \
  && grep -q "2 of 4 tasks evaluated" "$work/status1.out" \
  && ok "sweep status: tasks 0 and 1 stopped, 2 of 4 evaluated" || { fail "sweep status"; cat "$work/status1.out"; }

# 4. resubmit: only tasks 0 and 1, which resume
"$dhad" sweep resubmit "$sweep" >"$work/resubmit.out" 2>&1; status=$?
[ $status -eq 0 ] && grep -qE '^Submitted job [0-9]+: tasks 0-1$' "$work/resubmit.out" \
  && ok "resubmit: $(cat "$work/resubmit.out")" || { fail "resubmit: exit $status"; cat "$work/resubmit.out"; }
wait_for_queue || fail "the resubmitted tasks are still queued after 5 minutes"
for i in 0 1; do
  run="${runs_stopped[$i]}"
  task_dir="$(dirname "$run")"
  if grep -q "Resuming $run from" "$task_dir/task.err" && [ -f "$run/metrics.json" ] \
     && [ "$(ls -d "$task_dir"/*/ | wc -l)" -eq 1 ]; then
    ok "task $i resumed its run from the checkpoint and evaluated it"
  else
    fail "task $i after resubmit"; tail -5 "$task_dir/task.err"
  fi
  rows="$(tail -n +2 "$run/train-log.csv" | cut -d, -f1-3 | sort | uniq -d | wc -l)"
  [ "$rows" -eq 0 ] && ok "task $i: train-log.csv has each step once across the stop and the resume" \
    || fail "task $i: $rows steps logged twice"
done

"$dhad" sweep status "$sweep" >"$work/status2.out" 2>&1 && grep -q "4 of 4 tasks evaluated" "$work/status2.out" \
  && ok "sweep status: 4 of 4 evaluated" || { fail "sweep status after resubmit"; cat "$work/status2.out"; }
"$dhad" sweep table "$sweep" >"$work/table.out" 2>"$work/table.err"; status=$?
if [ $status -eq 0 ] && grep -q '^## Mean over categories' "$work/table.out" && grep -q '^## fabric' "$work/table.out" \
   && grep -q '^## grid' "$work/table.out" && grep -qE '^\| tiny-a \| None \| Mask ' "$work/table.out" \
   && grep -qE '^\| tiny-b \| None \| Rectangle ' "$work/table.out" && [ -s "$sweep/report.html" ] \
   && [ ! -s "$work/table.err" ]; then
  ok "sweep table: Table I on the mean and per category; $sweep/report.html"
  sed -n '/^## Mean/,/^## fabric/p' "$work/table.out" | grep '^|' | sed 's/^/     /'
else
  fail "sweep table: exit $status"; cat "$work/table.out" "$work/table.err"
fi
listed="$("$dhad" runs "$runs" 2>/dev/null | grep -c ' evaluated ')"
[ "$listed" -eq 4 ] && ok "dhad runs (the navigator's listing) shows the sweep's 4 runs evaluated" \
  || fail "dhad runs lists $listed evaluated runs"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

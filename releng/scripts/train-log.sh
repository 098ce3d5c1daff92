# Sourced by the checks that compare runs: reading a run's train-log.csv.

# losses TRAIN_LOG_CSV: its columns up to and including lr (epoch, step, the loss terms, total, lr), without
# the timing columns after them, which differ from run to run.
losses() { cut -d, -f1-"$(( $(head -n 1 "$1" | tr ',' '\n' | grep -n '^lr$' | cut -d: -f1) ))" "$1"; }

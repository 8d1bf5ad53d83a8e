#!/usr/bin/env bash
# Side by side, in one run: `vigil drift` vs the pandas + scipy equivalent (Evidently's rules) on the
# same reference and current CSV files (default 1,000,000 rows each, 20 numeric + 5 categorical columns).
# Prints wall time and peak memory of each, their ratios, and checks that the two agree per column.
#
#   bash bench/compare/compare.sh [ROWS]
# Needs: the .NET SDK; Debian's python3-pandas and python3-scipy (apt-get install python3-pandas python3-scipy).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
data="bench/compare/data"
out="$(mktemp -d)"

if [ ! -f "$data/reference.csv" ] || [ "$(($(wc -l < "$data/reference.csv") - 1))" != "$rows" ]; then
  echo "generating $rows-row inputs in $data ..."
  /usr/bin/python3 bench/compare/generate_data.py --rows "$rows" --out "$data"
fi

dotnet publish src/Vigil.Cli -c Release -o "$out/vigil" -v quiet --nologo >/dev/null
vigil="$out/vigil/vigil"
"$vigil" drift "$data/reference.csv" "$data/current.csv" --format json --output "$out/warmup.json" 2>/dev/null || true

measure() { # name, command...: runs once under /usr/bin/time, prints "seconds kilobytes"
  local name="$1"; shift
  /usr/bin/time -f "%e %M" -o "$out/$name.time" "$@" > "$out/$name.stdout" 2> "$out/$name.stderr" || {
    status=$?; [ "$status" -eq 1 ] || { cat "$out/$name.stderr"; exit "$status"; }; }
  cat "$out/$name.time" | tail -n 1
}

read -r v_sec v_kb < <(measure vigil "$vigil" drift "$data/reference.csv" "$data/current.csv" --format json)
read -r p_sec p_kb < <(measure pandas /usr/bin/python3 bench/compare/drift_pandas_scipy.py "$data/reference.csv" "$data/current.csv")

/usr/bin/python3 - "$out/vigil.stdout" "$out/pandas.stdout" "$v_sec" "$v_kb" "$p_sec" "$p_kb" "$rows" <<'PY'
import json, sys
v, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
v_sec, v_kb, p_sec, p_kb, rows = float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
pc = {c["column"]: c for c in p["columns"]}
worst, disagree = 0.0, []
for c in v["columns"]:
    o = pc[c["column"]]
    if c["method"] != o["method"] or c["drifted"] != o["drifted"]:
        disagree.append(c["column"])
    if o["statistic"]:
        worst = max(worst, abs(c["statistic"] - o["statistic"]) / abs(o["statistic"]))
print(f"rows per file        {rows:,} (reference and current), {len(v['columns'])} columns")
print(f"vigil drift          {v_sec:8.2f} s   peak {v_kb / 1024:8.0f} MiB")
print(f"pandas + scipy       {p_sec:8.2f} s   peak {p_kb / 1024:8.0f} MiB")
print(f"speed-up             {p_sec / v_sec:8.2f} x   memory ratio {p_kb / v_kb:5.2f} x less")
print(f"agreement            methods and verdicts {'identical' if not disagree else 'DIFFER on ' + ', '.join(disagree)}; "
      f"largest relative difference of a statistic {worst:.2e}")
print(f"dataset drift        vigil {v['dataset_drift']} ({v['drifted_columns']}/{v['total_columns']}), pandas {p['dataset_drift']} ({p['drifted_columns']}/{p['total_columns']})")
PY
rm -rf "$out"

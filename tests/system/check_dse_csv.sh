#!/bin/sh
# Checks a dse.csv (`edgebert dse`): one row per n x optimisation asked for, SENTENCES sentences
# each, positive cycles, energy and power, the latency the cycles give at CLOCK_MHZ, and the
# orderings any sweep must show: AAS and pruning no dearer than base at their n (they only remove
# work; early exit may cost more when no sentence exits, for the off-ramps it adds), and more
# lanes no slower.
# Usage: check_dse_csv.sh CSV SENTENCES CLOCK_MHZ "LANES..." "OPTIMISATIONS..."
set -eu
csv=$1 sentences=$2 clock=$3 lanes=$4 opts=$5
[ -f "$csv" ] || { echo "check_dse_csv: no $csv"; exit 1; }
awk -F, -v sentences="$sentences" -v clock="$clock" -v lanes="$lanes" -v opts="$opts" '
  NR == 1 {
    for (i = 1; i <= NF; ++i) col[$i] = i
    split("lanes optimisation sentences mean_cycles latency_us mean_energy_uj mean_power_mw", need, " ")
    for (k in need) if (!(need[k] in col)) { print "check_dse_csv: no column " need[k]; bad = 1 }
    next
  }
  {
    key = $col["lanes"] "/" $col["optimisation"]
    if (key in seen) { print "check_dse_csv: row " key " twice"; bad = 1 }
    seen[key] = 1; rows++
    cycles[key] = $col["mean_cycles"]; energy[key] = $col["mean_energy_uj"]
    if ($col["sentences"] != sentences) { print "check_dse_csv: " key " ran " $col["sentences"] " sentences"; bad = 1 }
    if (!($col["mean_cycles"] > 0 && $col["mean_energy_uj"] > 0 && $col["mean_power_mw"] > 0)) {
      print "check_dse_csv: " key " has a nonpositive figure: " $0; bad = 1
    }
    want = $col["mean_cycles"] / clock
    if ($col["latency_us"] - want > 0.01 || want - $col["latency_us"] > 0.01) {
      print "check_dse_csv: " key " latency " $col["latency_us"] " us, the cycles give " want; bad = 1
    }
    # power = energy / time: mW = uJ / us * 1e3
    p = $col["mean_energy_uj"] / $col["latency_us"] * 1e3
    if ($col["mean_power_mw"] > 1.5 * p || $col["mean_power_mw"] < p / 1.5) {
      print "check_dse_csv: " key " power " $col["mean_power_mw"] " mW, energy / latency " p; bad = 1
    }
  }
  END {
    nl = split(lanes, L, " "); no = split(opts, O, " ")
    if (rows != nl * no) { print "check_dse_csv: " rows " rows, want " nl * no; bad = 1 }
    for (i = 1; i <= nl; ++i) for (j = 1; j <= no; ++j) {
      key = L[i] "/" O[j]
      if (!(key in seen)) { print "check_dse_csv: no row " key; bad = 1; continue }
      base = L[i] "/base"
      if ((O[j] == "aas" || O[j] == "sparse") && (base in seen) && energy[key] > energy[base] * 1.0001) {
        print "check_dse_csv: " key " spends more energy than base: " energy[key] " > " energy[base]; bad = 1
      }
      if (i > 1 && (L[i - 1] "/" O[j]) in seen && L[i] > L[i - 1] && cycles[key] > cycles[L[i - 1] "/" O[j]]) {
        print "check_dse_csv: " key " slower than with fewer lanes"; bad = 1
      }
    }
    if (bad) exit 1
    print "check_dse_csv: " rows " rows sane"
  }' "$csv"

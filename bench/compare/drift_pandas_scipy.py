#!/usr/bin/python3
"""The pandas + scipy equivalent of `vigil drift REF CUR --format json` with Evidently's default
rules (what Evidently's DataDriftPreset computes, without its report rendering), for the
side-by-side benchmark. Prints the JSON report to stdout.

    /usr/bin/python3 bench/compare/drift_pandas_scipy.py REF.csv CUR.csv
"""
import json
import sys

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance


def binned(ref, cur, feature_type):
    if feature_type == "num" and ref.nunique() > 20:
        bins = np.histogram_bin_edges(pd.concat([ref, cur]).values, bins="sturges")
        return np.histogram(ref, bins)[0] / len(ref), np.histogram(cur, bins)[0] / len(cur)
    keys = list((set(ref.unique()) | set(cur.unique())) - {np.nan})
    rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
    cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
    return np.array([rd[k] for k in keys]) / len(ref), np.array([cd[k] for k in keys]) / len(cur)


def z_test(ref, cur):
    key = sorted(set(ref.unique()) | set(cur.unique()))[0]
    r, c = (ref == key).astype(float), (cur == key).astype(float)
    n1, n2 = len(r), len(c)
    p1, p2 = r.sum() / n1, c.sum() / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(z), float(2 * (1 - stats.norm.cdf(abs(z))))


def column(ref, cur, feature_type):
    ref = ref.replace([np.inf, -np.inf], np.nan).dropna()
    cur = cur.replace([np.inf, -np.inf], np.nan).dropna()
    n_values = pd.concat([ref, cur]).nunique()
    if len(ref) <= 1000:
        if feature_type == "num" and n_values > 5:
            s, p = stats.ks_2samp(ref, cur)
            return "ks", float(s), float(p), 0.05
        if n_values > 2:
            keys = list(set(ref.unique()) | set(cur.unique()))
            rd, cd = ref.value_counts().to_dict(), cur.value_counts().to_dict()
            s, p = stats.chisquare([cd.get(k, 0) for k in keys], [rd.get(k, 0) * len(cur) / len(ref) for k in keys])
            return "chisquare", float(s), float(p), 0.05
        s, p = z_test(ref, cur)
        return "z", s, p, 0.05
    if feature_type == "num" and n_values > 5:
        return "wasserstein", float(stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)), None, 0.1
    rp, cp = binned(ref, cur, feature_type)
    return "jensenshannon", float(distance.jensenshannon(rp, cp)), None, 0.1


def main():
    ref = pd.read_csv(sys.argv[1])
    cur = pd.read_csv(sys.argv[2])
    columns = []
    for name in ref.columns:
        feature_type = "num" if pd.api.types.is_numeric_dtype(ref[name]) else "cat"
        method, statistic, p, threshold = column(ref[name], cur[name], feature_type)
        drifted = bool(p < threshold) if p is not None else bool(statistic >= threshold)
        columns.append({"column": name, "method": method, "statistic": statistic, "p_value": p, "drifted": drifted})
    drifted = sum(c["drifted"] for c in columns)
    json.dump({"dataset_drift": drifted / len(columns) >= 0.5, "drifted_columns": drifted,
               "total_columns": len(columns), "columns": columns}, sys.stdout)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Independent reference for `vigil drift` on the shipped samples: Evidently's default data-drift
rules (legacy get_stattest / get_binned_data, Evidently 0.7.x) re-implemented with pandas, numpy
and scipy, the libraries Evidently itself calls. Writes ../samples_expected.json.

    /usr/bin/python3 test/Vigil.Cli.Tests/TestData/scripts/evidently_reference.py
"""
import json
import os

import numpy as np
import pandas as pd
from scipy import stats
from scipy.spatial import distance

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.normpath(os.path.join(HERE, "..", "..", "..", "..", "samples"))


def binned(ref, cur, feature_type, feel_zeroes):
    # evidently/legacy/calculations/stattests/utils.py get_binned_data
    n_vals = ref.nunique()
    if feature_type == "num" and n_vals > 20:
        bins = np.histogram_bin_edges(pd.concat([ref, cur]).values, bins="sturges")
        rp = np.histogram(ref, bins)[0] / len(ref)
        cp = np.histogram(cur, bins)[0] / len(cur)
    else:
        keys = list((set(ref.unique()) | set(cur.unique())) - {np.nan})
        rd = {**dict.fromkeys(keys, 0), **dict(ref.value_counts())}
        cd = {**dict.fromkeys(keys, 0), **dict(cur.value_counts())}
        rp = np.array([rd[k] for k in keys]) / len(ref)
        cp = np.array([cd[k] for k in keys]) / len(cur)
    if feel_zeroes:
        for p in (rp, cp):
            nz = p[p != 0]
            fill = nz.min() / 10 ** 6 if nz.min() <= 0.0001 else 0.0001
            np.place(p, p == 0, fill)
    return rp, cp


def z_test(ref, cur):
    if ref.nunique() == 1 and cur.nunique() == 1 and ref.unique()[0] == cur.unique()[0]:
        return 0.0, 1.0
    keys = sorted(set(ref.unique()) | set(cur.unique()))
    key = keys[0]
    r = (ref == key).astype(float)
    c = (cur == key).astype(float)
    n1, n2 = len(r), len(c)
    p1, p2 = r.sum() / n1, c.sum() / n2
    pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(z), float(2 * (1 - stats.norm.cdf(abs(z))))


def chisquare(ref, cur):
    keys = list(set(ref.unique()) | set(cur.unique()))
    k_norm = len(cur) / len(ref)
    rd, cd = ref.value_counts().to_dict(), cur.value_counts().to_dict()
    f_exp = [rd.get(k, 0) * k_norm for k in keys]
    f_obs = [cd.get(k, 0) for k in keys]
    s, p = stats.chisquare(f_obs, f_exp)
    return float(s), float(p)


def column_drift(ref, cur, feature_type):
    ref = ref.replace([np.inf, -np.inf], np.nan).dropna()
    cur = cur.replace([np.inf, -np.inf], np.nan).dropna()
    n_values = pd.concat([ref, cur]).nunique()
    if len(ref) <= 1000:
        if feature_type == "num" and n_values > 5:
            s, p = stats.ks_2samp(ref, cur)
            return "ks", float(s), float(p), 0.05
        if n_values > 2:
            s, p = chisquare(ref, cur)
            return "chisquare", s, p, 0.05
        s, p = z_test(ref, cur)
        return "z", s, p, 0.05
    if feature_type == "num" and n_values > 5:
        d = stats.wasserstein_distance(ref, cur) / max(np.std(ref), 0.001)
        return "wasserstein", float(d), None, 0.1
    rp, cp = binned(ref, cur, feature_type, False)
    return "jensenshannon", float(distance.jensenshannon(rp, cp)), None, 0.1


def report(ref_file, cur_file):
    ref = pd.read_csv(os.path.join(SAMPLES, ref_file))
    cur = pd.read_csv(os.path.join(SAMPLES, cur_file))
    columns = []
    for name in ref.columns:
        feature_type = "num" if pd.api.types.is_numeric_dtype(ref[name]) else "cat"
        method, statistic, p, threshold = column_drift(ref[name], cur[name], feature_type)
        drifted = (p < threshold) if p is not None else (statistic >= threshold)
        columns.append({
            "column": name, "type": "numerical" if feature_type == "num" else "categorical",
            "method": method, "statistic": statistic, "p_value": p, "threshold": threshold,
            "drifted": bool(drifted),
            "reference_count": int(ref[name].replace([np.inf, -np.inf], np.nan).notna().sum()),
            "current_count": int(cur[name].replace([np.inf, -np.inf], np.nan).notna().sum()),
        })
    drifted = sum(c["drifted"] for c in columns)
    return {"reference": ref_file, "current": cur_file, "dataset_drift": drifted / len(columns) >= 0.5,
            "drifted_columns": drifted, "total_columns": len(columns), "columns": columns}


def main():
    out = [report("loans_reference.csv", "loans_current.csv"),
           report("loans_reference_small.csv", "loans_current_small.csv")]
    with open(os.path.join(HERE, "..", "samples_expected.json"), "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Reference adjusted p-values from statsmodels' multipletests (bonferroni, fdr_bh).
    /usr/bin/python3 test/Vigil.Statistics.Tests/TestData/scripts/pvalue_correction_reference.py
"""
import json
import os

import numpy as np
from statsmodels.stats.multitest import multipletests

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(5)
families = {
    "mixed": [0.01, 0.04, 0.03, 0.5, 0.002, 0.2, 0.049, 0.8],
    "ties": [0.01, 0.01, 0.02, 0.02, 0.02, 0.9],
    "extremes": [0.0, 1.0, 1e-300, 0.5],
    "single": [0.03],
    "uniform50": rng.uniform(size=50).tolist(),
    "small-skewed": (rng.uniform(size=30) ** 4).tolist(),
}
cases = []
for name, p in families.items():
    cases.append({
        "name": name, "p": p,
        "bonferroni": multipletests(p, method="bonferroni")[1].tolist(),
        "bh": multipletests(p, method="fdr_bh")[1].tolist(),
    })
with open(os.path.join(HERE, "..", "pvalue_correction_reference.json"), "w") as f:
    json.dump(cases, f, indent=1)

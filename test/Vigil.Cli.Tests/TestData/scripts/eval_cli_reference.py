#!/usr/bin/python3
"""Fixtures and reference values for vigil eval's CLI tests (test/Vigil.Cli.Tests/Evaluation).

Run with Debian's python (numpy 1.24, scipy 1.10, sklearn 1.2):
    /usr/bin/python3 test/Vigil.Cli.Tests/TestData/scripts/eval_cli_reference.py
Writes the golden sets and predictions under TestData/eval/ and the expected values in
TestData/eval_cli_reference.json. Tests read the JSON; they never run this script.
"""
import hashlib
import json
import os

import numpy as np
from scipy import stats
from sklearn import metrics as skm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, ".."))
EVAL = os.path.join(DATA, "eval")
os.makedirs(EVAL, exist_ok=True)


def write_jsonl(name, rows):
    path = os.path.join(EVAL, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


def sha256(path):
    with open(path, "rb") as f:
        return "sha256:" + hashlib.sha256(f.read()).hexdigest()


ref = {}

# ---------------------------------------------------------------- binary classification (spam / ham)
rng = np.random.default_rng(20240601)
n = 60
ids = [f"c{i:03d}" for i in range(1, n + 1)]
truth = rng.choice(["spam", "ham"], size=n, p=[0.4, 0.6])
channel = rng.choice(["email", "sms"], size=n)
hard = rng.random(n) < 0.25
golden = []
for i in range(n):
    tags = [str(channel[i])] + (["hard"] if hard[i] else [])
    golden.append({"id": ids[i], "input": {"text": f"message {i + 1}"}, "expected": str(truth[i]), "tags": tags})
golden_path = write_jsonl("cls_golden.jsonl", golden)
y = (truth == "spam").astype(int)


def model(quality, seed):
    r = np.random.default_rng(seed)
    logit = quality * (2 * y - 1) + r.normal(0, 1.0, n)
    score = np.round(1 / (1 + np.exp(-logit)), 4)
    return score


missing_a = {"c013", "c027", "c041"}
runs = {"a": (model(1.4, 11), missing_a), "b": (model(1.7, 12), set()), "c": (model(0.0, 13), set())}
for name, (score, missing) in runs.items():
    rows = []
    for i in range(n):
        if ids[i] in missing:
            continue
        rows.append({"id": ids[i], "prediction": "spam" if score[i] >= 0.5 else "ham", "score": float(score[i])})
    if name == "a":
        rows.append({"id": "x001", "prediction": "spam", "score": 0.9})
        rows.append({"id": "x002", "prediction": "ham", "score": 0.1})
    write_jsonl(f"cls_preds_{name}.jsonl", rows)


def binary_metrics(mask, score):
    yt = y[mask]
    s = score[mask]
    yp = (s >= 0.5).astype(int)
    out = {
        "accuracy": skm.accuracy_score(yt, yp),
        "precision": skm.precision_score(yt, yp, zero_division=0),
        "recall": skm.recall_score(yt, yp, zero_division=0),
        "f1": skm.f1_score(yt, yp, zero_division=0),
        "f1_macro": skm.f1_score(yt, yp, average="macro", zero_division=0),
        "f1_micro": skm.f1_score(yt, yp, average="micro", zero_division=0),
        "f1_weighted": skm.f1_score(yt, yp, average="weighted", zero_division=0),
        "brier": skm.brier_score_loss(yt, s),
    }
    if len(set(yt)) == 2:
        out["roc_auc"] = skm.roc_auc_score(yt, s)
        out["pr_auc"] = skm.average_precision_score(yt, s)
        out["log_loss"] = skm.log_loss(yt, s)
    return {k: float(v) for k, v in out.items()}


score_a, _ = runs["a"]
present_a = np.array([i not in missing_a for i in ids])
correct_a = present_a & ((score_a >= 0.5).astype(int) == y)
cls = {
    "dataset_hash": sha256(golden_path),
    "count": n,
    "scored": int(present_a.sum()),
    "missing": sorted(missing_a),
    "extra": ["x001", "x002"],
    "metrics": binary_metrics(present_a, score_a),
    "pass_rate": float(correct_a.mean()),
    "coverage": float(present_a.mean()),
    "by_tag": {},
}
for tag in ["email", "sms", "hard"]:
    in_tag = np.array([tag in g["tags"] for g in golden])
    m = binary_metrics(present_a & in_tag, score_a)
    m["pass_rate"] = float(correct_a[in_tag].mean())
    m["coverage"] = float(present_a[in_tag].mean())
    cls["by_tag"][tag] = m
yp_a = np.where(score_a >= 0.5, "spam", "ham")
cm = skm.confusion_matrix(truth[present_a], yp_a[present_a], labels=["ham", "spam"])
cls["confusion"] = {"labels": ["ham", "spam"], "matrix": cm.tolist()}

# Paired bootstrap of pass_rate deltas (current - baseline) with scipy: percentile method, 95%.
def pass_vector(name):
    score, missing = runs[name]
    present = np.array([i not in missing for i in ids])
    return (present & ((score >= 0.5).astype(int) == y)).astype(float)


boot = {}
for cur, base in [("a", "b"), ("c", "b")]:
    pc, pb = pass_vector(cur), pass_vector(base)
    res = stats.bootstrap((pc, pb), lambda a, b, axis=-1: np.mean(a, axis=axis) - np.mean(b, axis=axis), paired=True,
                          vectorized=True, n_resamples=20000, method="percentile", confidence_level=0.95,
                          random_state=np.random.default_rng(5))
    boot[f"{cur}_vs_{base}"] = {"delta": float(pc.mean() - pb.mean()), "baseline": float(pb.mean()), "value": float(pc.mean()),
                                "ci_low": float(res.confidence_interval.low), "ci_high": float(res.confidence_interval.high)}
cls["pass_rate_bootstrap"] = boot
ref["classification"] = cls

# ---------------------------------------------------------------- paired bootstrap of a mean (unit test, continuous values)
r = np.random.default_rng(99)
current = np.round(r.normal(0.70, 0.2, 200), 6)
baseline = np.round(current + r.normal(0.03, 0.1, 200), 6)
res = stats.bootstrap((current, baseline), lambda a, b, axis=-1: np.mean(a, axis=axis) - np.mean(b, axis=axis), paired=True,
                      vectorized=True, n_resamples=100000, method="percentile", confidence_level=0.95,
                      random_state=np.random.default_rng(1))
ref["bootstrap_mean"] = {"current": current.tolist(), "baseline": baseline.tolist(), "delta": float(current.mean() - baseline.mean()),
                         "ci_low": float(res.confidence_interval.low), "ci_high": float(res.confidence_interval.high)}

# ---------------------------------------------------------------- numpy percentiles (latency summaries)
lat = [12.5, 3.0, 7.25, 100.0, 45.5, 8.0, 9.75, 31.0, 2.5, 60.0, 18.0]
ref["percentiles"] = {"values": lat, "q": [0, 5, 25, 50, 90, 95, 99, 100],
                      "expected": [float(np.percentile(lat, q)) for q in [0, 5, 25, 50, 90, 95, 99, 100]]}
ref["percentiles_small"] = {"values": [4.0, 1.0], "p50": float(np.percentile([4.0, 1.0], 50)), "p95": float(np.percentile([4.0, 1.0], 95))}

with open(os.path.join(DATA, "eval_cli_reference.json"), "w", encoding="utf-8", newline="\n") as f:
    json.dump(ref, f, indent=1)
    f.write("\n")
print("wrote", os.path.join(DATA, "eval_cli_reference.json"))

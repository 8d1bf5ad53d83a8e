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

# ---------------------------------------------------------------- multiclass with probabilities
rng = np.random.default_rng(777)
classes = ["billing", "other", "tech"]
n = 45
truth_mc = rng.choice(classes, size=n, p=[0.4, 0.2, 0.4])
golden = [{"id": f"m{i:02d}", "input": f"ticket {i}", "expected": str(truth_mc[i]), "tags": ["priority"] if i % 3 == 0 else []} for i in range(n)]
write_jsonl("mc_golden.jsonl", golden)
logits = rng.normal(0, 1, (n, 3))
for i in range(n):
    logits[i, classes.index(truth_mc[i])] += 1.5
proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
proba = np.round(proba, 4)
proba[:, 2] = np.round(1 - proba[:, 0] - proba[:, 1], 4)
pred_mc = np.array([classes[j] for j in proba.argmax(axis=1)])
write_jsonl("mc_preds.jsonl", [{"id": f"m{i:02d}", "prediction": str(pred_mc[i]),
                               "probabilities": {c: float(proba[i, k]) for k, c in enumerate(classes)}} for i in range(n)])
onehot = np.array([[1.0 if truth_mc[i] == c else 0.0 for c in classes] for i in range(n)])
conf = np.array([proba[i, classes.index(pred_mc[i])] for i in range(n)])
correct = (pred_mc == truth_mc).astype(float)
ece = 0.0
for m in range(1, 11):
    in_bin = (conf > (m - 1) / 10) & (conf <= m / 10)
    if in_bin.any():
        ece += in_bin.sum() / n * abs(correct[in_bin].mean() - conf[in_bin].mean())
ref["multiclass"] = {
    "metrics": {
        "accuracy": float(skm.accuracy_score(truth_mc, pred_mc)),
        "precision": float(skm.precision_score(truth_mc, pred_mc, average="macro", zero_division=0)),
        "recall": float(skm.recall_score(truth_mc, pred_mc, average="macro", zero_division=0)),
        "f1": float(skm.f1_score(truth_mc, pred_mc, average="macro", zero_division=0)),
        "f1_macro": float(skm.f1_score(truth_mc, pred_mc, average="macro", zero_division=0)),
        "f1_micro": float(skm.f1_score(truth_mc, pred_mc, average="micro", zero_division=0)),
        "f1_weighted": float(skm.f1_score(truth_mc, pred_mc, average="weighted", zero_division=0)),
        "roc_auc": float(skm.roc_auc_score(truth_mc, proba / proba.sum(axis=1, keepdims=True), multi_class="ovr", average="macro", labels=classes)),
        "pr_auc": float(np.mean([skm.average_precision_score(onehot[:, k], proba[:, k]) for k in range(3)])),
        "log_loss": float(skm.log_loss(truth_mc, proba, labels=classes)),
        "brier": float(np.mean(np.sum((proba - onehot) ** 2, axis=1))),
        "ece": float(ece),
    },
    "confusion": {"labels": classes, "matrix": skm.confusion_matrix(truth_mc, pred_mc, labels=classes).tolist()},
}

# ---------------------------------------------------------------- regression
rng = np.random.default_rng(4242)
n = 30
y_reg = np.round(rng.lognormal(3, 0.6, n), 2)
p_reg = np.round(y_reg * rng.normal(1.0, 0.15, n) + rng.normal(0, 2, n), 2)
write_jsonl("reg_golden.jsonl", [{"id": f"r{i:02d}", "input": {"sqft": int(500 + 20 * i)}, "expected": float(y_reg[i]),
                                 "tags": ["big"] if y_reg[i] > 25 else ["small"]} for i in range(n)])
write_jsonl("reg_preds.jsonl", [{"id": f"r{i:02d}", "prediction": float(p_reg[i])} for i in range(n) if i != 7])
keep = np.array([i != 7 for i in range(n)])
big = y_reg > 25
def reg(mask):
    return {"mae": float(skm.mean_absolute_error(y_reg[mask], p_reg[mask])),
            "rmse": float(skm.mean_squared_error(y_reg[mask], p_reg[mask], squared=False)),
            "mape": float(skm.mean_absolute_percentage_error(y_reg[mask], p_reg[mask])),
            "r2": float(skm.r2_score(y_reg[mask], p_reg[mask]))}
ref["regression"] = {"metrics": reg(keep), "by_tag": {"big": reg(keep & big), "small": reg(keep & ~big)}, "coverage": float(keep.mean())}

# ---------------------------------------------------------------- text: sacreBLEU's README corpus (published BLEU 48.530827)
_refs = [["The dog bit the man.", "It was not unexpected.", "The man bit him first."],
         ["The dog had bit the man.", "No one was surprised.", "The man had bitten the dog."]]
_hyps = ["The dog bit the man.", "It wasn't surprising.", "The man had just bitten him."]
write_jsonl("text_golden.jsonl", [{"id": f"t{i}", "input": f"story {i}", "expected": [_refs[0][i], _refs[1][i]]} for i in range(3)])
write_jsonl("text_preds.jsonl", [{"id": f"t{i}", "prediction": _hyps[i]} for i in range(3)])
# rouge-score's testRouge2 / testRougeLConsecutive pair.
write_jsonl("rouge_golden.jsonl", [{"id": "x", "input": "q", "expected": "testing one two"}])
write_jsonl("rouge_preds.jsonl", [{"id": "x", "prediction": "testing one"}])

# ---------------------------------------------------------------- extraction (hand-counted in ExtractionEvalTests)
write_jsonl("ext_golden.jsonl", [
    {"id": "inv1", "input": {"source": "Invoice 17 from ACME Corp dated 5 March 2024, total $1,234.50"},
     "expected": {"vendor": "ACME Corp", "date": "2024-03-05", "total": 1234.5, "po": None}, "tags": ["scanned"]},
    {"id": "inv2", "input": {"source": "Globex invoice, January 31, 2024, amount 99.00, order PO-7"},
     "expected": {"vendor": "Globex", "date": "2024-01-31", "total": 99, "po": "PO-7"}, "tags": ["digital"]},
    {"id": "inv3", "input": {"source": "Initech, 2023-12-01, total 10"},
     "expected": {"vendor": "Initech", "date": "2023-12-01", "total": 10, "po": None}, "tags": ["digital"]},
    {"id": "inv4", "input": {"source": "Umbrella 2024-02-02 total 5"},
     "expected": {"vendor": "Umbrella", "date": "2024-02-02", "total": 5, "po": None}, "tags": ["scanned"]},
])
write_jsonl("ext_preds.jsonl", [
    {"id": "inv1", "prediction": {"vendor": "acme  corp", "date": "March 5, 2024", "total": "$1,234.50", "po": None}},
    {"id": "inv2", "prediction": {"vendor": "Globex Inc", "date": "2024-01-31", "total": 99, "po": None}},
    {"id": "inv3", "prediction": "{\"vendor\": \"Initech\", \"date\": \"2023-12-01\", \"total\": 11, \"po\": \"PO-9\"}"},
])

# ---------------------------------------------------------------- judge (single): the fake judge scores quality digits qN
quality_a = [5, 4, 2, 5, 3, 1, 4, 5]
human = [5, 4, 3, 5, 3, 1, 4, 4]
special = {2: "RATE ", 5: "MALFORMED "}
write_jsonl("judge_golden.jsonl", [{"id": f"j{i}", "input": f"Question {i}?", "expected": f"Reference answer {i}.",
                                   "human_label": human[i], "tags": ["math"] if i < 4 else ["history"]} for i in range(8)])
write_jsonl("judge_preds.jsonl", [{"id": f"j{i}", "prediction": f"{special.get(i, '')}answer q{quality_a[i]}"} for i in range(8)])
parsed = [i for i in range(8) if i != 5]
judge_scores = [quality_a[i] for i in parsed]
ref["judge"] = {
    "judge_score": float(np.mean(judge_scores)),
    "pass_rate": float(sum(1 for i in parsed if quality_a[i] >= 3) / 8),
    "judge_coverage": len(parsed) / 8,
    "judge_kappa": float(skm.cohen_kappa_score([human[i] for i in parsed], judge_scores)),
    "judge_kappa_quadratic": float(skm.cohen_kappa_score([human[i] for i in parsed], judge_scores, weights="quadratic")),
    "by_tag": {"math": {"judge_score": float(np.mean([quality_a[i] for i in parsed if i < 4]))},
               "history": {"judge_score": float(np.mean([quality_a[i] for i in parsed if i >= 4]))}},
}

# ---------------------------------------------------------------- judge (pairwise): ties make the fake judge name the first position
qa, qb = [5, 2, 3, 4, 1, 3], [3, 4, 3, 1, 2, 3]
human_pair = ["A", "B", "tie", "A", "A", "B"]
write_jsonl("pair_golden.jsonl", [{"id": f"p{i}", "input": f"Write line {i}.", "human_label": human_pair[i]} for i in range(6)])
write_jsonl("pair_preds_a.jsonl", [{"id": f"p{i}", "prediction": f"line q{qa[i]}"} for i in range(6)])
write_jsonl("pair_preds_b.jsonl", [{"id": f"p{i}", "prediction": f"line q{qb[i]}"} for i in range(6)])
truth_pair = ["A" if a > b else "B" if b > a else "tie" for a, b in zip(qa, qb)]
ref["pairwise"] = {
    "win_rate": float(np.mean([1.0 if w == "A" else 0.0 if w == "B" else 0.5 for w in truth_pair])),
    "position_consistency": float(np.mean([w != "tie" for w in truth_pair])),
    "judge_kappa": float(skm.cohen_kappa_score(human_pair, truth_pair)),
}

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

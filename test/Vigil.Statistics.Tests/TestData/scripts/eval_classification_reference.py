"""Reference values for Vigil.Statistics.Evaluation: classification, regression and agreement metrics.

Run with Debian's Python (sklearn 1.2.1, numpy 1.24.2):

    /usr/bin/python3 test/Vigil.Statistics.Tests/TestData/scripts/eval_classification_reference.py

Writes ../eval_classification_reference.json. Every metric value comes from sklearn 1.2.1 or, for the expected
calibration error (no sklearn function), from plain numpy below. A metric sklearn refuses (ValueError) or leaves
undefined is left out of the case's "metrics", as the Vigil contract omits it.

The input conventions of the Vigil contract (docs/methods/evaluation-metrics.md) are restated here:
- labels = sorted union of expected and predicted (Python's code point order); binary when at most 2 labels;
- positive label (binary): the given one, else "1" if present, else a label equal to "true" then "yes"
  ignoring case, else the second label; undefined with a single label that matches none of these;
- binary: precision/recall/f1 with average="binary" for the positive label; multiclass: macro;
- binary scores s: positive_scores when given (probabilities are then ignored), else probabilities[positive]
  (absent key = 0);
  roc_auc, pr_auc and brier from s; log_loss from the probability matrix over the classes K (labels plus
  probability keys) with labels=K when probabilities are given, else from s with y = (expected == positive);
- multiclass (probabilities only): log_loss over K, brier = mean_i sum_k (p_ik - onehot_ik)^2, roc_auc = mean over
  k in K of the binary roc_auc_score(expected == k, p_k) (sklearn's multi_class="ovr", average="macro"; sklearn
  itself also refuses rows that do not sum to 1, Vigil does not), pr_auc = average_precision_score on
  label_binarize(expected, K) with average="macro";
- ece: see ece() below.
"""
import json
import math
import os

import numpy as np
import sklearn
from sklearn import metrics as skm
from sklearn.preprocessing import label_binarize

assert np.__version__ == "1.24.2", np.__version__
assert sklearn.__version__ == "1.2.1", sklearn.__version__

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval_classification_reference.json")
rng = np.random.default_rng(20240505)


def num(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def ece(correct, confidence, bins):
    """Top-label expected calibration error (Guo et al. 2017, eq. 3).

    ECE = sum_m |B_m| / n * |acc(B_m) - conf(B_m)| over `bins` equal-width bins of (0, 1]:
    B_m = ((m - 1) / M, m / M], confidence 0 in the first bin; the bin index is ceil(c * M) - 1 clipped to
    [0, M - 1]. confidence = the probability given to the predicted label, correct = predicted == expected.
    """
    correct = np.asarray(correct, dtype=float)
    confidence = np.asarray(confidence, dtype=float)
    n = len(correct)
    index = np.clip(np.ceil(confidence * bins).astype(int) - 1, 0, bins - 1)
    total = 0.0
    for m in range(bins):
        in_bin = index == m
        count = int(in_bin.sum())
        if count == 0:
            continue
        total += count / n * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return total


def default_positive(labels):
    if "1" in labels:
        return "1"
    for word in ("true", "yes"):
        for label in labels:
            if label.lower() == word:
                return label
    return labels[1] if len(labels) >= 2 else None


def classification_case(name, expected, predicted, positive_scores=None, probabilities=None,
                        positive_label=None, bins=10):
    expected = [str(x) for x in expected]
    predicted = [str(x) for x in predicted]
    labels = sorted(set(expected) | set(predicted))
    y = np.array(expected, dtype=object)
    p = np.array(predicted, dtype=object)
    out = {}
    out["accuracy"] = skm.accuracy_score(y, p)
    out["f1_macro"] = skm.f1_score(y, p, average="macro")
    out["f1_micro"] = skm.f1_score(y, p, average="micro")
    out["f1_weighted"] = skm.f1_score(y, p, average="weighted")

    classes = sorted(set(labels) | {k for row in (probabilities or []) for k in row})
    matrix = None
    if probabilities is not None:
        matrix = np.array([[row.get(k, 0.0) for k in classes] for row in probabilities], dtype=float)

    binary = len(labels) <= 2
    positive = None
    if binary:
        positive = positive_label if positive_label is not None else default_positive(labels)
        if positive is not None:
            out["precision"] = skm.precision_score(y, p, average="binary", pos_label=positive)
            out["recall"] = skm.recall_score(y, p, average="binary", pos_label=positive)
            out["f1"] = skm.f1_score(y, p, average="binary", pos_label=positive)
            s = None
            if positive_scores is not None:
                s = np.array(positive_scores, dtype=float)
            elif probabilities is not None:
                s = np.array([row.get(positive, 0.0) for row in probabilities], dtype=float)
            if s is not None:
                truth = (y == positive).astype(int)
                try:
                    out["roc_auc"] = skm.roc_auc_score(truth, s)
                except ValueError:
                    pass
                out["pr_auc"] = skm.average_precision_score(truth, s)
                out["brier"] = skm.brier_score_loss(truth, s)
                if matrix is None:
                    out["log_loss"] = skm.log_loss(truth, s, labels=[0, 1])
                    confidence = np.where(p == positive, s, 1.0 - s)
                    out["ece"] = ece(y == p, confidence, bins)
    else:
        out["precision"] = skm.precision_score(y, p, average="macro")
        out["recall"] = skm.recall_score(y, p, average="macro")
        out["f1"] = skm.f1_score(y, p, average="macro")
        if matrix is not None:
            onehot = label_binarize(y, classes=classes)
            out["brier"] = float(np.mean(np.sum((matrix - onehot) ** 2, axis=1)))
            per_class = []
            try:
                for k, cls in enumerate(classes):
                    per_class.append(skm.roc_auc_score((y == cls).astype(int), matrix[:, k]))
                out["roc_auc"] = float(np.mean(per_class))
                if np.allclose(1, matrix.sum(axis=1)):
                    ovr = skm.roc_auc_score(y, matrix, multi_class="ovr", average="macro", labels=classes)
                    assert abs(ovr - out["roc_auc"]) < 1e-15, (name, ovr, out["roc_auc"])
            except ValueError:
                pass
            out["pr_auc"] = skm.average_precision_score(onehot, matrix, average="macro")

    scores_rule = binary and positive_scores is not None  # binary scores take precedence over probabilities
    if matrix is not None and not scores_rule and len(classes) >= 2:
        out["log_loss"] = skm.log_loss(y, matrix, labels=classes)
        confidence = np.array([row.get(pred, 0.0) for row, pred in zip(probabilities, predicted)], dtype=float)
        out["ece"] = ece(y == p, confidence, bins)

    confusion = skm.confusion_matrix(y, p, labels=labels)
    return {
        "name": name,
        "expected": expected,
        "predicted": predicted,
        "positiveScores": None if positive_scores is None else [float(v) for v in positive_scores],
        "probabilities": None if probabilities is None else [{k: float(v) for k, v in row.items()} for row in probabilities],
        "positiveLabel": positive_label,
        "bins": bins,
        "labels": labels,
        "confusion": confusion.tolist(),
        "metrics": {k: num(v) for k, v in out.items()},
    }


def noisy_binary(n, prevalence, separation, labels=("0", "1")):
    truth = rng.random(n) < prevalence
    logits = rng.normal(0, 1, n) + separation * (truth * 2 - 1)
    scores = 1 / (1 + np.exp(-logits))
    expected = [labels[int(t)] for t in truth]
    predicted = [labels[int(s >= 0.5)] for s in scores]
    return expected, predicted, scores


def dirichlet_rows(expected, classes, concentration, boost):
    rows = []
    for e in expected:
        alpha = np.full(len(classes), concentration)
        alpha[classes.index(e)] += boost
        rows.append(dict(zip(classes, rng.dirichlet(alpha))))
    return rows


def argmax_label(row):
    return max(sorted(row), key=lambda k: row[k])


cases = []

e, p, s = noisy_binary(40, 0.5, 1.0)
cases.append(classification_case("binary_balanced_01", e, p, positive_scores=s))

e, p, s = noisy_binary(300, 0.08, 1.2)
cases.append(classification_case("binary_imbalanced_01", e, p, positive_scores=s, bins=15))

e = ["0", "1"] * 10
cases.append(classification_case("binary_perfect", e, e, positive_scores=[0.1 + 0.8 * int(x) for x in e]))

e = ["0", "1", "1", "0", "1", "0", "0", "1"]
wrong = ["1" if x == "0" else "0" for x in e]
cases.append(classification_case("binary_all_wrong", e, wrong, positive_scores=[0.9 if x == "0" else 0.2 for x in e]))

e, _, s = noisy_binary(30, 0.4, 0.8)
cases.append(classification_case("binary_one_predicted_class", e, ["0"] * len(e), positive_scores=s))

e, p, s = noisy_binary(80, 0.5, 0.7)
cases.append(classification_case("binary_ties", e, p, positive_scores=np.round(s, 1), bins=5))

e, p, s = noisy_binary(50, 0.45, 1.0, labels=("cat", "dog"))
probs = []
for i, v in enumerate(s):
    scale = 1.0 if i % 3 else 0.8 + 0.3 * rng.random()
    probs.append({"cat": (1 - v) * scale, "dog": v})
cases.append(classification_case("binary_cat_dog_probabilities_not_summing", e, p, probabilities=probs))

cases.append(classification_case("binary_cat_dog_positive_cat", e, p, positive_scores=1 - s, positive_label="cat"))

e, p, s = noisy_binary(25, 0.5, 1.0, labels=("false", "TRUE"))
cases.append(classification_case("binary_true_false_words", e, p, positive_scores=s))

e = ["1", "0", "1", "0", "1", "1", "0", "0", "1", "0"]
p = ["1", "0", "0", "1", "1", "1", "0", "1", "1", "0"]
s = [1.0, 0.0, 0.0, 1.0, 1.0, 0.7, 0.0, 1.0, 0.9, 0.2]
cases.append(classification_case("binary_scores_exactly_0_and_1", e, p, positive_scores=s, bins=4))

e = ["yes"] * 6 + ["no"] * 4
p = ["yes", "yes", "no", "yes", "yes", "no", "no", "no", "yes", "no"]
cases.append(classification_case("binary_yes_no_probabilities_exact", e, p,
                                 probabilities=[{"yes": 1.0, "no": 0.0} if x == "yes" else {"yes": 0.0, "no": 1.0}
                                                for x in p]))

e = ["1"] * 12
_, p, s = noisy_binary(12, 0.5, 0.5)
cases.append(classification_case("binary_truth_all_positive", e, p, positive_scores=s))

e = ["0"] * 12
cases.append(classification_case("binary_truth_all_negative", e, p, positive_scores=s))

cases.append(classification_case("binary_single_label_no_positive", ["cat"] * 5, ["cat"] * 5))

cases.append(classification_case("binary_labels_only", ["b", "a", "a", "b", "b"], ["b", "b", "a", "a", "b"]))

e, p, s = noisy_binary(30, 0.5, 1.0, labels=("a", "b"))
three = [{"a": (1 - v) * 0.9, "b": v * 0.9, "c": 0.1} for v in s]
cases.append(classification_case("binary_labels_three_probability_classes", e, p, probabilities=three))

classes = ["a", "b", "c"]
e = list(rng.choice(classes, 60))
rows = dirichlet_rows(e, classes, 1.0, 1.5)
cases.append(classification_case("multi_balanced", e, [argmax_label(r) for r in rows], probabilities=rows))

classes = ["ant", "bee", "cow", "dog"]
e = list(rng.choice(classes, 200, p=[0.6, 0.25, 0.1, 0.05]))
rows = dirichlet_rows(e, classes, 0.8, 1.0)
p = [argmax_label(r) if rng.random() < 0.85 else str(rng.choice(classes)) for r in rows]
cases.append(classification_case("multi_imbalanced_not_argmax", e, p, probabilities=rows, bins=20))

e = ["x", "y", "z", "x", "y", "z", "x"]
rows = [{k: (0.8 if k == v else 0.1) for k in ("x", "y", "z")} for v in e]
cases.append(classification_case("multi_perfect", e, e, probabilities=rows))

wrong = [{"x": "y", "y": "z", "z": "x"}[v] for v in e]
rows = [{k: (0.7 if k == w else 0.15) for k in ("x", "y", "z")} for w in wrong]
cases.append(classification_case("multi_all_wrong", e, wrong, probabilities=rows))

classes = ["a", "b", "c"]
e = list(rng.choice(classes, 30))
rows = dirichlet_rows(e, classes, 2.0, 1.0)
cases.append(classification_case("multi_one_predicted_class", e, ["a"] * 30, probabilities=rows))

e = list(rng.choice(classes, 40))
rows = dirichlet_rows(e, classes, 1.0, 2.0)
rows = [{k: v * (0.5 + 0.5 * rng.random()) for k, v in r.items()} for r in rows]  # sums in (0.5, 1]
cases.append(classification_case("multi_probabilities_not_summing", e, [argmax_label(r) for r in rows],
                                 probabilities=rows))

e = ["a", "b", "a", "b", "a", "b", "a", "a"]
p = ["a", "b", "c", "b", "c", "a", "a", "b"]
rows = [{"a": 0.5, "b": 0.3, "c": 0.2}, {"a": 0.2, "b": 0.6, "c": 0.2}, {"a": 0.3, "b": 0.2, "c": 0.5},
        {"a": 0.1, "b": 0.8, "c": 0.1}, {"a": 0.3, "b": 0.3, "c": 0.4}, {"a": 0.5, "b": 0.4, "c": 0.1},
        {"a": 0.6, "b": 0.2, "c": 0.2}, {"a": 0.3, "b": 0.4, "c": 0.3}]
cases.append(classification_case("multi_predicted_only_class", e, p, probabilities=rows))

e = ["0", "1", "2", "2", "1", "0", "2", "1", "0"]
p = ["0", "2", "2", "2", "1", "1", "0", "1", "0"]
rows = [{v: 1.0} for v in p]
cases.append(classification_case("multi_one_hot_probabilities", e, p, probabilities=rows, bins=3))

classes = ["lo", "mid", "hi"]
e = list(rng.choice(classes, 50))
rows = []
for v in e:
    raw = rng.dirichlet([1.0, 1.0, 1.0])
    raw = np.round(raw * 4) / 4
    raw = raw / raw.sum() if raw.sum() > 0 else np.full(3, 1 / 3)
    rows.append(dict(zip(classes, raw)))
cases.append(classification_case("multi_ties", e, [argmax_label(r) for r in rows], probabilities=rows))

e = list(rng.choice(["red", "green", "blue", "black"], 35))
p = [v if rng.random() < 0.6 else str(rng.choice(["red", "green", "blue"])) for v in e]
cases.append(classification_case("multi_labels_only", e, p))


# ---------------------------------------------------------------- regression

def regression_case(name, expected, predicted):
    y = np.asarray(expected, dtype=float)
    f = np.asarray(predicted, dtype=float)
    out = {
        "mae": skm.mean_absolute_error(y, f),
        "rmse": skm.mean_squared_error(y, f, squared=False),
        "mape": skm.mean_absolute_percentage_error(y, f),
    }
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        r2 = skm.r2_score(y, f)
    if not math.isnan(r2):
        out["r2"] = r2
    return {"name": name, "expected": [float(v) for v in y], "predicted": [float(v) for v in f],
            "metrics": {k: num(v) for k, v in out.items()}}


regression = []
y = rng.normal(10, 3, 100)
regression.append(regression_case("normal", y, y + rng.normal(0, 1, 100)))
y = rng.lognormal(0, 1.5, 80)
regression.append(regression_case("lognormal_heavy", y, y * rng.uniform(0.5, 1.5, 80)))
y = np.array([0.0, 1.0, -2.0, 0.0, 3.5, 4.0])
regression.append(regression_case("zeros_in_truth", y, [0.5, 1.0, -1.0, 0.0, 3.0, 5.0]))
regression.append(regression_case("constant_truth_imperfect", [2.5] * 6, [2.5, 2.0, 3.0, 2.5, 2.5, 2.5]))
regression.append(regression_case("constant_truth_perfect", [2.5] * 4, [2.5] * 4))
regression.append(regression_case("perfect", [1.0, -3.0, 7.25], [1.0, -3.0, 7.25]))
regression.append(regression_case("single_row", [4.0], [3.0]))
regression.append(regression_case("negative_r2", [1.0, 2.0, 3.0, 4.0], [4.0, 3.0, 2.0, 1.0]))
y = rng.normal(1e6, 1e3, 50)
regression.append(regression_case("large_offset", y, y + rng.normal(0, 10, 50)))


# ---------------------------------------------------------------- Cohen's kappa

def kappa_case(name, a, b, labels=None):
    a = [str(x) for x in a]
    b = [str(x) for x in b]
    out = {}
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for w, key in ((None, "none"), ("linear", "linear"), ("quadratic", "quadratic")):
            out[key] = num(skm.cohen_kappa_score(a, b, labels=labels, weights=w))
    return {"name": name, "a": a, "b": b, "labels": labels, **out}


kappa = []
a = list(rng.choice(["x", "y", "z"], 60))
b = [v if rng.random() < 0.7 else str(rng.choice(["x", "y", "z"])) for v in a]
kappa.append(kappa_case("three_labels", a, b))
a = [str(v) for v in rng.integers(1, 6, 80)]
b = [str(min(5, max(1, int(v) + int(rng.integers(-1, 2))))) for v in a]
kappa.append(kappa_case("ratings_1_to_5", a, b))
kappa.append(kappa_case("ordered_labels", ["low", "high", "medium", "low", "medium", "high", "high"],
                        ["low", "medium", "medium", "medium", "high", "high", "low"],
                        labels=["low", "medium", "high"]))
kappa.append(kappa_case("labels_drop_rows", ["a", "b", "c", "a", "b"], ["a", "b", "a", "c", "b"], labels=["a", "b"]))
kappa.append(kappa_case("perfect", ["p", "q", "p", "r"], ["p", "q", "p", "r"]))
kappa.append(kappa_case("complete_disagreement", ["p", "q", "p", "q"], ["q", "p", "q", "p"]))
kappa.append(kappa_case("both_constant", ["p", "p", "p"], ["p", "p", "p"]))
kappa.append(kappa_case("judge_pass_fail", ["pass", "fail", "pass", "pass", "fail", "pass", "fail", "pass"],
                        ["pass", "fail", "fail", "pass", "fail", "pass", "pass", "pass"]))

with open(OUT, "w") as f:
    json.dump({"sklearn": sklearn.__version__, "numpy": np.__version__, "classification": cases,
               "regression": regression, "kappa": kappa}, f, indent=1)
    f.write("\n")
print(f"wrote {OUT}: {len(cases)} classification, {len(regression)} regression, {len(kappa)} kappa cases")

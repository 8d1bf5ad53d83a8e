"""Reference values for Evidently's binning and its binned and categorical drift methods.

Run with Debian's Python (numpy 1.24.2, scipy 1.10.1, the versions Evidently 0.7 is matched against):

    /usr/bin/python3 test/Vigil.Statistics.Tests/TestData/scripts/binned_reference.py

Writes ../binned_reference.json. Evidently is not installed: the script re-states Evidently 0.7's published
definitions (evidently/legacy/calculations/stattests/*.py, utils.get_binned_data) on top of the numpy and
scipy calls Evidently makes, so every expected value below comes from numpy/scipy, not from Vigil.
Categories are iterated in sorted order (Evidently iterates a Python set; only the summation order differs).
"""
import json
import math
import os
import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

assert np.__version__ == "1.24.2", np.__version__
assert scipy.__version__ == "1.10.1", scipy.__version__

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "binned_reference.json")


def num(x):
    """JSON-safe float: non-finite values as the named literals System.Text.Json accepts as strings."""
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def nums(xs):
    return [num(x) for x in xs]


# ---------------------------------------------------------------- Evidently's definitions on numpy/scipy

def fill_zeroes(shares):
    """get_binned_data(feel_zeroes=True): zeros -> 0.0001, or min_nonzero / 1e6 if min_nonzero <= 0.0001."""
    shares = shares.copy()
    smallest = shares[shares != 0].min()
    shares[shares == 0] = smallest / 1e6 if smallest <= 0.0001 else 0.0001
    return shares


def numeric_shares(ref, cur):
    """get_binned_data for a numerical column, before the fill. Returns shares and the binning facts."""
    if len(np.unique(ref)) > 20:
        edges = np.histogram_bin_edges(np.concatenate([ref, cur]), bins="sturges")
        rc = np.histogram(ref, edges)[0]
        cc = np.histogram(cur, edges)[0]
        return rc / len(ref), cc / len(cur), {"edges": nums(edges), "values": None, "ref": rc.tolist(), "cur": cc.tolist()}
    keys = np.union1d(ref, cur)
    rc = np.array([np.count_nonzero(ref == k) for k in keys])
    cc = np.array([np.count_nonzero(cur == k) for k in keys])
    return rc / len(ref), cc / len(cur), {"edges": None, "values": nums(keys), "ref": rc.tolist(), "cur": cc.tolist()}


def psi(r, c):
    r, c = fill_zeroes(r), fill_zeroes(c)
    return np.sum((r - c) * np.log(r / c))


def kl(r, c):
    return stats.entropy(fill_zeroes(r), fill_zeroes(c))


def js(r, c):
    return distance.jensenshannon(r, c)


def hellinger_numeric(ref, cur):
    """Evidently's hellinger, numerical branch: Sturges over the distinct values, density histograms."""
    keys = np.union1d(ref, cur)
    edges = np.histogram_bin_edges(keys, bins="sturges")
    h1 = np.histogram(ref, bins=edges, density=True)[0]
    h2 = np.histogram(cur, bins=edges, density=True)[0]
    width = (max(edges) - min(edges)) / (len(edges) - 1)
    bc = 0.0
    for a, b in zip(h1, h2):
        bc += math.sqrt(a * b) * width
    return math.sqrt(1 - np.clip(bc, 0, 1)), edges, np.histogram(ref, edges)[0], np.histogram(cur, edges)[0]


def hellinger_categorical(rc, cc):
    n1, n2 = sum(rc), sum(cc)
    bc = 0.0
    for a, b in zip(rc, cc):
        bc += math.sqrt((a / n1) * (b / n2))
    return math.sqrt(1 - np.clip(bc, 0, 1))


def tvd(rc, cc):
    rc, cc = np.asarray(rc), np.asarray(cc)
    return 0.5 * np.sum(np.abs(rc / rc.sum() - cc / cc.sum()))


def tvd_permutation_p(keys, rc, cc, iterations=1000):
    """Evidently's permutation_test for TVD: seed 0, choice without replacement of n_ref rows."""
    # Rows as Evidently concatenates them (reference then current), grouped by category in sorted order.
    present = [i for i in range(len(keys)) if rc[i] + cc[i] > 0]
    rows = np.array([keys[i] for i in present for _ in range(rc[i])] + [keys[i] for i in present for _ in range(cc[i])])
    whole = np.array([rc[i] + cc[i] for i in present])
    codes = {keys[i]: j for j, i in enumerate(present)}
    n_ref = sum(rc)
    observed = tvd(rc, cc)
    np.random.seed(0)
    at_least = 0
    for _ in range(iterations):
        chosen = np.random.choice(rows, n_ref, replace=False)
        new_ref = np.zeros(len(present), dtype=np.int64)
        values, counts = np.unique(chosen, return_counts=True)
        for v, n in zip(values, counts):
            new_ref[codes[v]] = n
        value = tvd(new_ref, whole - new_ref)
        at_least += observed <= abs(value)
    return at_least / iterations


def goodness_of_fit(rc, cc, lambda_):
    n_ref, n_cur = sum(rc), sum(cc)
    scale = n_cur / n_ref
    f_exp = [r * scale for r in rc]
    with np.errstate(divide="ignore", invalid="ignore"):
        if lambda_ == "pearson":
            res = stats.chisquare(cc, f_exp)
        else:
            res = stats.power_divergence(cc, f_exp, lambda_=lambda_)
    return float(res[0]), float(res[1])


def z_test(rc, cc):
    """Evidently's z: first sorted category coded 0; pooled two-proportion z; p = 2 (1 - Phi(|z|))."""
    present = [i for i in range(len(rc)) if rc[i] + cc[i] > 0]
    n1, n2 = sum(rc), sum(cc)
    if len(present) == 1:
        return None, 1.0
    p1 = float(rc[present[1]]) / n1
    p2 = float(cc[present[1]]) / n2
    pooled = float(p1 * n1 + p2 * n2) / (n1 + n2)
    z = (p1 - p2) / np.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2))
    return float(z), float(2 * (1 - stats.norm.cdf(np.abs(z))))


def fisher(rc, cc):
    """Evidently's 2x2 table [[cur_1, cur_0], [ref_1, ref_0]] (first sorted category coded 0)."""
    present = [i for i in range(len(rc)) if rc[i] + cc[i] > 0]
    if len(present) == 1:
        table = [[0, cc[present[0]]], [0, rc[present[0]]]]
    else:
        table = [[cc[present[1]], cc[present[0]]], [rc[present[1]], rc[present[0]]]]
    res = stats.fisher_exact(table)
    return float(res[0]), float(res[1])


# ---------------------------------------------------------------- cases

rng = np.random.default_rng(20240611)
out = {"numpy": np.__version__, "scipy": scipy.__version__}

# 1. numpy.histogram_bin_edges(data, "sturges") for data with a given min, max and size.
edge_cases = []
# (-0.607, 1.339, 64) and (-1.862, 1.308, 1024): floating point gives log2(n) + 2 bins, not log2(n) + 1.
for lo, hi, n in [(-0.607, 1.339, 64), (0.749, 5.753, 64), (-1.862, 1.308, 1024), (0.0, 1.0, 64), (0.0, 1.0, 128), (0.0, 1.0, 1024), (0.0, 1.0, 63), (0.0, 1.0, 65),
                  (-3.7, 12.25, 64), (-3.7, 12.25, 1000), (0.1, 0.7, 2), (0.1, 0.7, 3), (5.0, 5.0, 1),
                  (5.0, 5.0, 500), (-2.5, -2.5, 64), (0.0, 0.0, 10), (1e-300, 3e-300, 100),
                  (1e15, 1e15 + 37.0, 4096), (-1e200, 1e200, 77), (0.0, 80.0, 64), (2.0, 3.0, 1 << 20),
                  (-0.3, 0.9, 2 ** 16), (1.0, 1.0 + 2 ** -40, 33), (0.0, 1.0, 1_000_000), (-1.0, 1.0, 256)]:
    data = np.full(n, lo)
    data[-1] = hi
    edges = np.histogram_bin_edges(data, bins="sturges")
    edge_cases.append({"min": num(lo), "max": num(hi), "count": n, "edges": nums(edges)})
out["sturges"] = edge_cases

# 2. numpy.histogram counts over explicit edges, incl. values exactly on edges and outside them.
hist_cases = []
for name, values, edges in [
    ("on_edges", [0.0, 10.0, 10.0, 20.0, 35.0, 70.0, 80.0, 80.0], np.linspace(0.0, 80.0, 9)),
    ("outside", [-5.0, -0.0, 0.0, 0.5, 1.0, 1.0, 1.5, 2.0, 2.0000001], [0.0, 1.0, 2.0]),
    ("repeated_edges", [0.0, 1.0, 1.0, 1.0, 2.0, 3.0], [0.0, 1.0, 1.0, 2.0, 3.0]),
    ("sturges_edges", (np.round(rng.standard_normal(300), 1)).tolist(), None),
]:
    values = np.sort(np.asarray(values, dtype=float))
    if edges is None:
        edges = np.histogram_bin_edges(values, bins="sturges")
    edges = np.asarray(edges, dtype=float)
    hist_cases.append({"name": name, "values": nums(values), "edges": nums(edges),
                       "counts": np.histogram(values, edges)[0].tolist()})
out["histogram"] = hist_cases

# 3. Numerical columns: Bin() and the binned distances end to end.
def round4(x):
    return np.round(x, 4)

numeric = []
def add_numeric(name, ref, cur):
    ref = np.asarray(ref, dtype=float)
    cur = np.asarray(cur, dtype=float)
    r, c, facts = numeric_shares(ref, cur)
    h, h_edges, h_ref, h_cur = hellinger_numeric(ref, cur)
    numeric.append({
        "name": name, "reference": nums(ref), "current": nums(cur), **facts,
        "psi": num(psi(r, c)), "kl": num(kl(r, c)), "js": num(js(r, c)),
        "hellinger": num(h), "hellingerEdges": nums(h_edges),
        "hellingerRef": h_ref.tolist(), "hellingerCur": h_cur.tolist(),
    })

add_numeric("normal_shift", round4(rng.normal(0, 1, 1000)), round4(rng.normal(0.3, 1.1, 800)))
add_numeric("normal_same_law", round4(rng.normal(0, 1, 700)), round4(rng.normal(0, 1, 900)))
add_numeric("lognormal", round4(rng.lognormal(0, 1, 1500)), round4(rng.lognormal(0.2, 1, 1200)))
add_numeric("heavy_tail_cauchy", round4(rng.standard_cauchy(900)), round4(rng.standard_cauchy(1100)))
add_numeric("pareto", round4(rng.pareto(1.2, 600) + 1), round4(rng.pareto(1.5, 640) + 1))
add_numeric("uniform", round4(rng.uniform(-1, 1, 400)), round4(rng.uniform(-1, 1.5, 400)))
add_numeric("distinct_20", rng.integers(0, 20, 300).astype(float), rng.integers(0, 25, 250).astype(float))
distinct20 = np.concatenate([np.arange(20.0), rng.integers(0, 20, 280).astype(float)])
add_numeric("distinct_20_exact", distinct20, rng.integers(5, 30, 200).astype(float))
distinct21 = np.concatenate([np.arange(21.0), rng.integers(0, 21, 279).astype(float)])
add_numeric("distinct_21_exact", distinct21, rng.integers(5, 30, 200).astype(float))
add_numeric("n_64", round4(rng.normal(0, 1, 40)), round4(rng.normal(0.5, 1, 24)))
extra_ref = np.round(rng.uniform(-0.6, 1.33, 40), 3)
extra_ref[0] = -0.607
extra_cur = np.round(rng.uniform(-0.6, 1.33, 24), 3)
extra_cur[0] = 1.339
add_numeric("n_64_extra_bin", extra_ref, extra_cur)
add_numeric("n_128", round4(rng.normal(0, 1, 100)), round4(rng.normal(0.5, 1, 28)))
add_numeric("n_1024", round4(rng.normal(0, 1, 512)), round4(rng.normal(0.1, 1, 512)))
on_edges_ref = np.concatenate([np.arange(0.0, 81.0, 2.5), [10.0, 20.0, 30.0, 40.0]])
add_numeric("values_on_edges", on_edges_ref, np.array([0.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0] * 3))
add_numeric("constant_both", np.full(50, 3.5), np.full(70, 3.5))
add_numeric("constant_reference", np.full(50, 3.5), round4(rng.normal(3.5, 1, 60)))
add_numeric("constant_current", round4(rng.normal(3.5, 1, 60)), np.full(50, 3.5))
add_numeric("current_outside_range", round4(rng.normal(0, 1, 500)), round4(rng.normal(8, 1, 300)))
add_numeric("tiny_share_fill", round4(rng.normal(0, 1, 20000)), round4(rng.normal(0.05, 1, 400)))
same = round4(rng.normal(0, 1, 300))
add_numeric("identical", same, rng.permutation(same))
out["numeric"] = numeric

# 4. Categorical columns: counts per category, all methods.
categorical = []
def add_categorical(name, ref, cur, tvd_p=True):
    keys = sorted(set(ref) | set(cur))
    rc = [ref.get(k, 0) for k in keys]
    cc = [cur.get(k, 0) for k in keys]
    r = np.asarray(rc) / sum(rc)
    c = np.asarray(cc) / sum(cc)
    case = {"name": name, "categories": keys, "ref": rc, "cur": cc,
            "psi": num(psi(r, c)), "kl": num(kl(r, c)), "js": num(js(r, c)),
            "hellinger": num(hellinger_categorical(rc, cc)), "tvd": num(tvd(rc, cc)),
            "tvdPValue": num(tvd_permutation_p(keys, rc, cc)) if tvd_p else None}
    chi = goodness_of_fit(rc, cc, "pearson")
    g = goodness_of_fit(rc, cc, "log-likelihood")
    case.update({"chiSquare": num(chi[0]), "chiSquarePValue": num(chi[1]), "g": num(g[0]), "gPValue": num(g[1])})
    if sum(1 for i in range(len(keys)) if rc[i] + cc[i] > 0) <= 2:
        z, zp = z_test(rc, cc)
        odds, fp = fisher(rc, cc)
        case.update({"z": None if z is None else num(z), "zPValue": num(zp), "oddsRatio": num(odds), "fisherPValue": num(fp)})
    categorical.append(case)

add_categorical("three_categories", {"a": 50, "b": 30, "c": 20}, {"a": 40, "b": 35, "c": 25})
add_categorical("only_in_current", {"a": 50, "b": 50}, {"a": 45, "b": 40, "c": 15})
add_categorical("only_in_reference", {"a": 30, "b": 50, "c": 20}, {"a": 55, "b": 45})
add_categorical("many_categories", {f"k{i:02d}": int(v) for i, v in enumerate(rng.integers(1, 400, 30))},
                {f"k{i:02d}": int(v) for i, v in enumerate(rng.integers(1, 400, 30))})
add_categorical("identical_shares", {"x": 10, "y": 20, "z": 30}, {"x": 20, "y": 40, "z": 60})
add_categorical("fill_min_nonzero_branch", {"a": 1, "b": 19999, "c": 0, "d": 5}, {"a": 0, "b": 300, "c": 7, "d": 0})
add_categorical("fill_both_small", {"a": 1, "b": 30000}, {"a": 25000, "b": 0, "c": 2}, tvd_p=False)
add_categorical("binary_small", {"no": 12, "yes": 3}, {"no": 5, "yes": 9})
add_categorical("binary_equal_sizes", {"0": 230, "1": 270}, {"0": 270, "1": 230})
add_categorical("binary_equal_sizes_tie", {"0": 60, "1": 40}, {"0": 40, "1": 60})
add_categorical("binary_unequal", {"no": 900, "yes": 100}, {"no": 700, "yes": 160})
add_categorical("binary_large", {"no": 52000, "yes": 48000}, {"no": 50500, "yes": 49500}, tvd_p=False)
add_categorical("binary_large_equal", {"no": 30000, "yes": 30000}, {"no": 29700, "yes": 30300}, tvd_p=False)
add_categorical("binary_strong_drift", {"no": 400, "yes": 100}, {"no": 100, "yes": 400})
add_categorical("binary_extreme", {"no": 5000, "yes": 10}, {"no": 4000, "yes": 1500}, tvd_p=False)
add_categorical("binary_one_side_constant", {"no": 40}, {"no": 30, "yes": 10})
add_categorical("binary_disjoint", {"no": 25}, {"yes": 20})
add_categorical("one_category", {"only": 40}, {"only": 25})
add_categorical("binary_mid_z", {"a": 480, "b": 520}, {"a": 450, "b": 550})
out["categorical"] = categorical

# 5. Many random two-category columns for z and Fisher: small, equal sizes (Evidently's own condition, where
# the hypergeometric law is symmetric and ties decide the two-sided p-value), large (Boost's N > 104723 path).
binary = []
for regime in ["small", "equal", "medium", "large"] * 75:
    if regime == "small":
        n_ref, n_cur = (int(v) for v in rng.integers(1, 40, 2))
    elif regime == "equal":
        n_ref = n_cur = int(rng.integers(2, 3000))
    elif regime == "medium":
        n_ref, n_cur = (int(v) for v in rng.integers(40, 5000, 2))
    else:
        n_ref, n_cur = (int(v) for v in rng.integers(50000, 120000, 2))
    p_ref = rng.uniform(0.02, 0.98)
    p_cur = p_ref if rng.uniform() < 0.5 else rng.uniform(0.02, 0.98)
    r1 = int(rng.binomial(n_ref, p_ref))
    c1 = int(rng.binomial(n_cur, p_cur))
    rc, cc = [n_ref - r1, r1], [n_cur - c1, c1]
    if (rc[0] + cc[0]) * (rc[1] + cc[1]) == 0:
        continue
    z, zp = z_test(rc, cc)
    odds, fp = fisher(rc, cc)
    binary.append({"ref": rc, "cur": cc, "z": num(z), "zPValue": num(zp), "oddsRatio": num(odds), "fisherPValue": num(fp)})
out["binary"] = binary

with open(OUT, "w") as f:
    json.dump(out, f, indent=1)
print(f"wrote {OUT}: {len(edge_cases)} Sturges, {len(hist_cases)} histogram, {len(numeric)} numeric, "
      f"{len(categorical)} categorical, {len(binary)} binary cases")

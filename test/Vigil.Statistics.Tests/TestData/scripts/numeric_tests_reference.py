"""Reference values for the numerical two-sample methods: Anderson-Darling k-sample (k = 2), Mann-Whitney U,
independent t-tests (Student and Welch), energy distance, Wasserstein-1 and Evidently's normed Wasserstein.

Run with Debian's Python (numpy 1.24.2, scipy 1.10.1, the versions Vigil matches):

    /usr/bin/python3 test/Vigil.Statistics.Tests/TestData/scripts/numeric_tests_reference.py

Writes ../numeric_tests_reference.json. Every expected value comes from scipy (or, where scipy cannot run,
from exact rational arithmetic in Python below), never from Vigil. Evidently is not installed; its normed
Wasserstein is restated from evidently/legacy/calculations/stattests/wasserstein_distance_norm.py:
wasserstein_distance(reference, current) / max(np.std(reference), 0.001).
Inputs are stored unsorted, in the order scipy saw them; the C# tests sort them first.
"""
import itertools
import json
import math
import os
import warnings
from fractions import Fraction

import numpy as np
import scipy
from scipy import special, stats

assert np.__version__ == "1.24.2", np.__version__
assert scipy.__version__ == "1.10.1", scipy.__version__

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "numeric_tests_reference.json")
ALTERNATIVES = ["two-sided", "less", "greater"]


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


def has_ties(x, y):
    xy = np.concatenate([x, y])
    return len(np.unique(xy)) != len(xy)


def exact_feasible(n1, n2):
    """scipy's recursive _MWU memo is (n1+1)(n2+1)(n1 n2 + 1) floats: keep it small."""
    return (n1 + 1) * (n2 + 1) * (n1 * n2 + 1) <= 7e6


def anderson(x, y):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = stats.anderson_ksamp([x, y])
        except (ValueError, IndexError) as e:
            return {"statistic": "NaN", "pvalue": "NaN", "scipy_error": f"{type(e).__name__}: {e}"}
    return {
        "statistic": num(res.statistic),
        "pvalue": num(res.significance_level),
        "scipy_warning": "; ".join(str(w.message) for w in caught) or None,
    }


def mann_whitney(x, y):
    n1, n2 = len(x), len(y)
    auto_exact = (n1 <= 8 or n2 <= 8) and not has_ties(x, y)
    methods = ["auto", "asymptotic"]
    if exact_feasible(n1, n2):
        methods.append("exact")
    rows = []
    for method in methods:
        if method == "auto" and auto_exact and not exact_feasible(n1, n2):
            continue
        for alternative in ALTERNATIVES:
            for continuity in ([True, False] if method != "exact" else [True]):
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    res = stats.mannwhitneyu(x, y, use_continuity=continuity, alternative=alternative, method=method)
                rows.append({
                    "alternative": alternative,
                    "method": method,
                    "continuity": continuity,
                    "resolved_method": method if method != "auto" else ("exact" if auto_exact else "asymptotic"),
                    "u": num(res.statistic),
                    "pvalue": num(res.pvalue),
                })
    return rows


def t_tests(x, y):
    out = {}
    for name, equal_var in (("student", True), ("welch", False)):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            res = stats.ttest_ind(x, y, equal_var=equal_var)
        out[name] = {
            "t": num(res.statistic),
            "pvalue": num(res.pvalue),
            "scipy_warning": "; ".join(str(w.message) for w in caught) or None,
        }
    return out


def case(name, family, x, y):
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    wd = stats.wasserstein_distance(x, y)
    return {
        "name": name,
        "family": family,
        "reference": nums(x),
        "current": nums(y),
        "anderson": anderson(x, y),
        "mann_whitney": mann_whitney(x, y),
        "ttest": t_tests(x, y),
        "energy": num(stats.energy_distance(x, y)),
        "wasserstein": num(wd),
        "wasserstein_normed": num(wd / max(np.std(x), 0.001)),
    }


def build_cases():
    rng = np.random.default_rng(20240611)
    cases = []
    add = lambda *a: cases.append(case(*a))  # noqa: E731

    # Tiny, continuous (no ties): the exact Mann-Whitney path under 'auto', every alternative.
    for n1, n2 in [(1, 1), (1, 4), (2, 2), (2, 3), (3, 2), (4, 5), (5, 5), (3, 8), (6, 7), (8, 8), (8, 12), (7, 20), (2, 30)]:
        add(f"tiny_normal_{n1}x{n2}", "tiny", rng.normal(0, 1, n1), rng.normal(0.3, 1, n2))
    add("tiny_separated_4x5", "tiny", [1.5, 2.25, 3.0, 4.75], [5.5, 6.0, 7.25, 8.0, 9.5])
    add("tiny_separated_reversed_5x4", "tiny", [5.5, 6.0, 7.25, 8.0, 9.5], [1.5, 2.25, 3.0, 4.75])
    add("tiny_interleaved_6x6", "tiny", [1, 3, 5, 7, 9, 11], [2, 4, 6, 8, 10, 12])
    add("tiny_n3_total", "tiny", [0.5, 1.5], [1.0])

    # Tiny with ties: 'auto' goes asymptotic; explicit 'exact' truncates a half-integer U.
    add("tiny_tied_5x6", "tied", [1, 2, 2, 3, 5], [2, 3, 3, 4, 6, 6])
    add("tiny_tied_between_only_4x4", "tied", [1, 2, 3, 4], [2, 3, 5, 6])
    add("tiny_tied_8x10", "tied", rng.integers(0, 5, 8), rng.integers(1, 6, 10))

    # Exact under 'auto' with one small and one medium sample, and explicit exact beyond 2^53 counts.
    add("exact_auto_8x300", "small_vs_medium", rng.normal(0.5, 1, 8), rng.normal(0, 1, 300))
    add("exact_auto_3x400", "small_vs_medium", rng.normal(0, 1, 3), rng.normal(0, 1, 400))
    add("exact_explicit_30x30", "medium", rng.normal(0, 1, 30), rng.normal(0.4, 1, 30))
    add("exact_explicit_12x25", "medium", rng.exponential(1, 12), rng.exponential(1.5, 25))

    # Medium samples of the common families.
    add("normal_same_200x150", "normal", rng.normal(10, 2, 200), rng.normal(10, 2, 150))
    add("normal_shifted_200x250", "normal", rng.normal(0, 1, 200), rng.normal(0.35, 1, 250))
    add("normal_scale_300x300", "normal", rng.normal(0, 1, 300), rng.normal(0, 1.6, 300))
    add("normal_mild_shift_100x120", "normal", rng.normal(0, 1, 100), rng.normal(0.25, 1, 120))
    add("normal_mild_shift_60x80", "normal", rng.normal(0, 1, 60), rng.normal(0.45, 1, 80))
    add("uniform_400x350", "uniform", rng.uniform(0, 1, 400), rng.uniform(0.05, 1.05, 350))
    add("lognormal_same_1000x1200", "lognormal", rng.lognormal(0, 1, 1000), rng.lognormal(0, 1, 1200))
    add("lognormal_shifted_800x900", "lognormal", rng.lognormal(0, 1, 800), rng.lognormal(0.2, 1.1, 900))
    add("cauchy_400x600", "heavy_tailed", rng.standard_cauchy(400), rng.standard_cauchy(600) + 0.5)
    add("pareto_300x500", "heavy_tailed", rng.pareto(1.5, 300), rng.pareto(1.2, 500))
    add("student_t2_500x500", "heavy_tailed", rng.standard_t(2, 500), rng.standard_t(2, 500))
    add("unequal_20x2000", "unequal", rng.normal(0, 1, 20), rng.normal(0.2, 1, 2000))
    add("unequal_2000x15", "unequal", rng.normal(0, 1, 2000), rng.normal(-0.4, 1, 15))
    add("negative_mixed_150x170", "normal", rng.normal(-50, 30, 150), rng.normal(-45, 25, 170))

    # Ties: integers and rounded values (midranks, tie-corrected variance).
    add("poisson_500x700", "tied", rng.poisson(3, 500), rng.poisson(3.3, 700))
    add("poisson_same_400x400", "tied", rng.poisson(2, 400), rng.poisson(2, 400))
    add("rounded_normal_1000x800", "tied", np.round(rng.normal(0, 1, 1000), 1), np.round(rng.normal(0.1, 1, 800), 1))
    add("binary_300x200", "tied", rng.integers(0, 2, 300), rng.integers(0, 2, 200))
    add("two_values_vs_one_40x30", "tied", rng.integers(0, 2, 40), np.ones(30))

    # Constant samples.
    add("constant_equal_40x25", "constant", np.full(40, 3.0), np.full(25, 3.0))
    add("constant_different_30x20", "constant", np.full(30, 1.0), np.full(20, 2.0))
    add("constant_vs_varied_50x60", "constant", np.full(50, 0.5), rng.normal(0.5, 1, 60))
    add("constant_inexact_100x37", "constant", np.full(100, 0.1), np.full(37, 0.1))
    add("constant_small_equal_3x4", "constant", np.full(3, 7.0), np.full(4, 7.0))

    # Large samples.
    add("large_normal_shift_5000x8000", "large", rng.normal(0, 1, 5000), rng.normal(0.05, 1, 8000))
    add("large_lognormal_same_5000x8000", "large", rng.lognormal(1, 0.75, 5000), rng.lognormal(1, 0.75, 8000))
    return cases


# ------------------------------------------------- exact Mann-Whitney where scipy cannot run (one sample huge)

def gaussian_binomial_counts(s, big, last):
    """Counts of U = 0..last for sizes s and big: coefficients of prod (1 - q^(big+i)) / (1 - q^i), exact ints."""
    c = [0] * (last + 1)
    c[0] = 1
    for i in range(1, s + 1):
        for k in range(i, last + 1):
            c[k] += c[k - i]
    for i in range(1, s + 1):
        d = big + i
        for k in range(last, d - 1, -1):
            c[k] -= c[k - d]
    return c


def exact_cdf_function(s, big):
    """k -> P(U <= k) as an exact fraction, from the counts of the lower half and the symmetry f(k) = f(total - k)."""
    total = s * big
    binom = math.comb(s + big, s)
    prefix = list(itertools.accumulate(gaussian_binomial_counts(s, big, (total - 1) // 2)))

    def cdf(k):
        if k < 0:
            return Fraction(0)
        if k >= total:
            return Fraction(1)
        if k <= (total - 1) // 2:
            return Fraction(prefix[k], binom)
        return 1 - Fraction(prefix[total - k - 1], binom)

    return cdf


def mwu_exact_large():
    """Small reference (no ties) against current = 0, 1, ..., big - 1; scipy's formulas on exact counts."""
    out = []
    for reference, big in [([-3.5, 10.5, 20000.5, 49999.5, 50000.25, 77777.5], 100000),
                           ([3.5, 1000.5, 50000.5, 123456.5, 124999.5, 130000.5, 200000.5, 240000.5], 250000),
                           ([125000.5, 125001.5, 125002.5, 125003.5, 125004.5, 125005.5, 125006.5, 125007.5], 250000)]:
        n1 = len(reference)
        u1 = sum(min(max(math.ceil(r), 0), big) for r in reference)  # count of current values below each r
        u2 = n1 * big - u1
        cdf = exact_cdf_function(n1, big)
        for alternative in ALTERNATIVES:
            if alternative == "greater":
                u, f = u1, 1
            elif alternative == "less":
                u, f = u2, 1
            else:
                u, f = max(u1, u2), 2
            p = min(float(f * cdf(n1 * big - u)), 1.0)
            out.append({"reference": reference, "current_count": big, "alternative": alternative,
                        "u": float(u1), "pvalue": p})
    return out


def student_t_cdf_grid():
    """scipy.special.stdtr(df, t), the CDF behind ttest_ind's p-value, over integer and Welch-like real df."""
    out = []
    for df in [0.5, 1, 1.5, 2, 3, 4.7, 9, 12.7, 19.99, 29.5, 30, 31.2, 100, 998, 1000.5, 13000, 1e5, 1e6, 2e6, 1e7]:
        for t in [-1e-6, -0.05, -0.5, -1, -1.3, -1.7, -1.75, -2, -2.5, -3, -4, -6, -10, -25, -40, 0.3, 2.2, 7]:
            out.append({"df": df, "t": t, "cdf": num(special.stdtr(df, t))})
    return out


def main():
    data = {
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "cases": build_cases(),
        "mwu_exact_large": mwu_exact_large(),
        "student_t_cdf": student_t_cdf_grid(),
    }
    with open(OUT, "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()

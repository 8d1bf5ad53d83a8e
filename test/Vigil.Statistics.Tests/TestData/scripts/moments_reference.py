"""Reference moments for MomentsSketch: numpy's mean, var(ddof=0) and var(ddof=1).

Run with Debian's Python (numpy 1.24.2):

    /usr/bin/python3 test/Vigil.Statistics.Tests/TestData/scripts/moments_reference.py

Writes ../moments_reference.json. Every input array is generated here with a seeded numpy generator and
stored in full (floats round-trip exactly through JSON), next to numpy's results. numpy computes the mean
with pairwise summation and the variance in two passes (mean, then the mean of squared deviations), which
stays accurate for data far from zero, such as 1e9 plus small noise, where the one-pass formula
E[x^2] - E[x]^2 loses every significant digit; the 'naive_population_variance' field records that formula
(in float64, with numpy sums) so the tests can show the failure it guards against.

The 'exact_*' fields are the same statistics in exact rational arithmetic (fractions.Fraction on the float64
inputs), rounded once to float64: the ground truth that both numpy and Vigil approximate. numpy's two-pass
variance is off by up to 5e-9 relative on the large-offset cases (its mean is rounded to an ulp of 1e9).
"""
import json
import os
from fractions import Fraction

import numpy as np

assert np.__version__ == "1.24.2", np.__version__

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "moments_reference.json")
rng = np.random.default_rng(20240607)


def case(name, values):
    x = np.asarray(values, dtype=np.float64)
    n = x.size
    entry = {
        "name": name,
        "values": [float(v) for v in x],
        "mean": float(np.mean(x)),
        "population_variance": float(np.var(x, ddof=0)),
        "sample_variance": float(np.var(x, ddof=1)) if n >= 2 else "NaN",
        "min": float(np.min(x)),
        "max": float(np.max(x)),
        "naive_population_variance": float(np.sum(x * x) / n - (np.sum(x) / n) ** 2),
    }
    exact = [Fraction(float(v)) for v in x]
    mean = sum(exact) / n
    m2 = sum((v - mean) ** 2 for v in exact)
    entry["exact_mean"] = float(mean)
    entry["exact_population_variance"] = float(m2 / n)
    entry["exact_sample_variance"] = float(m2 / (n - 1)) if n >= 2 else "NaN"
    return entry


cases = [
    case("small_integers", [1.0, 2.0, 3.0, 4.0]),
    case("single_value", [42.5]),
    case("two_values", [-3.25, 7.0]),
    case("constant", np.full(500, 3.7)),
    case("normal_1000", rng.normal(0.0, 1.0, 1000)),
    case("normal_shifted_5000", rng.normal(250.0, 12.0, 5000)),
    case("uniform_3000", rng.uniform(-1.0, 1.0, 3000)),
    case("lognormal_4000", rng.lognormal(0.0, 1.5, 4000)),
    case("pareto_heavy_tail_4000", (rng.pareto(1.2, 4000) + 1.0) * 3.0),
    case("tied_integers_2000", rng.integers(0, 7, 2000).astype(np.float64)),
    case("large_offset_1e9_noise_5000", 1e9 + rng.normal(0.0, 1.0, 5000)),
    case("large_negative_offset_1e9_noise_3000", -1e9 + rng.uniform(0.0, 0.01, 3000)),
    case("large_offset_1e12_noise_2000", 1e12 + rng.normal(0.0, 50.0, 2000)),
    case("tiny_scale_1e-9_3000", rng.normal(0.0, 1e-9, 3000)),
    case("mixed_signs_wide_range_3000", rng.standard_cauchy(3000) * 1e3),
    case("large_sample_20000", rng.gamma(2.0, 3.0, 20000)),
]

with open(OUT, "w") as f:
    json.dump({"numpy": np.__version__, "cases": cases}, f, separators=(",", ":"))
print(f"wrote {OUT}: {len(cases)} cases")

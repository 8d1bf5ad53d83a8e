"""Reference sums for DDSketch.Sum: Python's math.fsum (Shewchuk's algorithm, correctly rounded to the nearest
double, ties to even), an independent implementation of the exact sum.

Run with Debian's python (numpy 1.24): /usr/bin/python3 sketch_sum_reference.py
Writes ../sketch_sum_reference.json: [{"name", "values", "fsum"}].
"""
import json
import math
import os

import numpy as np

rng = np.random.default_rng(20240611)
cases = []


def add(name, values):
    values = [float(v) for v in values]
    cases.append({"name": name, "values": values, "fsum": math.fsum(values)})


add("single", [0.1])
add("normal_1000", rng.normal(0.0, 1.0, 1000))
add("lognormal_latency_5000", 0.020 * np.exp(rng.normal(0.0, 1.0, 5000)))
add("cancellation", [1e100, 1.0, -1e100, 1e-100, -1.0, 3.0, 1e16, -1e16 + 2.0])
signs = rng.choice([-1.0, 1.0], 2000)
add("wide_magnitudes_2000", signs * 10.0 ** rng.uniform(-300, 300, 2000))
add("subnormals", [5e-324, 1e-310, -2e-320, 2.2250738585072014e-308, 3 * 5e-324, 1e-300])
add("large_integers_ties", rng.integers(-(2**60), 2**60, 3000).astype(np.float64))
add("rounded_ties_4000", np.round(rng.normal(100.0, 15.0, 4000), 1))
add("half_even_down", [1.0, 2.0**-53])
add("half_even_up", [1.0 + 2.0**-52, 2.0**-53])
add("near_max", [1.7e308, -1.7e308, 1.7e308, 1e292])
add("pareto_heavy_3000", (rng.pareto(1.1, 3000) + 1.0) * 0.5)
add("mixed_sign_20000", np.concatenate([rng.normal(-5.0, 3.0, 10000), rng.exponential(2.0, 10000)]))

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sketch_sum_reference.json")
with open(out, "w") as f:
    json.dump(cases, f)
print(f"wrote {len(cases)} cases to {os.path.normpath(out)}")

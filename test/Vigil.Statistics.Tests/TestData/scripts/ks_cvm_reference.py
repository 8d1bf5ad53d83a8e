#!/usr/bin/python3
"""Reference values for the two-sample Kolmogorov-Smirnov and Cramer-von Mises tests.

Writes ../ks_cvm_reference.json from scipy 1.10.1 (Debian's python3-scipy):
  ks        scipy.stats.ks_2samp(x, y, alternative, method)      (statistic, pvalue, whether scipy warned)
  cvm       scipy.stats.cramervonmises_2samp(x, y, method)       (statistic, pvalue)
  kstwo     scipy.stats.kstwo.sf(d, n)
  smirnov   scipy.special.smirnov(n, d)                         (the one-sided survival kstwo builds on)
  kv        scipy.special.kv(0.25, x)                            (used by the Cramer-von Mises limit)

Samples are stored once under "samples" and cases refer to them by index. Most are inline (larger
ones rounded to 6 decimals to keep the file small); "pattern" samples are rebuilt by the test from a
formula, offset + scale * ((i * mult) % mod) for i = 0..n-1 (exact in floating point), which allows
sizes up to 600,000, beyond numpy's 8192-value summation blocks, without storing them.

Run:  /usr/bin/python3 ks_cvm_reference.py   (plain python3 on PATH may lack scipy)
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import special, stats

assert scipy.__version__ == "1.10.1", scipy.__version__
assert np.__version__ == "1.24.2", np.__version__

rng = np.random.default_rng(20240611)
OUT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "ks_cvm_reference.json"))


def num(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return v


samples = []
_sample_index = {}


def register(spec, values):
    """Stores a sample once; cases refer to it by index."""
    key = json.dumps(spec, sort_keys=True) if "pattern" in spec else values.tobytes()
    if key not in _sample_index:
        _sample_index[key] = len(samples)
        samples.append(spec)
    return _sample_index[key]


def pattern(n, mult, mod, offset=0.0, scale=1.0):
    i = np.arange(n, dtype=np.int64)
    values = offset + scale * ((i * mult) % mod).astype(np.float64)
    return {"pattern": {"n": n, "mult": mult, "mod": mod, "offset": offset, "scale": scale}}, values


def sample(spec):
    if isinstance(spec, tuple):
        meta, values = spec
    else:
        values = np.asarray(spec, dtype=np.float64)
        meta = {"values": [num(v) for v in values]}
    return register(meta, values), values


ks_cases = []
cvm_cases = []


def add_ks(name, x, y, alternatives=("two-sided", "less", "greater"), methods=("auto", "exact", "asymp")):
    xs, xv = sample(x)
    ys, yv = sample(y)
    for alt in alternatives:
        for method in methods:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                res = stats.ks_2samp(xv, yv, alternative=alt, method=method)
            ks_cases.append({
                "name": name, "x": xs, "y": ys, "alternative": alt, "method": method,
                "statistic": num(res.statistic), "pvalue": num(res.pvalue),
                "warned": any(issubclass(w.category, RuntimeWarning) for w in caught),
            })


def add_cvm(name, x, y, methods=("auto", "exact", "asymptotic")):
    xs, xv = sample(x)
    ys, yv = sample(y)
    for method in methods:
        res = stats.cramervonmises_2samp(xv, yv, method=method)
        cvm_cases.append({
            "name": name, "x": xs, "y": ys, "method": method,
            "statistic": num(res.statistic), "pvalue": num(res.pvalue),
        })


def r6(a):
    """Round to 6 decimals to keep the file small (creates no ties at these sizes in practice)."""
    return np.round(a, 6)


# ---- Kolmogorov-Smirnov -------------------------------------------------------------------
# Tiny samples: every size pair 1..6, all alternatives and methods.
for n1 in range(1, 7):
    for n2 in range(1, 7):
        add_ks(f"tiny {n1}v{n2}", rng.normal(size=n1), rng.normal(0.3, 1.0, size=n2))
add_ks("tiny 5v6 separated", [0.1, 0.2, 0.3, 0.4, 0.5], [1.1, 1.2, 1.3, 1.4, 1.5, 1.6])
add_ks("tiny 5v6 interleaved", [1.0, 3.0, 5.0, 7.0, 9.0], [2.0, 4.0, 6.0, 8.0, 10.0, 12.0])
add_ks("one value each, equal", [2.5], [2.5])
# D = 1/5 with n1 = n2 = 5: scipy's exact two-sided sum rounds to 1.0000000000000002, outside [0, 1],
# so scipy falls back to the asymptotic p-value.
add_ks("equal 5v5 D=1/5", [1.0, 3.0, 5.0, 7.0, 9.0], [2.0, 4.0, 6.0, 8.0, 10.0])

# Equal sizes (two-sided exact uses the reflection formula).
for n, shift in [(10, 0.5), (50, 0.3), (100, 0.0), (100, 0.4), (1000, 0.1), (3000, 0.05)]:
    add_ks(f"equal {n}v{n} shift {shift}", r6(rng.normal(size=n)), r6(rng.normal(shift, 1.0, size=n)))

# Unequal sizes (two-sided exact uses the inside method; one-sided counts paths).
for n1, n2, shift in [(7, 13, 0.8), (40, 60, 0.2), (100, 250, 0.3), (300, 200, -0.25),
                      (500, 800, 0.1), (999, 1000, 0.05), (2000, 3000, 0.08)]:
    add_ks(f"unequal {n1}v{n2} shift {shift}", r6(rng.normal(size=n1)), r6(rng.normal(shift, 1.0, size=n2)))

# Tied data: small integers.
for n1, n2 in [(30, 40), (200, 300), (2000, 2500)]:
    add_ks(f"ties {n1}v{n2}", np.floor(rng.normal(0, 2, size=n1)), np.floor(rng.normal(0.3, 2, size=n2)))
add_ks("ties poisson 80v80", rng.poisson(3, size=80).astype(float), rng.poisson(3.4, size=80).astype(float))

# Constant samples.
add_ks("constant identical 5v7", [3.0] * 5, [3.0] * 7)
add_ks("constant identical 20v20", [1.5] * 20, [1.5] * 20)
add_ks("constant different 5v7", [1.0] * 5, [2.0] * 7)
add_ks("constant vs spread 8v9", [0.0] * 8, list(np.linspace(-1, 1, 9)))

# Heavy tails and skew.
add_ks("cauchy 300v400", r6(rng.standard_cauchy(300)), r6(rng.standard_cauchy(400) * 1.5))
add_ks("pareto 1000v1200", r6(rng.pareto(1.5, 1000)), r6(rng.pareto(1.2, 1200)))
add_ks("lognormal 500v600", r6(rng.lognormal(0, 1, 500)), r6(rng.lognormal(0.1, 1, 600)))

# Complete separation: D = 1.
add_ks("separated 40v60", r6(rng.uniform(0, 1, 40)), r6(rng.uniform(2, 3, 60)))
add_ks("separated 200v200", r6(rng.uniform(0, 1, 200)), r6(rng.uniform(2, 3, 200)))

# At and around MAX_AUTO_N = 10000.
add_ks("auto exact 10000v10000", r6(rng.normal(size=10000)), r6(rng.normal(0.02, 1, size=10000)),
       methods=("auto",))
add_ks("auto exact 9999v10000", r6(rng.normal(size=9999)), r6(rng.normal(0.02, 1, size=10000)),
       alternatives=("two-sided",), methods=("auto",))
add_ks("auto asymp 10001v500", r6(rng.normal(size=10001)), r6(rng.normal(0.1, 1, size=500)),
       methods=("auto", "exact"))
# Large samples: 'auto' is asymptotic; 'exact' two-sided runs, one-sided overflows and falls back.
big_x = r6(rng.normal(size=12000))
big_y = r6(rng.normal(0.03, 1.05, size=15000))
add_ks("large 12000v15000", big_x, big_y)
add_ks("large same 12000v15000", big_x, r6(rng.normal(size=15000)), methods=("auto", "asymp"))
# Pattern samples (rebuilt by the test): lcm too big for 'exact' (switch to asymp), and very large sizes.
add_ks("pattern 50000v49999 lcm too big", pattern(50000, 7919, 65536), pattern(49999, 104729, 65521, 0.5),
       methods=("exact",))
add_ks("pattern 600000v400000", pattern(600000, 7919, 1 << 20), pattern(400000, 104729, 1000003, 1000.0, 1.01),
       alternatives=("two-sided", "greater"), methods=("auto",))

# ---- kstwo.sf grid ----------------------------------------------------------------------------
kstwo = []


def add_kstwo(n, d):
    kstwo.append({"n": n, "d": num(d), "sf": num(stats.kstwo.sf(d, n))})


for n in range(1, 11):
    ds = {0.0, -0.1, 1.0, 1.5, 0.5, 0.5 / n, np.nextafter(0.5 / n, 1), 1.0 / n, np.nextafter(1.0 / n, 1),
          0.75 / n, 1 - 1.0 / n, np.nextafter(1 - 1.0 / n, 0), 1 - 1e-9, 1 - 0.3 / n}
    ds.update(np.linspace(0.01, 0.99, 25).tolist())
    for d in sorted(ds):
        add_kstwo(n, float(d))
# Smirnov's sum costs O(n) terms where 2.2 <= n d^2 < 370 (about 1 s at n = 1e6, in scipy too):
# from n = 100000 on only a few such points are kept to bound the test time.
SLOW_KEEP = {100000: (2.21, 10.0, 100.0), 100001: (3.0, 30.0), 250000: (2.21, 30.0), 1000000: (3.0,)}
for n in [11, 20, 37, 50, 100, 139, 140, 141, 200, 500, 1000, 5000, 10000, 100000, 100001, 250000,
          1000000, 1000001, 3000000]:
    ds = {0.5 / n, 0.7 / n, 1.0 / n, 1.3 / n, 2.0 / n, 0.5, 0.6, 0.9, 1 - 1.0 / n, 1 - 0.5 / n, 1 - 1e-12}
    for c in [0.05, 0.1, 0.3, 0.5, 0.754, 0.7547, 1.0, 1.5, 2.0, 2.19, 2.21, 3.0, 3.99, 4.01, 6.0, 10.0,
              18.0, 30.0, 100.0, 369.0, 371.0]:
        slow = n in SLOW_KEEP and 2.2 <= c < 370
        if not slow or c in SLOW_KEEP[n]:
            ds.add(math.sqrt(c / n))
    if n >= 1000:
        # The Durbin / Pelz-Good switch at n d^1.5 = 1.4.
        ds.update([(1.4 / n) ** (2 / 3) * f for f in (0.9, 0.999, 1.001, 1.1)])
    for d in sorted(ds):
        if 0 <= d <= 1:
            add_kstwo(n, float(d))

smirnov = []
for n in [1, 2, 3, 5, 10, 11, 50, 140, 141, 1000, 20000, 100000, 1000001]:
    for d in sorted({0.0, 0.5 / n, 1.0 / n, 1.5 / n, 0.01, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 1 - 1.0 / n,
                     1 - 0.5 / n, 1.0} | {math.sqrt(c / n) for c in (0.5, 1.0, 2.2, 5.0, 20.0, 100.0)}):
        if 0 <= d <= 1:
            smirnov.append({"n": n, "d": num(d), "sf": num(special.smirnov(n, d))})

kv = [{"x": num(x), "kv": num(special.kv(0.25, x))}
      for x in sorted({1e-6, 1e-3, 0.01, 0.1, 0.5, 1.0, 1.5, 1.999, 2.0, 2.001, 3.0, 5.0, 10.0, 20.8, 50.0,
                       100.0, 300.0, 700.0} | set(np.geomspace(1e-4, 600, 60).tolist()))]

# ---- Cramer-von Mises -------------------------------------------------------------------------
for n1 in range(2, 7):
    for n2 in range(2, 7):
        add_cvm(f"tiny {n1}v{n2}", rng.normal(size=n1), rng.normal(0.5, 1.0, size=n2))
add_cvm("tiny 5v6 separated", [0.1, 0.2, 0.3, 0.4, 0.5], [1.1, 1.2, 1.3, 1.4, 1.5, 1.6])
for n1, n2, shift in [(10, 10, 0.5), (7, 13, 0.8), (20, 20, 0.3), (19, 20, 0.0), (15, 20, 1.0), (21, 21, 0.4),
                      (25, 30, 0.2)]:
    add_cvm(f"small {n1}v{n2} shift {shift}", rng.normal(size=n1), rng.normal(shift, 1.0, size=n2))
add_cvm("ties small 12v15", np.floor(rng.normal(0, 1.5, 12)), np.floor(rng.normal(0.5, 1.5, 15)))
add_cvm("ties 300v400", np.floor(rng.normal(0, 2, 300)), np.floor(rng.normal(0.2, 2, 400)),
        methods=("auto", "asymptotic"))
add_cvm("constant identical 5v7", [3.0] * 5, [3.0] * 7)
add_cvm("constant different 5v7", [1.0] * 5, [2.0] * 7)
add_cvm("constant identical 30v40", [1.0] * 30, [1.0] * 40, methods=("auto",))
add_cvm("equal 100v100", r6(rng.normal(size=100)), r6(rng.normal(0.2, 1, size=100)), methods=("auto",))
add_cvm("unequal 500v800", r6(rng.normal(size=500)), r6(rng.normal(0.1, 1, size=800)), methods=("auto",))
add_cvm("separated 200v300", r6(rng.uniform(0, 1, 200)), r6(rng.uniform(2, 3, 300)), methods=("auto",))
add_cvm("cauchy 300v400", r6(rng.standard_cauchy(300)), r6(rng.standard_cauchy(400) * 1.5), methods=("auto",))
add_cvm("pareto 1000v1200", r6(rng.pareto(1.5, 1000)), r6(rng.pareto(1.2, 1200)), methods=("auto",))
add_cvm("lognormal 500v600", r6(rng.lognormal(0, 1, 500)), r6(rng.lognormal(0.1, 1, 600)), methods=("auto",))
add_cvm("large 12000v15000", big_x, big_y, methods=("auto",))
add_cvm("pattern ties 400000v300000", pattern(400000, 7919, 1000), pattern(300000, 104729, 1013, 3.0),
        methods=("auto",))
add_cvm("pattern 200000v150000", pattern(200000, 7919, 1 << 18, 0.25), pattern(150000, 104729, 262139),
        methods=("auto",))

doc = {
    "generator": "TestData/scripts/ks_cvm_reference.py",
    "scipy": scipy.__version__,
    "numpy": np.__version__,
    "samples": samples,
    "ks": ks_cases,
    "kstwo": kstwo,
    "smirnov": smirnov,
    "kv": kv,
    "cvm": cvm_cases,
}
with open(OUT, "w") as f:
    json.dump(doc, f, separators=(",", ":"), allow_nan=False)
print(f"wrote {OUT}: {len(samples)} samples, {len(ks_cases)} ks, {len(kstwo)} kstwo, {len(smirnov)} smirnov, {len(kv)} kv, "
      f"{len(cvm_cases)} cvm cases, {os.path.getsize(OUT) / 1e6:.2f} MB")

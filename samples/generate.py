#!/usr/bin/env python3
"""Generates Vigil's sample data: a loan-default model's features, a training-time
reference and a production "current" window in which some features shifted.

Standard library only and seeded, so the same files come out on every machine:
    python3 samples/generate.py            # writes samples/*.csv and samples/*.jsonl

What shifts in the current window (and what does not):
- income: +18% (inflation and a new customer segment)     -> drifts
- credit_score: mean down about 25 points                   -> drifts
- region: the new "south" campaign triples its share        -> drifts
- loan_amount: +35% (larger loans)                          -> drifts
- debt_to_income: +0.04                                     -> drifts
- prediction_score: follows income/credit shifts            -> drifts
- age, employment_years,
  open_accounts, home_ownership, purpose, has_cosigner: same distribution (no drift)
About 1% of employment_years and 0.5% of income are missing; a few rows carry "NaN".
"""
import json
import math
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
COLUMNS = ["age", "income", "loan_amount", "credit_score", "debt_to_income", "employment_years",
           "open_accounts", "region", "home_ownership", "purpose", "has_cosigner", "prediction_score"]


def poisson(rng, lam):
    # Knuth's method: fine for small lambda.
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def choice(rng, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def row(rng, shifted):
    age = min(80, max(18, int(rng.gauss(41, 12))))
    income = rng.lognormvariate(math.log(52000), 0.45) * (1.18 if shifted else 1.0)
    loan_amount = round(min(60000.0, rng.lognormvariate(math.log(12000), 0.7) * (1.35 if shifted else 1.0)), 2)
    credit_score = int(min(850, max(300, rng.gauss(690 - (25 if shifted else 0), 55))))
    dti = round(min(0.95, max(0.0, rng.betavariate(2.2, 6.5) + (0.04 if shifted else 0.0))), 4)
    employment_years = min(45, int(rng.expovariate(1 / 6.5)))
    open_accounts = poisson(rng, 4.2)
    regions = ["north", "south", "east", "west", "central"]
    region_w = [0.26, 0.12, 0.22, 0.24, 0.16] if not shifted else [0.20, 0.36, 0.16, 0.17, 0.11]
    region = choice(rng, regions, region_w)
    home = choice(rng, ["RENT", "MORTGAGE", "OWN"], [0.42, 0.41, 0.17])
    purpose = choice(rng, ["debt_consolidation", "credit_card", "home_improvement", "car", "medical", "other"],
                     [0.38, 0.22, 0.12, 0.11, 0.06, 0.11])
    cosigner = choice(rng, ["yes", "no"], [0.08, 0.92])
    z = -3.2 + 0.9 * dti * 4 - (credit_score - 690) / 60 - math.log(income / 52000) + 0.15 * open_accounts / 4
    score = round(1 / (1 + math.exp(-z)), 5)
    values = {
        "age": age, "income": round(income, 2), "loan_amount": loan_amount, "credit_score": credit_score,
        "debt_to_income": dti, "employment_years": employment_years, "open_accounts": open_accounts,
        "region": region, "home_ownership": home, "purpose": purpose, "has_cosigner": cosigner,
        "prediction_score": score,
    }
    if rng.random() < 0.01:
        values["employment_years"] = None
    if rng.random() < 0.005:
        values["income"] = None
    if rng.random() < 0.001:
        values["debt_to_income"] = float("nan")
    return values


def write(name, rows):
    with open(os.path.join(HERE, name + ".csv"), "w", newline="\n") as f:
        f.write(",".join(COLUMNS) + "\n")
        for r in rows:
            cells = []
            for c in COLUMNS:
                v = r[c]
                cells.append("" if v is None else ("NaN" if isinstance(v, float) and math.isnan(v) else str(v)))
            f.write(",".join(cells) + "\n")
    with open(os.path.join(HERE, name + ".jsonl"), "w", newline="\n") as f:
        for r in rows:
            clean = {c: (None if isinstance(r[c], float) and math.isnan(r[c]) else r[c]) for c in COLUMNS}
            f.write(json.dumps(clean, separators=(",", ":")) + "\n")


def main():
    rng = random.Random(20261123)
    write("loans_reference", [row(rng, False) for _ in range(5000)])
    write("loans_current", [row(rng, True) for _ in range(2000)])
    # A small pair (reference <= 1000 rows) shows Evidently's small-sample choice: KS, chi-square, z-test.
    write("loans_reference_small", [row(rng, False) for _ in range(800)])
    write("loans_current_small", [row(rng, True) for _ in range(400)])


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Writes the side-by-side benchmark's inputs: reference.csv and current.csv, ROWS rows each
(default 1,000,000), 20 numeric and 5 categorical columns; current shifts a few of them.

    /usr/bin/python3 bench/compare/generate_data.py [--rows N] [--out DIR]
"""
import argparse
import os

import numpy as np
import pandas as pd


def frame(rng, rows, shifted):
    data = {}
    for i in range(20):
        kind = i % 4
        if kind == 0:
            col = rng.normal(100 + i, 15, rows)
        elif kind == 1:
            col = rng.lognormal(3, 0.6, rows)
        elif kind == 2:
            col = rng.integers(0, 1000, rows).astype(float)
        else:
            col = rng.gamma(2.0, 5.0, rows)
        if shifted and i in (0, 5, 10, 15):
            col = col * 1.15 + 3
        col = np.round(col, 4)
        col[rng.random(rows) < 0.002] = np.nan
        data[f"num_{i:02d}"] = col
    levels = [["a", "b", "c"], ["north", "south", "east", "west"], [f"cat{k}" for k in range(12)],
              ["yes", "no"], [f"seg_{k}" for k in range(40)]]
    for j, values in enumerate(levels):
        p = np.linspace(1, 2, len(values))
        if shifted and j in (1, 4):
            p = p[::-1] ** 2
        p = p / p.sum()
        data[f"cat_{j}"] = rng.choice(values, size=rows, p=p)
    return pd.DataFrame(data)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    rng = np.random.default_rng(7)
    frame(rng, args.rows, False).to_csv(os.path.join(args.out, "reference.csv"), index=False)
    frame(rng, args.rows, True).to_csv(os.path.join(args.out, "current.csv"), index=False)


if __name__ == "__main__":
    main()

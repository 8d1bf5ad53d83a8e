"""Reference values for Vigil's SQuAD v1.1 normalization, exact match and token F1.

Run with Debian's interpreter: /usr/bin/python3 squad_reference.py > ../squad_reference.json

The functions below are the official SQuAD v1.1 evaluation logic (evaluate-v1.1.py, distributed with SQuAD v1.1 by
Rajpurkar et al., 2016; the same text is reproduced in many repositories), kept as published: normalize_answer,
f1_score, exact_match_score, metric_max_over_ground_truths. Only the driver at the bottom is ours.
"""
from collections import Counter
import json
import re
import string
import sys


def normalize_answer(s):
    """Lower text and remove punctuation, articles and extra whitespace."""
    def remove_articles(text):
        return re.sub(r'\b(a|an|the)\b', ' ', text)

    def white_space_fix(text):
        return ' '.join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return ''.join(ch for ch in text if ch not in exclude)

    def lower(text):
        return text.lower()

    return white_space_fix(remove_articles(remove_punc(lower(s))))


def f1_score(prediction, ground_truth):
    prediction_tokens = normalize_answer(prediction).split()
    ground_truth_tokens = normalize_answer(ground_truth).split()
    common = Counter(prediction_tokens) & Counter(ground_truth_tokens)
    num_same = sum(common.values())
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(prediction_tokens)
    recall = 1.0 * num_same / len(ground_truth_tokens)
    f1 = (2 * precision * recall) / (precision + recall)
    return f1


def exact_match_score(prediction, ground_truth):
    return (normalize_answer(prediction) == normalize_answer(ground_truth))


def metric_max_over_ground_truths(metric_fn, prediction, ground_truths):
    scores_for_ground_truths = []
    for ground_truth in ground_truths:
        score = metric_fn(prediction, ground_truth)
        scores_for_ground_truths.append(score)
    return max(scores_for_ground_truths)


# (prediction, ground truth) pairs: articles, ASCII and Unicode punctuation, case, whitespace, empty strings,
# repeated tokens, numbers, non-Latin scripts, combining marks, final sigma, dotted capital I.
PAIRS = [
    ("Denver Broncos", "Denver Broncos"),
    ("the Denver Broncos", "Denver Broncos"),
    ("The Broncos", "broncos"),
    ("a cat", "the cat"),
    ("An apple a day", "apple day"),
    ("anthem", "the anthem"),
    ("theory", "the ory"),
    ("A-n", "an"),
    ("the-end", "end"),
    ("The, the. THE!", ""),
    ("", ""),
    ("", "something"),
    ("something", ""),
    ("   ", "\t\n"),
    ("Santa Clara, California", "Santa Clara"),
    ("Levi's Stadium", "Levis Stadium"),
    ("Levi’s Stadium", "Levis Stadium"),
    ("“quoted” text", "quoted text"),
    ("em—dash", "em dash"),
    ("en–dash", "en dash"),
    ("hyphen-ated", "hyphenated"),
    ("1,000", "1000"),
    ("$1,234.50", "1234.50"),
    ("3.14", "314"),
    ("50%", "50"),
    ("cat cat cat", "cat"),
    ("cat", "cat cat cat"),
    ("cat dog cat", "dog cat dog"),
    ("the cat sat on the mat", "a cat sat on a mat"),
    ("New York City", "new york"),
    ("York New", "New York"),
    ("Saint Bernadette Soubirous", "Saint Bernadette"),
    ("a golden statue of the Virgin Mary", "golden statue"),
    ("Mary", "a copper statue of Christ"),
    ("multiple   spaces\there", "multiple spaces here"),
    ("non\u00a0breaking space", "non breaking space"),
    ("separator\u001fchar", "separator char"),
    ("café", "cafe"),
    ("CAFÉ", "café"),
    ("Ünïcödé", "ünïcödé"),
    ("straße", "STRASSE"),
    ("İstanbul", "istanbul"),
    ("ΟΔΟΣ", "οδος"),
    ("ΟΔΟΣ", "οδοσ"),
    ("ΣΑΣ ΣΟΦΟΣ", "σας σοφος"),
    ("a\u0301 b", "b"),
    ("the\u0301 cat", "cat"),
    ("北京", "北京"),
    ("北京 大学", "北京"),
    ("Москва", "москва"),
    ("the Москва", "Москва"),
    ("under_score", "underscore"),
    ("the_cat", "cat"),
    ("(parenthesized) [bracketed] {braced}", "parenthesized bracketed braced"),
    ("a.b.c", "abc"),
    ("A. B. C.", "b c"),
    ("an an an", ""),
    ("theme the me", "me"),
    ("12\u00b2 the", "12\u00b2"),
    ("x\u00b2the", "x\u00b2the"),
    ("\U0001F600 smile", "smile \U0001F600"),
    ("tab\tand\nnewline", "tab and newline"),
    ("Ⅻ the", "Ⅻ"),
]

MULTI = [
    ("Denver Broncos", ["Denver Broncos", "The Denver Broncos", "Broncos"]),
    ("Broncos", ["Denver Broncos", "the Broncos team"]),
    ("Carolina", ["Denver Broncos", "Broncos"]),
    ("", ["", "something"]),
]

out = {
    "pairs": [
        {
            "prediction": p,
            "truth": t,
            "normalizedPrediction": normalize_answer(p),
            "normalizedTruth": normalize_answer(t),
            "exactMatch": bool(exact_match_score(p, t)),
            "f1": float(f1_score(p, t)),
        }
        for p, t in PAIRS
    ],
    "multi": [
        {
            "prediction": p,
            "truths": ts,
            "exactMatch": bool(metric_max_over_ground_truths(exact_match_score, p, ts)),
            "f1": float(metric_max_over_ground_truths(f1_score, p, ts)),
        }
        for p, ts in MULTI
    ],
}
json.dump(out, sys.stdout, ensure_ascii=True, indent=1)
print()

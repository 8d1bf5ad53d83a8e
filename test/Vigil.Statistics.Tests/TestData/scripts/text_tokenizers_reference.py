"""Reference tokenizations for Vigil's ports of sacreBLEU's 13a tokenizer and rouge-score's default tokenizer.

Run with Debian's interpreter: /usr/bin/python3 text_tokenizers_reference.py > ../text_tokenizers_reference.json

sacreBLEU and rouge-score are not installable here, so this script applies their published regular expressions with
Python's own `re` engine and `str` methods (the independent implementation that the C# ports must agree with):
- sacreBLEU 2.x, sacrebleu/tokenizers/tokenizer_13a.py (Tokenizer13a.__call__) and tokenizer_re.py (TokenizerRegexp),
  preceded by BLEU._preprocess_segment's rstrip() (sacrebleu/metrics/bleu.py);
- rouge-score, rouge/tokenize.py (tokenize with stemmer=None), google-research/google-research.
"""
import json
import re

# tokenizer_re.py: the four substitutions, in order.
_RE_13A = [
    (re.compile(r'([\{-\~\[-\` -\&\(-\+\:-\@\/])'), r' \1 '),
    (re.compile(r'([^0-9])([\.,])'), r'\1 \2 '),
    (re.compile(r'([\.,])([^0-9])'), r' \1 \2'),
    (re.compile(r'([0-9])(-)'), r'\1 \2 '),
]


def tokenize_13a(line):
    line = line.replace('<skipped>', '')
    line = line.replace('-\n', '')
    line = line.replace('\n', ' ')
    if '&' in line:
        line = line.replace('&quot;', '"')
        line = line.replace('&amp;', '&')
        line = line.replace('&lt;', '<')
        line = line.replace('&gt;', '>')
    line = f' {line} '
    for pattern, replacement in _RE_13A:
        line = pattern.sub(replacement, line)
    return ' '.join(line.split())


def tokenize_rouge(text):
    text = text.lower()
    text = re.sub(r"[^a-z0-9]+", " ", text)
    tokens = re.split(r"\s+", text)
    return [x for x in tokens if re.match(r"^[a-z0-9]+$", x)]


INPUTS = [
    "The dog bit the man.",
    "It wasn't surprising.",
    "Hello, world! (test) [x] {y} <z> a/b a\\b",
    "3.14 and 1,000,000 and 3-4 and x-y and 5.a and a.5",
    "U.S.A. e.g. Mr. Smith's",
    "&quot;quoted&quot; &amp; &lt;tag&gt; &apos; &amp;amp;",
    "line one-\nline two\nline three",
    "<skipped> text <skipped>",
    "trailing spaces   \t",
    "  multiple    spaces\u00a0nbsp\u2003em\u001fsep\u0085next ",
    "\u00dcn\u00efc\u00f6d\u00e9 caf\u00e9 \u2014 \u201cquotes\u201d \u2018single\u2019 \u2026",
    "\u0130stanbul KELVIN\u212a \u039f\u0394\u039f\u03a3 \u03a3\u0391\u03a3",
    "emoji \U0001F600. ok,\U0001F600 \U0001F600-1 1-\U0001F600",
    "100% $5.00 #tag @user ~tilde ^caret _under `back` |pipe",
    "price: 1,234.50-2,000.75.",
    "a..b ,, ., 1..2 1,,2",
    "",
    "tab\tseparated\r\nwindows",
    "Numbers: 1.5, 2.5. End",
    "x.y.z 1.2.3 a,b,c 1,2,3",
    "\ufb01 ligature and \uff21\uff22\uff23 fullwidth \u2167 roman",
    "d'Artagnan l'homme rock'n'roll",
    "e-mail co-operate 2-3-4 -5 5- --",
    "producţia de zahăr brut se exprimă în zahăr alb;",
    "Producția de zahăr primă va fi exprimată în ceea ce privește zahărul alb;",
    "a\u0301 combining and Z\u0308 and 12\u00b2",
]

json.dump(
    [{"input": s, "tok13a": tokenize_13a(s.rstrip()), "rouge": tokenize_rouge(s)} for s in INPUTS],
    __import__("sys").stdout, ensure_ascii=True, indent=1)
print()

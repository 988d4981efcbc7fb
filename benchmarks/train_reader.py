"""Learn the weights of the reader of clauses with no cue (tracker/extraction/reader.py) from
the development part of the corpus, then compare the cues alone with cues and reader.

Usage: python benchmarks/train_reader.py [--write] [--cv]
(needs scikit-learn: pip install -e '.[model]')

Every clause of the development articles, cued, blocked or with no cue, is an example: a pledge
when it overlaps an annotated `must_find` quote, not one when it overlaps none, left out when it
only overlaps a `may_find` border case. So the model learns what a pledge reads like from all
400-odd annotated pledges, not only from the few the cues missed. Features seen in only one
article are dropped (they name that article, not a way of pledging). A logistic regression
(C=0.3) is fitted. Its settings were chosen on development articles only, by cross-validation
grouped by article: C and a first threshold (0.6, best F1) on the first 122, before it was first
scored on the set-aside part; vetting clauses marked only by "will" (not "would", which lost a
pledge) on the first 182; and, last, the operating point: the threshold for a clause with no cue
and for one marked by "will" that give the most recall while cross-validated precision stays at
0.80 or more (the issue asks for recall 0.85 and precision 0.75 on unseen text, and precision
has dropped by about 0.05 from development to unseen). On 301 articles that rule gave 0.45 and
0.1; refitted on 333 (round 20 added), by the same rule, 0.5 and 0.05.
`--cv` repeats that cross-validation; `--write` stores the weights in
tracker/extraction/cueless_weights.json, which `track extract` reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from extraction import Article, corpus, overlaps, score, spans_of, total  # noqa: E402

from tracker.extraction import reader  # noqa: E402
from tracker.extraction.candidates import all_aliases, extract  # noqa: E402
from tracker.extraction.sentences import Span  # noqa: E402

C = 0.3
THRESHOLD = 0.5
VET_THRESHOLD = 0.05
MIN_ARTICLES = 2


class _Recorder:
    """A judge that notes every clause it is shown, with its features, and accepts none."""

    def __init__(self) -> None:
        self.clauses: list[tuple[tuple[int, int], dict[str, float]]] = []

    def judge(
        self, text: str, sentence: Span, quote: Span, has_time: bool, read: bool, cue: str
    ) -> bool:
        self.clauses.append(
            ((quote.start, quote.end), reader.features(text, sentence, quote, has_time, read))
        )
        return False


def examples(articles: list[Article]) -> tuple[list[dict[str, float]], list[int], list[str]]:
    rows, labels, groups = [], [], []
    for article in articles:
        text = article.text
        seen = _Recorder()
        extract(text, "a.txt", article.published, all_aliases([text]), seen.judge, True)
        pledges = [s for p in article.pledges for s in spans_of(text, p["quote"])]
        border = [s for q in article.border for s in spans_of(text, q)]
        for here, found in seen.clauses:
            if any(overlaps(p, here) for p in pledges):
                label = 1
            elif any(overlaps(b, here) for b in border):
                continue
            else:
                label = 0
            rows.append(found)
            labels.append(label)
            groups.append(article.name)
    return rows, labels, groups


def fit(articles: list[Article]) -> reader.Reader:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels, groups = examples(articles)
    where: dict[str, set[str]] = defaultdict(set)
    for row, group in zip(rows, groups, strict=True):
        for name in row:
            where[name].add(group)
    common = [{k: v for k, v in row.items() if len(where[k]) >= MIN_ARTICLES} for row in rows]
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=3000).fit(vectorizer.fit_transform(common), labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
        if round(float(w), 4)
    }
    bias = round(float(model.intercept_[0]), 4)
    return reader.Reader(weights, bias, THRESHOLD, VET_THRESHOLD)


def figures(articles: list[Article], judge: object) -> str:
    scores = [
        score(
            a, extract(a.text, f"articles/{a.name}.txt", a.published, all_aliases([a.text]), judge)
        )  # type: ignore[arg-type]
        for a in articles
    ]
    t = total(scores)
    return (
        f"recall {t.found}/{t.pledges} = {t.recall:.2f}, precision {t.correct}/{t.proposals} = "
        f"{t.precision:.2f}, F1 {t.f1:.2f}, due {t.dated_right}/{t.dated} = {t.due_accuracy:.2f}"
    )


def cross_validate(articles: list[Article]) -> str:
    """Each fifth of the articles read by a reader fitted on the other four fifths."""
    folds = [articles[i::5] for i in range(5)]
    scores = []
    for i, fold in enumerate(folds):
        fitted = fit([a for j, f in enumerate(folds) if j != i for a in f])
        for a in fold:
            found = extract(a.text, "a.txt", a.published, all_aliases([a.text]), fitted.accepts)
            scores.append(score(a, found))
    t = total(scores)
    return (
        f"recall {t.found}/{t.pledges} = {t.recall:.2f}, precision {t.correct}/{t.proposals} = "
        f"{t.precision:.2f}, due {t.dated_right}/{t.dated} = {t.due_accuracy:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the weights")
    parser.add_argument("--cv", action="store_true", help="cross-validate on development")
    args = parser.parse_args()
    dev, held = corpus("dev"), corpus("held-out")
    fitted = fit(dev)
    print(f"{len(dev)} development articles; {len(fitted.weights)} weights")
    if args.cv:
        print(f"development, cross-validated, cues and reader: {cross_validate(dev)}")
    for name, part in (("development", dev), ("set aside", held)):
        print(f"{name:12} cues alone     : {figures(part, reader.never)}")
        print(f"{name:12} cues and reader: {figures(part, fitted.accepts)}")
    if args.write:
        data = {
            "bias": fitted.bias,
            "threshold": fitted.threshold,
            "vet_threshold": fitted.vet_threshold,
            "weights": fitted.weights,
        }
        reader.WEIGHTS.write_text(
            json.dumps(data, indent=0, sort_keys=True, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {reader.WEIGHTS}")


if __name__ == "__main__":
    main()

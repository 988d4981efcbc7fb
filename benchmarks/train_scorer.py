"""Learn the weights of the candidate scorer from the development part of the corpus, then
compare it with the rules on both parts.

Usage: python benchmarks/train_scorer.py [--write]   (needs scikit-learn: pip install scikit-learn)

Every clause with a cue (blocked ones too) is a training example: a pledge when it overlaps an
annotated `must_find` quote, not a pledge when it overlaps none, left out when it only overlaps
a `may_find` border case. A logistic regression is fitted on the development articles only;
its regularisation and threshold are chosen by cross-validation grouped by article, so no
article scores itself. The set-aside articles are only scored, as totals. `--write` stores the
weights in benchmarks/scorer.json, the small file `scoring.Scorer.load` reads.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from extraction import Article, corpus, overlaps, score, span_of, total  # noqa: E402
from scoring import WEIGHTS, Scorer, features  # noqa: E402

from tracker.extraction.candidates import all_aliases, extract  # noqa: E402
from tracker.extraction.sentences import sentences  # noqa: E402

ACCEPT_ALL = Scorer({}, 50.0, 0.5)  # keeps every clause with a cue


def examples(articles: list[Article]) -> tuple[list[dict[str, float]], list[int], list[str]]:
    rows, labels, groups = [], [], []
    for article in articles:
        text = article.text
        pledges = [span_of(text, p["quote"]) for p in article.pledges]
        border = [span_of(text, q) for q in article.border]
        spans = sentences(text)
        for c in extract(text, "a.txt", article.published, all_aliases([text]), ACCEPT_ALL.keep):
            here = (c.start, c.end)
            sentence = next((s for s in spans if s.start <= c.start < s.end), (c.start, c.end))
            cue = _cue_of(text, c)
            row = features(
                text, tuple(sentence), here, cue, bool(c.due_phrase), c.deadline is not None
            )
            if any(overlaps(p, here) for p in pledges):
                label = 1
            elif any(overlaps(b, here) for b in border):
                continue
            else:
                label = 0
            rows.append(row)
            labels.append(label)
            groups.append(article.name)
    return rows, labels, groups


def _cue_of(text: str, candidate: object) -> tuple[str, int, int]:
    """The candidate's cue and where it is in the document."""
    return candidate.cue, candidate.cue_start, candidate.cue_end  # type: ignore[attr-defined]


def evaluate(articles: list[Article], scorer: Scorer | None) -> tuple[float, float, float, str]:
    scores = []
    for a in articles:
        keep = scorer.keep if scorer else None
        found = extract(a.text, f"articles/{a.name}.txt", a.published, all_aliases([a.text]), keep)
        scores.append(score(a, found))
    t = total(scores)
    text = (
        f"recall {t.found}/{t.pledges} = {t.recall:.2f}, precision {t.correct}/{t.proposals} = "
        f"{t.precision:.2f}, F1 {t.f1:.2f}, due {t.dated_right}/{t.dated} = {t.due_accuracy:.2f}"
    )
    return t.recall, t.precision, t.f1, text


def main() -> None:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="store the weights")
    args = parser.parse_args()
    dev, held = corpus("dev"), corpus("held-out")
    rows, labels, groups = examples(dev)
    vectorizer = DictVectorizer(sparse=False)
    x = vectorizer.fit_transform(rows)
    best = None
    for c in (0.1, 0.3, 1.0, 3.0):
        probabilities = [0.0] * len(labels)
        for train, test in GroupKFold(n_splits=5).split(x, labels, groups):
            model = LogisticRegression(C=c, max_iter=2000).fit(x[train], [labels[i] for i in train])
            for i, p in zip(test, model.predict_proba(x[test])[:, 1], strict=True):
                probabilities[i] = p
        for threshold in (0.3, 0.4, 0.5, 0.6):
            kept = [p >= threshold for p in probabilities]
            tp = sum(1 for k, y in zip(kept, labels, strict=True) if k and y)
            precision = tp / max(1, sum(kept))
            recall = tp / max(1, sum(labels))
            f1 = 2 * precision * recall / max(1e-9, precision + recall)
            if best is None or f1 > best[0]:
                best = (f1, c, threshold)
    assert best is not None
    _, c, threshold = best
    model = LogisticRegression(C=c, max_iter=2000).fit(x, labels)
    weights = {
        name: round(float(w), 4)
        for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
    }
    scorer = Scorer(weights, round(float(model.intercept_[0]), 4), threshold)
    print(f"{len(labels)} development clauses, {sum(labels)} pledges; C={c}, threshold={threshold}")
    for name, part in (("development", dev), ("set aside", held)):
        print(f"{name:12} rules : {evaluate(part, None)[3]}")
        print(f"{name:12} scorer: {evaluate(part, scorer)[3]}")
    if args.write:
        WEIGHTS.write_text(
            json.dumps(
                {"bias": scorer.bias, "threshold": threshold, "weights": weights},
                indent=1,
                sort_keys=True,
            )
            + "\n",
            encoding="utf-8",
        )
        print(f"wrote {WEIGHTS}")


if __name__ == "__main__":
    main()

"""The search evaluation's metrics on hand-computed examples, and the query set's shape."""

import importlib.util
import math
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("search_eval", ROOT / "bench" / "search_eval.py")
search_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(search_eval)

JUDGED = {"a": 3, "b": 2, "c": 1}


def test_perfect_ranking_scores_one():
    assert search_eval.ndcg(["a", "b", "c", "x"], JUDGED) == pytest.approx(1.0)
    assert search_eval.recall(["a", "b", "c"], JUDGED) == 1.0
    assert search_eval.reciprocal_rank(["a", "b", "c"], JUDGED) == 1.0


def test_imperfect_ranking_matches_hand_computation():
    # DCG of c, x, a: 1/log2(2) + 0 + 3/log2(4) = 2.5; ideal a, b, c: 3 + 2/log2(3) + 1/2.
    expected = 2.5 / (3 + 2 / math.log2(3) + 0.5)
    assert search_eval.ndcg(["c", "x", "a"], JUDGED) == pytest.approx(expected)
    assert expected == pytest.approx(0.525, abs=1e-3)
    assert search_eval.recall(["c", "x", "a"], JUDGED) == pytest.approx(2 / 3)
    assert search_eval.reciprocal_rank(["x", "y", "b"], JUDGED) == pytest.approx(1 / 3)


def test_only_the_top_ten_count():
    ranking = [f"x{i}" for i in range(10)] + ["a", "b", "c"]
    assert search_eval.ndcg(ranking, JUDGED) == 0.0
    assert search_eval.recall(ranking, JUDGED) == 0.0
    assert search_eval.reciprocal_rank(ranking, JUDGED) == 0.0


def test_query_set_is_well_formed():
    queries = search_eval.load_queries(search_eval.QUERIES)
    assert len(queries) >= 40
    ids = [q["id"] for q in queries]
    assert len(ids) == len(set(ids))
    kinds = {"keyword", "paraphrase", "entity", "nynorsk", "english", "syntax"}
    for query in queries:
        assert query["text"].strip() and query["kind"] in kinds, query
        assert query["relevant"], query["id"]
        for path, grade in query["relevant"].items():
            assert (ROOT / path).is_file(), (query["id"], path)
            assert grade in (1, 2, 3), (query["id"], path, grade)

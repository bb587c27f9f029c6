"""The transparent model: weighted sums of the rulebook's indicators, turned into 0-100 scores.

score = 100 * (1 - exp(-sum / K)), where sum adds the weight of each indicator that fired in an
ad (each once), or weight * value (0..1) of each network feature. Each indicator's contribution
is its share of the sum times the score, so the contributions add up to the score exactly.
"""

from __future__ import annotations

import math
from typing import Any

from clew.score.features import NetworkFeatures
from clew.score.rulebook import Match, Rulebook

MODEL = "transparent-v1"
#: the sum of weights at which a score reaches 63; three strong cues put an ad at about 80
K_AD = 5.0
#: the same for networks, whose features add up over more figures
K_NETWORK = 7.0


def saturate(total: float, k: float) -> float:
    return 100.0 * (1.0 - math.exp(-max(0.0, total) / k))


def score_matches(rulebook: Rulebook, matches: list[tuple[str, Match]]) -> tuple[float, list[dict[str, Any]]]:
    """Score and explanation of one ad from its (field, match) pairs."""
    by_indicator: dict[str, list[tuple[str, Match]]] = {}
    for fld, m in matches:
        by_indicator.setdefault(m.indicator_id, []).append((fld, m))
    total = sum(rulebook.indicators[i].weight for i in by_indicator)
    score = saturate(total, K_AD)
    explanation = []
    for ind_id, found in sorted(by_indicator.items(), key=lambda kv: (-rulebook.indicators[kv[0]].weight, kv[0])):
        ind = rulebook.indicators[ind_id]
        explanation.append({
            "id": ind.id, "name": ind.name, "category": ind.category,
            "contribution": round(score * ind.weight / total, 2) if total else 0.0,
            "weight": ind.weight,
            "evidence": [{"field": fld, "start": m.start, "end": m.end, "text": m.text} for fld, m in found],
        })
    return round(score, 2), explanation


def score_network(rulebook: Rulebook, feats: NetworkFeatures) -> tuple[float, list[dict[str, Any]]]:
    """Score and explanation of one network from its features and the weights in the rulebook."""
    parts = []
    for fid, fv in feats.values.items():
        ind = rulebook.features.get(fid)
        if ind is None:
            continue
        parts.append((ind, fv, ind.weight * fv.value))
    total = sum(p for _, _, p in parts)
    score = saturate(total, K_NETWORK)
    explanation = []
    for ind, fv, part in sorted(parts, key=lambda x: (-x[2], x[0].id)):
        explanation.append({
            "id": ind.id, "name": ind.name, "category": "network",
            "contribution": round(score * part / total, 2) if total else 0.0,
            "value": fv.value, "weight": ind.weight, "detail": fv.detail, "evidence": fv.evidence,
        })
    return round(score, 2), explanation

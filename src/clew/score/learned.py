"""The learned model: logistic regression over the network features, fitted to analysts' labels.

Stored as plain numbers (feature names, means, scales, coefficients, intercept), never as a pickle,
so every score it gives splits into per-feature contributions an analyst can read: each feature's
log-odds, and the points the score would lose without it. The transparent model stays the fallback.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from clew.errors import InputError
from clew.score.features import FEATURES, NetworkFeatures
from clew.score.rulebook import Rulebook

KIND = "logistic-v1"
#: labels of each class needed before a model is trained
MIN_PER_CLASS = 3


@dataclass(slots=True, frozen=True)
class LearnedModel:
    id: int
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    coef: tuple[float, ...]
    intercept: float

    @property
    def name(self) -> str:
        return f"learned-{self.id}"

    def parameters(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": list(self.mean), "scale": list(self.scale),
                "coef": list(self.coef), "intercept": self.intercept}

    @classmethod
    def from_parameters(cls, model_id: int, p: dict[str, Any]) -> LearnedModel:
        return cls(model_id, tuple(p["features"]), tuple(p["mean"]), tuple(p["scale"]), tuple(p["coef"]),
                   float(p["intercept"]))

    def score(self, rulebook: Rulebook, feats: NetworkFeatures) -> tuple[float, list[dict[str, Any]]]:
        x = feats.vector(self.features)
        parts = [c * (v - m) / s for c, v, m, s in zip(self.coef, x, self.mean, self.scale, strict=True)]
        logit = self.intercept + sum(parts)
        prob = _sigmoid(logit)
        explanation = []
        for fid, part in sorted(zip(self.features, parts, strict=True), key=lambda t: (-t[1], t[0])):
            fv = feats.values.get(fid)
            ind = rulebook.features.get(fid)
            explanation.append({
                "id": fid, "name": ind.name if ind else fid, "category": "network",
                # points the score would lose if this feature sat at the labelled networks' average
                "contribution": round(100 * (prob - _sigmoid(logit - part)), 2),
                "log_odds": round(part, 3), "value": fv.value if fv else 0.0,
                "detail": fv.detail if fv else "", "evidence": fv.evidence if fv else [],
            })
        return round(100 * prob, 2), explanation


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1 / (1 + math.exp(-z))
    e = math.exp(z)
    return e / (1 + e)


def _check(y: list[int]) -> None:
    pos, neg = sum(y), len(y) - sum(y)
    if pos < MIN_PER_CLASS or neg < MIN_PER_CLASS:
        raise InputError(
            f"a model needs at least {MIN_PER_CLASS} networks labelled 'trafficking' and {MIN_PER_CLASS} "
            f"labelled 'not' (have {pos} and {neg}): label more with `clew label network ID trafficking|not`"
        )


def _pipeline() -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000))


def fit(x: list[list[float]], y: list[int], model_id: int = 0) -> LearnedModel:
    """Fit the model to feature rows ``x`` and labels ``y`` (1 trafficking, 0 not)."""
    _check(y)
    pipe = _pipeline().fit(np.asarray(x, dtype=float), np.asarray(y))
    scaler, lr = pipe[0], pipe[-1]
    scale = [float(s) if s > 0 else 1.0 for s in scaler.scale_]
    return LearnedModel(model_id, FEATURES, tuple(float(m) for m in scaler.mean_), tuple(scale),
                        tuple(float(c) for c in lr.coef_[0]), float(lr.intercept_[0]))


def evaluate(x: list[list[float]], y: list[int], transparent: list[float]) -> dict[str, Any]:
    """Cross-validated average precision and calibration of the learned model, beside the transparent one's AP."""
    from sklearn.calibration import calibration_curve
    from sklearn.metrics import average_precision_score, brier_score_loss
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    _check(y)
    folds = min(5, sum(y), len(y) - sum(y))
    cv = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    xa, ya = np.asarray(x, dtype=float), np.asarray(y)
    prob = cross_val_predict(_pipeline(), xa, ya, cv=cv, method="predict_proba")[:, 1]
    bins = min(5, max(2, len(y) // 10))
    observed, predicted = calibration_curve(ya, prob, n_bins=bins, strategy="quantile")
    return {
        "labels": len(y), "positives": int(ya.sum()), "folds": folds,
        "average_precision": round(float(average_precision_score(ya, prob)), 4),
        "transparent_average_precision": round(float(average_precision_score(ya, np.asarray(transparent))), 4),
        "base_rate": round(float(ya.mean()), 4),
        "brier": round(float(brier_score_loss(ya, prob)), 4),
        "calibration": [{"predicted": round(float(p), 3), "observed": round(float(o), 3)}
                        for p, o in zip(predicted, observed, strict=True)],
    }

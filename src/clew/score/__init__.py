"""Scoring: the indicator rulebook, ad and network scores with their explanations, movement, learned model.

Every score Clew shows comes with the indicators that fired, their evidence and contributions.
"""

from clew.score.labels import (
    LABELS,
    Label,
    TrainResult,
    evaluate_model,
    label_network,
    network_labels,
    train_model,
    use_transparent,
)
from clew.score.leads import AdScore, Lead, ad_score, export_networks, leads, network_lead
from clew.score.movement import Movement, Stay, movement
from clew.score.rulebook import Indicator, Match, Rulebook, default_rulebook, load_rulebook
from clew.score.stage import ScoreSummary, active_model, update_scores

__all__ = [
    "LABELS",
    "AdScore",
    "Indicator",
    "Label",
    "Lead",
    "Match",
    "Movement",
    "Rulebook",
    "ScoreSummary",
    "Stay",
    "TrainResult",
    "active_model",
    "ad_score",
    "default_rulebook",
    "evaluate_model",
    "export_networks",
    "label_network",
    "leads",
    "load_rulebook",
    "movement",
    "network_labels",
    "network_lead",
    "train_model",
    "update_scores",
    "use_transparent",
]

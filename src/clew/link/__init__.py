"""Linking ads into networks: shared identifiers, near-duplicate text and templates, near-identical images.

Every network is stored with the evidence for each of its edges, so an investigator sees why each ad belongs.
"""

from clew.link.identifiers import HubIdentifier, set_identifier_rule
from clew.link.networks import (
    LinkSummary,
    NetworkExplanation,
    explain_network,
    export_networks,
    hub_identifiers,
    list_networks,
    update_networks,
)
from clew.link.templates import Template

__all__ = [
    "HubIdentifier",
    "LinkSummary",
    "NetworkExplanation",
    "Template",
    "explain_network",
    "export_networks",
    "hub_identifiers",
    "list_networks",
    "set_identifier_rule",
    "update_networks",
]

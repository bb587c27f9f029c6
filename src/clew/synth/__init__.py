"""Synthetic corpus: escort-style ads by planted operators, with an exact truth file.

Clew never uses real ads, real phone numbers or pictures of real people; every demo, test and
benchmark corpus comes from here, and every later stage is measured against its truth.
"""

from clew.synth.generator import GenerateSummary, generate, iter_ads

__all__ = ["GenerateSummary", "generate", "iter_ads"]

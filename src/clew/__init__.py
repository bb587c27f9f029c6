"""Clew: turn streams of online ads into leads an investigator can act on and defend."""

__version__ = "0.1.0"

"""CLI commands of the Networks stage for analyst overrides: block or allow an identifier in linking."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

_IDENTIFIER = typer.Argument(help="KIND:VALUE as `clew hubs` lists it, e.g. phone:+18005550199")
_NOTE = typer.Option("--note", help="Why, for the next analyst (kept with the rule).")


def register(app: typer.Typer) -> None:
    """Add ``clew block``, ``clew allow`` and ``clew unblock`` to the ``clew`` app."""
    from clew.cli import clew_errors, console, open_store

    def _rule(identifier: str, rule: str, note: str, said: str) -> None:
        from clew.link import set_identifier_rule

        with clew_errors(), open_store() as store:
            set_identifier_rule(store, identifier, rule, note)
        console.print(f"{escape(identifier)}: {said}; run `clew analyze` to relink")

    @app.command()
    def block(identifier: Annotated[str, _IDENTIFIER], note: Annotated[str, _NOTE] = "") -> None:
        """Never link ads through IDENTIFIER (a site's support line, a placeholder, a switchboard)."""
        _rule(identifier, "block", note, "blocked: it links no ads")

    @app.command()
    def allow(identifier: Annotated[str, _IDENTIFIER], note: Annotated[str, _NOTE] = "") -> None:
        """Always link ads through IDENTIFIER, even when it looks like a hub (checked by hand)."""
        _rule(identifier, "allow", note, "allowed: it links its ads even if it looks like a hub")

    @app.command()
    def unblock(identifier: Annotated[str, _IDENTIFIER]) -> None:
        """Drop the block or allow rule on IDENTIFIER: hub detection decides again."""
        _rule(identifier, "clear", "", "rule removed")

"""CLI commands of the scoring stage: leads, score, label, model, movement (registered on ``clew``)."""

from __future__ import annotations

import json
import sys
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, default=str) + "\n")


def _contribution_table(indicators: list[dict[str, Any]], unit: str = "points") -> Table:
    learned = any("log_odds" in ind for ind in indicators)
    # a learned score near 0 or 100 moves little when one feature is taken away: show its log-odds too
    table = Table("indicator", unit, *(["log-odds"] if learned else []), "why", "evidence")
    for ind in indicators:
        evidence = ind.get("evidence") or []
        shown = []
        for e in evidence[:4]:
            if "text" in e:
                shown.append(f"ad {e['ad_id']}: '{e['text']}'" if "ad_id" in e else f"{e.get('field', '')}: '{e['text']}'")
            elif "identifier" in e:
                shown.append(str(e["identifier"]))
            elif "city" in e and "hourly" in e:
                shown.append(f"ad {e['ad_id']}: {e['hourly']} vs {e['city_median']} in {e['city']}")
            elif "city" in e:
                shown.append(f"{e['city']} ({e['ads']} ads)")
            elif "template" in e:
                shown.append(str(e["template"]))
        table.add_row(escape(ind.get("name", ind["id"])), f"{ind['contribution']:+.1f}",
                      *([f"{ind.get('log_odds', 0.0):+.2f}"] if learned else []),
                      escape(str(ind.get("detail") or ind.get("category", ""))), escape("; ".join(shown)))
    return table


def register(app: typer.Typer) -> None:
    """Add the scoring commands to the ``clew`` app."""
    from clew.cli import clew_errors, console, open_store

    label_app = typer.Typer(help="Record analysts' judgements (labels train the learned model).", no_args_is_help=True)
    app.add_typer(label_app, name="label")
    model_app = typer.Typer(help="The learned lead model: train it on labels, evaluate it, or turn it off.",
                            no_args_is_help=True)
    app.add_typer(model_app, name="model")

    @app.command()
    def leads(
        top: Annotated[int, typer.Option("--top", help="How many leads.")] = 20,
        min_size: Annotated[int, typer.Option("--min-size", help="Only networks of at least this many ads.")] = 2,
        json_out: Annotated[bool, typer.Option("--json", help="One JSON object per line, with every reason.")] = False,
    ) -> None:
        """Networks ranked by lead score, each with the reasons for its score."""
        from clew.score import leads as ranked

        with clew_errors(), open_store() as store:
            found = ranked(store, top, min_size=min_size)
        if json_out:
            for lead in found:
                _json(lead.as_dict())
            return
        if not found:
            console.print("no scored networks yet: run clew analyze")
            return
        table = Table("network", "score", "ads", "cities", "reasons")
        for lead in found:
            table.add_row(escape(lead.network_id), f"{lead.score:.0f}", str(lead.size), escape(", ".join(lead.cities[:4])),
                          escape("\n".join(lead.reasons())))
        console.print(table)
        console.print(f"model: {escape(found[0].model)} · `clew score ID` explains one lead in full")

    @app.command("score")
    def score_command(
        subject: Annotated[str, typer.Argument(help="A network id (net-…) or an ad id (a number).")],
        json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Explain one score: every indicator, its contribution and its evidence."""
        from clew.score import ad_score, network_lead

        with clew_errors(), open_store() as store:
            if subject.isdigit():
                found: Any = ad_score(store, int(subject))
            else:
                found = network_lead(store, subject)
        if json_out:
            _json(found.as_dict())
            return
        if subject.isdigit():
            console.print(f"[bold]ad {found.ad_id}[/]: score {found.score:.0f} of 100 ({escape(found.model)})")
        else:
            console.print(f"[bold]network {escape(found.network_id)}[/]: score {found.score:.0f} of 100 "
                          f"({escape(found.model)}; transparent model {found.transparent_score:.0f}) · {found.size} ads")
        console.print(_contribution_table(found.indicators) if found.indicators else "no indicator fired")

    @label_app.command("network")
    def label_network_command(
        network_id: Annotated[str, typer.Argument(help="A network id from clew leads or clew networks.")],
        label: Annotated[str, typer.Argument(help="trafficking, not or unsure.")],
        note: Annotated[str | None, typer.Option("--note", help="Why: what the analyst saw.")] = None,
        by: Annotated[str, typer.Option("--by", help="Who labels.")] = "local",
    ) -> None:
        """Label a network trafficking, not or unsure."""
        from clew.score import label_network

        with clew_errors(), open_store() as store:
            saved = label_network(store, network_id, label, note=note, by=by)
        console.print(f"labelled {escape(saved.network_id)} ({saved.ads} ads) {escape(saved.label)} · "
                      "`clew model train` learns from labels")

    @model_app.command("train")
    def model_train(json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
        """Train the learned model on the labels, make it the one that scores, and rescore every network."""
        from clew.score import train_model

        with clew_errors(), open_store() as store:
            result = train_model(store)
        if json_out:
            _json(result.as_dict())
            return
        m = result.metrics
        console.print(f"trained {escape(result.model)} on {m['labels']} labels ({m['positives']} trafficking); "
                      f"cross-validated AP {m['average_precision']:.3f} (transparent model {m['transparent_average_precision']:.3f}); "
                      f"rescored {result.rescored.networks_scored:,} networks")
        table = Table("feature", "coefficient (per standard deviation)")
        for name, coef in sorted(result.coefficients.items(), key=lambda kv: -abs(kv[1])):
            table.add_row(escape(name), f"{coef:+.3f}")
        console.print(table)

    @model_app.command("evaluate")
    def model_evaluate(json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
        """Cross-validated average precision and calibration of a model trained on the current labels."""
        from clew.score import evaluate_model

        with clew_errors(), open_store() as store:
            m = evaluate_model(store)
        if json_out:
            _json(m)
            return
        console.print(f"{m['labels']} labelled networks ({m['positives']} trafficking, base rate {m['base_rate']:.2f}), "
                      f"{m['folds']}-fold cross-validation")
        console.print(f"average precision: learned {m['average_precision']:.3f} · transparent {m['transparent_average_precision']:.3f}"
                      f" · Brier score {m['brier']:.3f}")
        table = Table("predicted (mean)", "observed (share trafficking)")
        for b in m["calibration"]:
            table.add_row(f"{b['predicted']:.2f}", f"{b['observed']:.2f}")
        console.print(table)

    @model_app.command("off")
    def model_off() -> None:
        """Stop using the learned model: the transparent model scores every network again."""
        from clew.score import use_transparent

        with clew_errors(), open_store() as store:
            done = use_transparent(store)
        console.print(f"the transparent model scores again; rescored {done.networks_scored:,} networks")

    @app.command()
    def movement(
        subject: Annotated[str, typer.Argument(help="A network id (net-…) or an identifier (phone:+1…, email:…).")],
        json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    ) -> None:
        """Where a network or identifier was advertised over time, and the circuit it ran."""
        from clew.score import movement as run

        with clew_errors(), open_store() as store:
            found = run(store, subject)
        if json_out:
            _json(found.as_dict())
            return
        console.print(escape(found.explanation))
        table = Table("city", "first seen", "last seen", "ads")
        for s in found.stays:
            table.add_row(escape(s.city), f"{s.first_seen:%Y-%m-%d %H:%M}", f"{s.last_seen:%Y-%m-%d %H:%M}", str(len(s.ads)))
        if found.stays:
            console.print(table)
        if found.undated_ads:
            console.print(f"{found.undated_ads} ads without a date or a known city are left out")

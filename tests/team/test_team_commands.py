"""The team server's commands: users, tokens, audit list/export, purge, backup and restore; each
change they make is in the audit trail."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from clew.cli import app
from clew.store import Store
from clew.team import accounts, audit


def test_admin_commands_and_their_audit_trail(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'clew.db'}"
    run = CliRunner().invoke

    def ok(*args: str, input: str | None = None) -> str:
        result = run(app, ["--db", url, *args], input=input)
        assert result.exit_code == 0, result.output
        return " ".join(result.output.split())

    assert "local mode" in ok("users", "list")
    assert "password (shown once)" in ok("users", "bootstrap", "chief")
    assert run(app, ["--db", url, "users", "bootstrap"]).exit_code == 2  # only the first admin
    ok("users", "add", "ana", "--role", "viewer", "--password-stdin", input="a long enough password\n")
    assert run(app, ["--db", url, "users", "add", "bob", "--role", "king"]).exit_code == 2
    ok("users", "set-role", "ana", "analyst")
    token_out = ok("tokens", "add", "ana", "--name", "nightly", "--scope", "write")
    value = next(w for w in token_out.split() if w.startswith(accounts.TOKEN_PREFIX))
    assert "nightly" in ok("tokens", "list") and value not in ok("tokens", "list")
    ok("tokens", "revoke", "1")
    ok("users", "disable", "ana")
    listed = [json.loads(line) for line in ok("users", "list", "--json").replace("} {", "}\n{").splitlines()]
    assert {(u["name"], u["role"], u["active"]) for u in listed} == {("chief", "admin", True), ("ana", "analyst", False)}
    assert "would purge 0 ads" in ok("purge", "--older-than", "30", "--dry-run")
    assert "backed up" in ok("backup", str(tmp_path / "copy.db"))
    ok("audit", "export", "-o", str(tmp_path / "audit.jsonl"))
    with Store.open(url) as store:
        actions = [e.action for e in audit.events(store)]
        assert audit.verify(store).ok
    assert actions == ["user_add", "user_add", "user_set_role", "token_add", "token_revoke", "user_disable",
                       "purge_dry_run", "backup", "export_audit"]
    exported = (tmp_path / "audit.jsonl").read_text().splitlines()
    assert len(exported) == 8 and "a long enough password" not in "".join(exported)
    restored = f"sqlite:///{tmp_path / 'restored.db'}"
    assert "restored" in " ".join(run(app, ["--db", restored, "restore", str(tmp_path / "copy.db")]).output.split())
    with Store.open(restored) as store:
        assert [u.name for u in accounts.list_users(store)] == ["ana", "chief"]


def test_demo_admin_is_made_once(tmp_path: Path) -> None:
    import io

    from rich.console import Console

    from clew.team.commands import demo_admin

    url = f"sqlite:///{tmp_path / 'demo.db'}"
    first, second = io.StringIO(), io.StringIO()
    demo_admin(url, Console(file=first, width=200))
    demo_admin(url, Console(file=second, width=200))
    password = first.getvalue().split("one-time password ")[1].split()[0]
    with Store.open(url) as store:
        assert accounts.authenticate(store, "admin", password).role == "admin"
    assert "has accounts already" in second.getvalue()

"""The team server's commands: ``clew users``, ``clew tokens``, ``clew audit``, ``clew purge``,
``clew backup`` and ``clew restore``. Every change they make is written to the audit trail as
"cli:<operating-system user>".
"""

from __future__ import annotations

import getpass
import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from clew.errors import ClewError
from clew.store import Store
from clew.team import accounts, audit, backup, retention

console = Console()
err = Console(stderr=True, soft_wrap=True)

users_app = typer.Typer(help="Accounts of a team server: add, list, disable, enable, set-role, set-password.",
                        no_args_is_help=True)
tokens_app = typer.Typer(help="API tokens for scripts: add, list, revoke.", no_args_is_help=True)
audit_app = typer.Typer(help="The audit trail: verify its chain, list and export its events.", no_args_is_help=True)


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli"


def _fail(message: str, code: int = 2) -> typer.Exit:
    from clew.cli import fail  # late: clew.cli registers these commands as it loads

    return fail(message, code)


def _store(ctx: typer.Context) -> Store:
    from clew.cli import open_store

    return open_store()


def _note(store: Store, action: str, target: str, **detail: object) -> None:
    audit.record(store, _actor(), action, target, address="local", detail=dict(detail))


def demo_admin(url: str, out: Console) -> None:
    """``clew demo --admin``: a local admin named "admin" with a one-time password, once per store."""
    with Store.open(url) as store:
        if accounts.has_users(store):
            out.print("the demo store has accounts already: sign in with one of them")
            return
        _, password = accounts.add_user(store, "admin", "admin")
        _note(store, "user_add", "admin", role="admin", demo=True)
    out.print(f"[bold]local admin[/]: sign in as [bold]admin[/] with the one-time password [bold]{escape(password)}[/]"
              " (change it with clew users set-password admin)")


def note_export(store: Store, kind: str, path: str, **detail: object) -> None:
    """Record a data export made from the command line in the audit trail."""
    _note(store, "export", kind, path=path, **detail)


def _read_password(from_stdin: bool) -> str | None:
    if not from_stdin:
        return None
    password = sys.stdin.readline().rstrip("\n")
    if not password:
        raise _fail("--password-stdin: no password on standard input")
    return password


# -- users ------------------------------------------------------------------------------------


@users_app.command("add")
def users_add(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="User name (letters, digits, . _ @ -).")],
    role: Annotated[str, typer.Option(help="viewer (reads), analyst (also labels and exports) or admin.")] = "analyst",
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Create an account; without --password-stdin a random password is printed once."""
    try:
        with _store(ctx) as store:
            user, password = accounts.add_user(store, name, role, _read_password(password_stdin))
            _note(store, "user_add", name, role=role)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    console.print(f"added {escape(user.name)} ({user.role})")
    if not password_stdin:
        console.print(f"password (shown once): [bold]{escape(password)}[/]")


@users_app.command("bootstrap")
def users_bootstrap(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the first admin.")] = "admin",
) -> None:
    """Create the first admin of a store that has no accounts yet; prints its password once."""
    try:
        with _store(ctx) as store:
            if accounts.has_users(store):
                raise _fail("this store has accounts already: an admin adds more with clew users add")
            user, password = accounts.add_user(store, name, "admin")
            _note(store, "user_add", name, role="admin", bootstrap=True)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    console.print(f"first admin {escape(user.name)} created; password (shown once): [bold]{escape(password)}[/]")
    console.print("the server now asks everyone to sign in (team mode)")


@users_app.command("list")
def users_list(ctx: typer.Context, json_out: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Every account with its role and state."""
    try:
        with _store(ctx) as store:
            found = accounts.list_users(store)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    if json_out:
        for u in found:
            sys.stdout.write(json.dumps({"name": u.name, "role": u.role, "active": u.active,
                                         "created_at": u.created_at.isoformat(),
                                         "locked_until": u.locked_until.isoformat() if u.locked_until else None,
                                         "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None})
                             + "\n")
        return
    table = Table("name", "role", "active", "last login", "locked until")
    for u in found:
        table.add_row(escape(u.name), u.role, "yes" if u.active else "no",
                      f"{u.last_login_at:%Y-%m-%d %H:%M}" if u.last_login_at else "",
                      f"{u.locked_until:%Y-%m-%d %H:%M}" if u.locked_until else "")
    console.print(table if found else "no accounts: this store runs in local mode (no login on 127.0.0.1)")


def _change(ctx: typer.Context, name: str, action: str, **change: object) -> accounts.User:
    try:
        with _store(ctx) as store:
            if action == "user_set_role":
                user = accounts.set_role(store, name, str(change["role"]))
            elif action == "user_set_password":
                user = accounts.set_password(store, name, str(change.pop("password")))
            else:
                user = accounts.set_active(store, name, bool(change["active"]))
            _note(store, action, name, **change)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    return user


@users_app.command("disable")
def users_disable(ctx: typer.Context, name: Annotated[str, typer.Argument()]) -> None:
    """Disable an account: its sessions end at once, its tokens stop working."""
    _change(ctx, name, "user_disable", active=False)
    console.print(f"disabled {escape(name)}")


@users_app.command("enable")
def users_enable(ctx: typer.Context, name: Annotated[str, typer.Argument()]) -> None:
    """Enable a disabled account again."""
    _change(ctx, name, "user_enable", active=True)
    console.print(f"enabled {escape(name)}")


@users_app.command("set-role")
def users_set_role(ctx: typer.Context, name: Annotated[str, typer.Argument()],
                   role: Annotated[str, typer.Argument(help="viewer, analyst or admin")]) -> None:
    """Give an account another role."""
    user = _change(ctx, name, "user_set_role", role=role)
    console.print(f"{escape(user.name)} is now {user.role}")


@users_app.command("set-password")
def users_set_password(
    ctx: typer.Context, name: Annotated[str, typer.Argument()],
    password_stdin: Annotated[bool, typer.Option("--password-stdin", help="Read the password from standard input.")] = False,
) -> None:
    """Set a new password (random and printed once unless read from stdin); ends the account's sessions
    and lifts a lockout."""
    password = _read_password(password_stdin) or accounts.new_password()
    _change(ctx, name, "user_set_password", password=password)
    console.print(f"new password for {escape(name)} set")
    if not password_stdin:
        console.print(f"password (shown once): [bold]{escape(password)}[/]")


# -- tokens -----------------------------------------------------------------------------------


@tokens_app.command("add")
def tokens_add(
    ctx: typer.Context,
    user: Annotated[str, typer.Argument(help="The account the token acts for.")],
    name: Annotated[str, typer.Option("--name", help="What the token is for, e.g. the script's name.")],
    scope: Annotated[str, typer.Option(help="read (GET only) or write.")] = "read",
    days: Annotated[int | None, typer.Option(help="Expire after this many days (default: never).")] = None,
) -> None:
    """Create an API token; its value is printed once (send it as Authorization: Bearer VALUE)."""
    try:
        with _store(ctx) as store:
            token, value = accounts.add_token(store, user, name, scope, days)
            _note(store, "token_add", user, token_id=token.id, name=name, scope=scope, days=days)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    console.print(f"token {token.id} for {escape(user)} ({scope}); value (shown once):")
    sys.stdout.write(value + "\n")


@tokens_app.command("list")
def tokens_list(ctx: typer.Context) -> None:
    """Every token (never its value): id, account, name, scope, state."""
    try:
        with _store(ctx) as store:
            found = accounts.list_tokens(store)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    table = Table("id", "user", "name", "scope", "created", "expires", "revoked")
    for t in found:
        table.add_row(str(t.id), escape(t.user), escape(t.name), t.scope, f"{t.created_at:%Y-%m-%d}",
                      f"{t.expires_at:%Y-%m-%d}" if t.expires_at else "never",
                      f"{t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "")
    console.print(table if found else "no tokens")


@tokens_app.command("revoke")
def tokens_revoke(ctx: typer.Context, token_id: Annotated[int, typer.Argument(help="Id from clew tokens list.")]) -> None:
    """Revoke a token at once."""
    try:
        with _store(ctx) as store:
            token = accounts.revoke_token(store, token_id)
            _note(store, "token_revoke", token.user, token_id=token_id)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    console.print(f"revoked token {token_id} ({escape(token.name)})")


# -- audit ------------------------------------------------------------------------------------


@audit_app.command("verify")
def audit_verify(ctx: typer.Context) -> None:
    """Check the whole chain; exit 1 and say where it breaks if any event was altered, removed or moved."""
    try:
        with _store(ctx) as store:
            verdict = audit.verify(store)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    if verdict.ok:
        console.print(f"audit trail intact: {verdict.events:,} events; head {verdict.head_seq} "
                      f"{verdict.head_hash}")
        console.print("(keep the head hash somewhere else: a later verify proves nothing before it changed)")
        return
    err.print(f"[bold red]audit trail broken[/] at event {verdict.first_bad}:")
    for text in verdict.problems:
        err.print(f"  {escape(text)}")
    raise typer.Exit(1)


@audit_app.command("list")
def audit_list(
    ctx: typer.Context,
    after: Annotated[int, typer.Option(help="Start after this event number.")] = 0,
    limit: Annotated[int, typer.Option(help="At most this many events.")] = 50,
    actor: Annotated[str | None, typer.Option(help="Only this user's events.")] = None,
    action: Annotated[str | None, typer.Option(help="Only this action (search, view_ad, login, ...).")] = None,
    json_out: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Events in order: who, when, what, from where, with what outcome."""
    try:
        with _store(ctx) as store:
            found = list(audit.events(store, after=after, limit=limit, actor=actor, action=action))
    except ClewError as exc:
        raise _fail(str(exc)) from None
    if json_out:
        for ev in found:
            sys.stdout.write(json.dumps(ev.as_dict(), ensure_ascii=False) + "\n")
        return
    table = Table("#", "at (UTC)", "actor", "address", "action", "target", "outcome")
    for ev in found:
        table.add_row(str(ev.seq), f"{ev.at:%Y-%m-%d %H:%M:%S}", escape(ev.actor), escape(ev.address),
                      ev.action, escape(ev.target[:60]), ev.outcome)
    console.print(table if found else "no events")


@audit_app.command("export")
def audit_export(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="JSON Lines file to write.")] = Path("audit.jsonl"),
) -> None:
    """Write every event, hashes included, as JSON Lines."""
    try:
        with _store(ctx) as store, output.open("w", encoding="utf-8") as out:
            count = audit.export_jsonl(store, out)
            _note(store, "export_audit", str(output), events=count)
    except OSError as exc:
        raise _fail(f"cannot write {output}: {exc.strerror}") from None
    except ClewError as exc:
        raise _fail(str(exc)) from None
    console.print(f"wrote {count:,} events to {escape(str(output))}")


# -- retention and backups --------------------------------------------------------------------


def purge(
    ctx: typer.Context,
    older_than: Annotated[int, typer.Option("--older-than", help="Days since an ad was ingested.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only count what would go.")] = False,
) -> None:
    """Delete ads ingested more than N days ago that no case holds (with their versions, spans, scores)."""
    try:
        with _store(ctx) as store:
            result = retention.purge(store, older_than, dry_run=dry_run)
            _note(store, "purge_dry_run" if dry_run else "purge", f"older than {older_than} days",
                  cutoff=result.cutoff.isoformat(), ads=result.purged, held_by_cases=result.held)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    verb = "would purge" if dry_run else "purged"
    console.print(f"{verb} {result.purged:,} ads ingested before {result.cutoff:%Y-%m-%d %H:%M} UTC; "
                  f"{result.held:,} older ads kept because a case holds them")
    if result.purged and not dry_run:
        console.print("networks are rebuilt from what is left by the next clew analyze")


def backup_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="File to write the copy to.")],
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace the file if it exists.")] = False,
) -> None:
    """Copy a SQLite store to PATH, consistently, even while it is in use (PostgreSQL: use pg_dump)."""
    from clew.cli import state

    try:
        with _store(ctx) as store:
            _note(store, "backup", str(path))
        result = backup.backup(state.db, path, overwrite=overwrite)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    console.print(f"backed up {result.ads:,} ads ({result.bytes:,} bytes, schema {result.revision}) "
                  f"to {escape(str(result.path))}")


def restore_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="A file clew backup wrote.")],
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace the store if one exists (stop servers first).")] = False,
) -> None:
    """Make the store (--db) a copy of a backup, checked first, then brought to this Clew's schema."""
    from clew.cli import state

    try:
        result = backup.restore(path, state.db, overwrite=overwrite)
        with _store(ctx) as store:
            _note(store, "restore", str(path), ads=result.ads)
    except ClewError as exc:
        raise _fail(str(exc)) from None
    console.print(f"restored {result.ads:,} ads from {escape(str(path))} (schema {result.revision})")


def register(app: typer.Typer) -> None:
    """Add the team server's commands to ``clew``."""
    app.add_typer(users_app, name="users")
    app.add_typer(tokens_app, name="tokens")
    app.add_typer(audit_app, name="audit")
    app.command("purge")(purge)
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)

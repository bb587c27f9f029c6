"""Per-case access: a case is visible to its members and admins, to no one else."""

from __future__ import annotations

from sqlalchemy import insert

from clew.store import Store
from clew.store.ads import utcnow
from clew.store.team import cases
from clew.team import accounts
from clew.team.cases import add_member, can_see_case, visible_cases


def test_cases_are_visible_to_members_and_admins_only(store: Store) -> None:
    for name, role in (("boss", "admin"), ("ana", "analyst"), ("vic", "viewer")):
        accounts.add_user(store, name, role, "a long enough password")
    with store.transaction() as conn:
        first = conn.execute(insert(cases).values(name="op one", created_at=utcnow())).inserted_primary_key[0]
        second = conn.execute(insert(cases).values(name="op two", created_at=utcnow())).inserted_primary_key[0]
    add_member(store, first, "ana")
    add_member(store, first, "ana")

    def principal(name: str) -> accounts.Principal:
        user = accounts.get_user(store, name)
        return accounts.Principal(user.name, user.role, "session", user_id=user.id)

    with store.connect() as conn:
        seen = {n: [r.id for r in conn.execute(visible_cases(principal(n)))] for n in ("boss", "ana", "vic")}
        assert [r.id for r in conn.execute(visible_cases(accounts.ANONYMOUS))] == []
    assert seen == {"boss": [first, second], "ana": [first], "vic": []}
    assert can_see_case(store, principal("ana"), first) and not can_see_case(store, principal("ana"), second)

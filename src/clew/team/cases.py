"""Who may see a case: its members and admins. The casework stage builds on these checks."""

from __future__ import annotations

from sqlalchemy import Select, exists, insert, select

from clew.errors import NotFound
from clew.store import Store
from clew.store.ads import utcnow
from clew.store.team import case_members, cases
from clew.team.accounts import LOCAL, Principal, get_user


def visible_cases(principal: Principal) -> Select[tuple[int, str]]:
    """The ids and names of the cases ``principal`` may see: all for admins (and local mode),
    else only those they are a member of; nothing for anyone not signed in."""
    stmt = select(cases.c.id, cases.c.name).order_by(cases.c.id)
    if principal.role == "admin" or principal == LOCAL:
        return stmt
    if principal.user_id is None:
        return stmt.where(cases.c.id.is_(None))
    member = exists().where(case_members.c.case_id == cases.c.id, case_members.c.user_id == principal.user_id)
    return stmt.where(member)


def can_see_case(store: Store, principal: Principal, case_id: int) -> bool:
    with store.connect() as conn:
        return conn.execute(visible_cases(principal).where(cases.c.id == case_id)).first() is not None


def add_member(store: Store, case_id: int, user_name: str) -> None:
    """Give an account access to a case (adding twice changes nothing)."""
    user = get_user(store, user_name)
    with store.transaction() as conn:
        if conn.scalar(select(cases.c.id).where(cases.c.id == case_id)) is None:
            raise NotFound(f"no case {case_id}")
        if conn.scalar(select(case_members.c.case_id).where(
                case_members.c.case_id == case_id, case_members.c.user_id == user.id)) is None:
            conn.execute(insert(case_members).values(case_id=case_id, user_id=user.id, added_at=utcnow()))

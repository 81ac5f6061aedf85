"""Workflow state guards: a step taken from the wrong state is refused with its article.

Every workflow (a document, a meeting, a petition …) is a set of states and the steps between
them.  Each step is declared once, as a :class:`Step`: what the user does, the states it may be
taken from, and the provision of the rulebook that defines it.  :func:`check_step` answers with a
:class:`~zhengwu.core.decisions.Decision` like every other rule, so the refusal a clerk reads
names its article:

    「本纪要当前为“已签发”，会议召开后、纪要签发前方可起草纪要（《工作规则》第…条）」 (art. 42)

:func:`require_step` raises :class:`StateConflict`, a :class:`~zhengwu.core.decisions.Refused`
that the API answers with 409 Conflict (the request is well formed and allowed to this person, but
the record is not in a state where the step can be taken).

Pure: no Django.  The workflow's own rules module declares its steps; its actions call
``require_step(STEP, record.state, record.get_state_display(), rb)``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from zhengwu.core.decisions import Decision, InvalidInput, Refused
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView


@dataclass(frozen=True)
class Step:
    """One step of a workflow.

    ``code`` names the step (``"meetings.minutes.draft"``); ``what`` is the act in a clerk's words
    (「起草会议纪要」); ``from_states`` the states it may be taken from; ``provision`` the rulebook
    provision that defines it; ``when`` (optional) says in words when it may be taken
    (「会议召开后、纪要签发前」); ``subject`` names the record (「本纪要」, 「本件」).
    """

    code: str
    what: str
    from_states: frozenset[str]
    provision: str
    when: str = ""
    subject: str = _("本件")

    @classmethod
    def of(
        cls,
        code: str,
        what: str,
        from_states: Iterable[str],
        provision: str,
        *,
        when: str = "",
        subject: str = _("本件"),
    ) -> Step:
        return cls(code, what, frozenset(str(s) for s in from_states), provision, when, subject)


class StateConflict(Refused):
    """A step refused because of the state its record is in (API: 409 Conflict)."""


def check_step(step: Step, state: str, state_label: str, rb: RulebookView, *, provision: str = "") -> Decision:
    """May ``step`` be taken from ``state``?  ``provision`` overrides the step's own (for a
    workflow whose article depends on the record, e.g. a topic meeting's minutes)."""
    citation = rb.cite(provision or step.provision)
    if str(state) in step.from_states:
        return Decision.allow(step.code, _("可以{what}。", what=step.what), citation, state=str(state))
    if step.when:
        message = _(
            "{subject}当前为“{state}”，{when}方可{what}。",
            subject=step.subject,
            state=state_label,
            when=step.when,
            what=step.what,
        )
    else:
        message = _("{subject}当前为“{state}”，不能{what}。", subject=step.subject, state=state_label, what=step.what)
    return Decision.refuse(f"{step.code}.wrong_state", message, citation, state=str(state))


def require_step(step: Step, state: str, state_label: str, rb: RulebookView, *, provision: str = "") -> None:
    """Raise :class:`StateConflict` unless ``step`` may be taken from ``state``."""
    decision = check_step(step, state, state_label, rb, provision=provision)
    if not decision.allowed:
        raise StateConflict([decision])


def require_checks(*decisions: Decision) -> None:
    """What an action does with its checks (a read side's ``<act>_checks``): when a step's state
    guard (:func:`check_step`) is the first thing refused, :class:`StateConflict` (API: 409) with
    it; otherwise :class:`~zhengwu.core.decisions.Refused` (403) with every refusal at once, so the
    user can fix all of them in one go."""
    refused = [d for d in decisions if not d.allowed]
    if not refused:
        return
    if is_state_guard(refused[0]):
        raise StateConflict([refused[0]])
    raise Refused([d for d in refused if not is_state_guard(d)])


def is_state_guard(decision: Decision) -> bool:
    """Is ``decision`` a step's state guard (:func:`check_step`)?"""
    return decision.code.endswith(".wrong_state")


A = TypeVar("A")
T = TypeVar("T")


def first_refusal(decisions: Iterable[Decision]) -> Decision | None:
    """The first decision that refuses, or ``None`` if every one allows."""
    return next((d for d in decisions if not d.allowed), None)


def outcome(decisions: Sequence[Decision]) -> Decision:
    """An act's answer from its checks: the first decision that refuses it, else its last allowing
    decision (the one a page shows as the reason it may), else a bare allowance for an act that
    has no conditions."""
    refused = first_refusal(decisions)
    if refused is not None:
        return refused
    return decisions[-1] if decisions else Decision.allow("act", _("可以办理。"))


def judge(
    checks: Callable[[A, T], list[Decision]],
    actor: A,
    record: T,
    cannot_tell: Callable[[InvalidInput, T], Decision] | None = None,
) -> Decision:
    """One act's answer (:func:`outcome` of its checks).  A check that cannot read a fact it needs
    (no person behind the account, a draft without a version) raises :class:`InvalidInput`; with
    ``cannot_tell`` the act is refused with the decision it makes of that error, citing the
    article whose conditions could not be read, so a page offers nothing it cannot judge."""
    try:
        decisions = checks(actor, record)
    except InvalidInput as exc:
        if cannot_tell is None:
            raise
        return cannot_tell(exc, record)
    return outcome(decisions)


def offered(
    acts: Mapping[str, Callable[[A, T], list[Decision]]],
    actor: A,
    record: T,
    cannot_tell: Callable[[InvalidInput, T], Decision] | None = None,
) -> dict[str, Decision]:
    """For each act of a read side's ``ACTS`` table (name → check function): allowed (the act's last
    allowing decision), or the first decision that refuses it, with its article (:func:`judge`)."""
    return {name: judge(checks, actor, record, cannot_tell) for name, checks in acts.items()}


def allows(checks: Callable[[A, T], list[Decision]], actor: A, record: T) -> bool:
    """Whether ``actor`` may take the act whose checks these are on ``record`` now: what a
    workbench panel asks to list only the records that wait on its reader.  An act that cannot be
    judged (a fact the checks need is missing) is not offered."""
    try:
        return outcome(checks(actor, record)).allowed
    except InvalidInput:
        return False

"""The art. 49 facts of an outgoing document, worked out from the document itself.  Pure: plain
data in (:class:`DocumentData`), :class:`~zhengwu.documents.rules.signing.OutgoingFacts` out; no Django.

Who signs follows from the document, not from boxes ticked beside it:

- a 州政府 决定 or 命令 is a 「决定、命令」 the government publishes (``published_instrument``);
  a normative document (规范性文件) is no 文种 of its own (it goes out as a 通知, 意见…), so
  that one is stated;
- a 议案, or a 州政府 document addressed to the 州人大常委会, is ``to_people_congress``;
- a 州政府 document addressed to the 自治区人民政府 or the 州党委 goes up for their approval
  (``for_approval_by``), and is not 「下发」;
- a county's or department's document addressed to the 州政府 goes to it for approval
  (``to_government``);
- the 主办/涉及 units whose 分管 leaders review or sign (``concerned``): those named, else the
  requesting unit of a reply; a department's own document always concerns the department and
  every co-issuing department (a joint document across portfolios needs every leader concerned).

What cannot be read off the document is stated: ``important``, ``on_leader_instruction``,
``within_office_competence``, ``forwarding_request``, ``agreed_by_government``,
``to_region_departments`` (the 自治区's 委、办、厅、局 are not units here), ``spans_portfolios``
and ``cooperation_agreement``.  :func:`check_stated` refuses a statement that does not fit the
issuing body or contradicts the document, naming the field; :func:`derive` never refuses (it is
also used for documents drafted before a check existed) and lets the document win.

Which unit is the 自治区人民政府, the 州党委 or the 州人大常委会 is configuration
(``superiors``: unit code → role), by default the demo organization's codes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from zhengwu.core.decisions import InvalidInput
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.documents.rules.kinds import DocType
from zhengwu.documents.rules.signing import (
    APPROVING_SUPERIORS,
    AUTHORITY,
    PARTY_COMMITTEE,
    REGION_GOVERNMENT,
    OutgoingFacts,
)
from zhengwu.org.rules import UnitKind

PEOPLE_CONGRESS = "people_congress"

#: unit code → the role art. 49 gives it (the demo organization's codes; ``settings.ZHENGWU_SUPERIOR_ROLES``).
SUPERIOR_ROLES: Mapping[str, str] = {
    "xj-gov": REGION_GOVERNMENT,
    "party-committee": PARTY_COMMITTEE,
    "npc-standing": PEOPLE_CONGRESS,
}

# 文种 that decide a row of the article by themselves.
PUBLISHED_TYPES: dict[str, str] = {DocType.DECISION: "决定", DocType.ORDER: "命令"}

CONCERNED_UNITS = "concerned_units"
COOPERATION_AGREEMENT = "cooperation_agreement"
FIELD = "signing_facts"

#: The facts one may state, with how the forms call them.
LABELS: Mapping[str, str] = {
    "published_instrument": "州人民政府公布的规范性文件",
    "to_people_congress": "向州人大及其常委会提出的议案、人事任免",
    "for_approval_by": "上报审批",
    "to_region_departments": "向自治区人民政府各委、办、厅、局行文",
    "important": "重要公文",
    "on_leader_instruction": "州人民政府领导批示办理",
    "within_office_competence": "属办公室职权范围",
    "forwarding_request": "部门要求办公室转发",
    "agreed_by_government": "冠以“经自治州人民政府同意”",
    "spans_portfolios": "涉及不同分管领域",
    "to_government": "报送州人民政府审批",
    COOPERATION_AGREEMENT: "以州人民政府名义签订的合作协议",
}
STATED = frozenset(LABELS)
BOOLEAN = STATED - {"for_approval_by"}

UNIT_KINDS = frozenset({UnitKind.DEPARTMENT, UnitKind.DIRECT_UNIT})
# Which issuing bodies a stated fact fits (the cooperation agreement's own rule answers for itself).
APPLIES_TO: Mapping[str, tuple[frozenset[str], str]] = {
    "published_instrument": (frozenset({UnitKind.GOVERNMENT}), "州人民政府"),
    "to_people_congress": (frozenset({UnitKind.GOVERNMENT}), "州人民政府"),
    "for_approval_by": (frozenset({UnitKind.GOVERNMENT}), "州人民政府"),
    "to_region_departments": (frozenset({UnitKind.GOVERNMENT}), "州人民政府"),
    "on_leader_instruction": (frozenset({UnitKind.OFFICE}), "州人民政府办公室"),
    "within_office_competence": (frozenset({UnitKind.OFFICE}), "州人民政府办公室"),
    "forwarding_request": (frozenset({UnitKind.OFFICE}) | UNIT_KINDS, "州人民政府办公室或政府部门"),
    "agreed_by_government": (UNIT_KINDS, "政府部门"),
    "spans_portfolios": (UNIT_KINDS, "政府部门"),
    "to_government": (UNIT_KINDS | {UnitKind.COUNTY}, "政府部门或县（市）"),
}


@dataclass(frozen=True)
class UnitData:
    code: str
    kind: str
    name: str


@dataclass(frozen=True)
class DocumentData:
    """What the document says about itself, and what its drafter stated (``stated``: fact → value;
    ``concerned``: the 主办/涉及 units named)."""

    issuer: UnitData
    doc_type: str
    main_recipients: tuple[UnitData, ...] = ()
    co_issuers: tuple[UnitData, ...] = ()
    replies_to_issuer: UnitData | None = None
    direction: str = ""
    stated: Mapping[str, object] = field(default_factory=dict)
    concerned: tuple[UnitData, ...] = ()


@dataclass(frozen=True)
class DerivedFacts:
    """The facts art. 49 reads, the units whose 分管 leaders are meant, and what was read off the
    document (「文种为决定」「主送自治区人民政府」…) to show beside who signs."""

    facts: OutgoingFacts
    concerned: tuple[UnitData, ...]
    basis: tuple[str, ...] = ()


def _roles(units: Sequence[UnitData], superiors: Mapping[str, str]) -> list[tuple[str, UnitData]]:
    return [(superiors[u.code], u) for u in units if u.code in superiors]


def _unique(units: Sequence[UnitData]) -> tuple[UnitData, ...]:
    return tuple({u.code: u for u in units}.values())


def concerned_units(data: DocumentData) -> tuple[UnitData, ...]:
    """The 主办/涉及 units: a department's own document concerns it and its co-issuing departments
    (with any named besides); otherwise those named, else the unit whose request a reply answers."""
    named = tuple(u for u in data.concerned if u.kind not in {UnitKind.GOVERNMENT, UnitKind.SUPERIOR})
    if data.issuer.kind in UNIT_KINDS:
        own = [data.issuer, *(u for u in data.co_issuers if u.kind in UNIT_KINDS)]
        return _unique([*own, *named])
    if named:
        return _unique(named)
    reply = data.replies_to_issuer
    if reply is not None and reply.kind not in {UnitKind.GOVERNMENT, UnitKind.SUPERIOR, UnitKind.COUNTY}:
        return (reply,)
    return ()


def derive(data: DocumentData, superiors: Mapping[str, str] = SUPERIOR_ROLES) -> DerivedFacts:
    """The art. 49 facts of the document.  Where the document says something, it wins over what
    was stated; a stated fact that does not fit the issuing body is left out."""
    kind = data.issuer.kind
    stated = {k: v for k, v in data.stated.items() if k in STATED}

    def given(name: str) -> bool:
        fits = APPLIES_TO.get(name)
        return stated.get(name) is True and (fits is None or kind in fits[0])

    basis: list[str] = []
    roles = _roles(data.main_recipients, superiors)
    published = congress = False
    approval = ""
    if kind == UnitKind.GOVERNMENT:
        published = given("published_instrument")
        if data.doc_type in PUBLISHED_TYPES:
            published = True
            basis.append(f"文种为{PUBLISHED_TYPES[data.doc_type]}")
        congress = given("to_people_congress")
        if data.doc_type == DocType.MOTION:
            congress = True
            basis.append("文种为议案")
        for role, unit in roles:
            if role == PEOPLE_CONGRESS:
                congress = True
                basis.append(f"主送{unit.name}")
            elif role in APPROVING_SUPERIORS and not approval:
                approval = role
                basis.append(f"主送{unit.name}")
        if not approval and stated.get("for_approval_by") in APPROVING_SUPERIORS:
            approval = str(stated["for_approval_by"])
    to_government = True
    if kind in UNIT_KINDS | {UnitKind.COUNTY}:
        to_government = any(u.kind == UnitKind.GOVERNMENT for u in data.main_recipients)
        if to_government:
            basis.append("主送州人民政府")
    concerned = concerned_units(data)
    facts = OutgoingFacts(
        issuer_kind=kind if kind != UnitKind.SUPERIOR else UnitKind.DEPARTMENT,
        issuer_name=data.issuer.name,
        published_instrument=published,
        to_people_congress=congress,
        for_approval_by=approval,
        to_region_departments=given("to_region_departments"),
        important=stated.get("important") is True,
        on_leader_instruction=given("on_leader_instruction"),
        within_office_competence=given("within_office_competence"),
        forwarding_request=given("forwarding_request"),
        agreed_by_government=given("agreed_by_government") and not to_government,
        spans_portfolios=given("spans_portfolios"),
        to_government=to_government,
        direction=data.direction,
    )
    if concerned:
        basis.append("主办、涉及单位：" + "、".join(u.name for u in concerned))
    return DerivedFacts(facts, concerned, tuple(basis))


@dataclass(frozen=True)
class Problem:
    """What is wrong with the stated facts: the field to fix and the sentence."""

    field: str
    message: str


def _fact(name: str, message: str) -> Problem:
    return Problem(f"{FIELD}.{name}", message)


def check_stated(data: DocumentData, rb: RulebookView, superiors: Mapping[str, str] = SUPERIOR_ROLES) -> None:
    """Refuse (:class:`InvalidInput`, naming the field, citing the article) a stated fact that is of
    the wrong type, does not fit the issuing body, or contradicts the document; and a 议案 not from
    the 州政府.  ``superiors``: the superior units that exist here, by code."""
    found = problem(data, superiors)
    if found is not None:
        raise InvalidInput(f"{found.message.rstrip('。')}（{rb.cite(AUTHORITY).label}）。", field=found.field)


def problem(data: DocumentData, superiors: Mapping[str, str] = SUPERIOR_ROLES) -> Problem | None:
    """The first thing wrong with what was stated about ``data``, or ``None``."""
    stated = data.stated
    unknown = sorted(set(stated) - STATED)
    if unknown:
        return _fact(unknown[0], f"无法识别的签发依据事实：{'、'.join(unknown)}。")
    for name in sorted(BOOLEAN & set(stated)):
        if not isinstance(stated[name], bool):
            return _fact(name, f"签发依据事实“{LABELS[name]}”（{name}）应为 true 或 false。")
    approval = stated.get("for_approval_by", "")
    if not isinstance(approval, str) or approval not in ("", *APPROVING_SUPERIORS):
        options = "、".join(f"{k}（{v}）" for k, v in APPROVING_SUPERIORS.items())
        return _fact("for_approval_by", f"上报审批的上级机关应为 {options} 之一，或不填。")
    kind, issuer = data.issuer.kind, data.issuer.name
    for name in sorted(APPLIES_TO):
        if stated.get(name) and kind not in APPLIES_TO[name][0] and name != "to_government":
            return _fact(
                name, f"“{LABELS[name]}”只适用于以{APPLIES_TO[name][1]}名义的发文；本件发文机关是{issuer}，请取消该项。"
            )
    for unit in data.concerned:
        if unit.kind in {UnitKind.GOVERNMENT, UnitKind.SUPERIOR}:
            return _fact(
                CONCERNED_UNITS,
                f"主办、涉及单位应为州人民政府的工作部门、直属单位或县（市）；{unit.name}不是，请改选。",
            )
    if data.doc_type == DocType.MOTION and kind != UnitKind.GOVERNMENT:
        return Problem("doc_type", "议案由州人民政府向州人大及其常委会提出；请改由州人民政府发文，或改选文种。")
    if kind == UnitKind.GOVERNMENT:
        return _government_problem(data, _roles(data.main_recipients, superiors), superiors)
    if kind == UnitKind.OFFICE:
        chosen = [
            n for n in ("forwarding_request", "on_leader_instruction", "within_office_competence") if stated.get(n)
        ]
        if len(chosen) > 1:
            labels = "”“".join(LABELS[n] for n in chosen)
            return _fact(chosen[-1], f"“{labels}”是签发规则中不同的情形，签发人不同，请只选其中一项。")
        return None
    return _unit_problem(data)


def _unit_problem(data: DocumentData) -> Problem | None:
    stated = data.stated
    to_government = any(u.kind == UnitKind.GOVERNMENT for u in data.main_recipients)
    if "to_government" in stated and stated["to_government"] is not to_government:
        said = "主送州人民政府" if to_government else "没有主送州人民政府"
        return _fact("to_government", f"本件{said}，与“{LABELS['to_government']}”的填写不符，请核对主送机关。")
    if stated.get("agreed_by_government") and to_government:
        return _fact(
            "agreed_by_government",
            "冠以“经自治州人民政府同意”字样的是部门自行印发的公文，"
            "不报送州人民政府审批；本件主送州人民政府，请核对主送机关或取消该项。",
        )
    if stated.get("agreed_by_government") and stated.get("forwarding_request"):
        return _fact(
            "forwarding_request",
            "部门要求办公室转发的文件以办公室名义印发，不是冠以“经自治州人民政府同意”字样的部门发文，请只选其中一项。",
        )
    if stated.get("spans_portfolios") and not stated.get("agreed_by_government"):
        return _fact(
            "spans_portfolios",
            "“涉及不同分管领域”只用于冠以“经自治州人民政府同意”字样的部门联合发文，请同时勾选该项或取消本项。",
        )
    return None


def _government_problem(
    data: DocumentData, roles: list[tuple[str, UnitData]], superiors: Mapping[str, str]
) -> Problem | None:
    stated = data.stated
    if data.doc_type in PUBLISHED_TYPES and stated.get("published_instrument") is False:
        return _fact(
            "published_instrument",
            f"州人民政府的{PUBLISHED_TYPES[data.doc_type]}即签发规则所列的“决定、命令”，由州长签发，不能标为否。",
        )
    congress = [u for r, u in roles if r == PEOPLE_CONGRESS]
    if (data.doc_type == DocType.MOTION or congress) and stated.get("to_people_congress") is False:
        why = "文种为议案" if data.doc_type == DocType.MOTION else f"主送{congress[0].name}"
        return _fact("to_people_congress", f"本件{why}，属向州人大及其常委会提出的议案、人事任免，不能标为否。")
    if (
        stated.get("to_people_congress")
        and not congress
        and data.doc_type != DocType.MOTION
        and PEOPLE_CONGRESS in superiors.values()
    ):
        code = next(c for c, r in superiors.items() if r == PEOPLE_CONGRESS)
        return _fact(
            "to_people_congress",
            f"向州人大及其常委会提出的议案、人事任免应主送州人大常委会（单位代码 {code}），请核对主送机关。",
        )
    approving = [(r, u) for r, u in roles if r in APPROVING_SUPERIORS]
    if len(approving) > 1:
        names = "、".join(u.name for _, u in approving)
        return Problem("main_recipients", f"上报审批的公文只主送一个上级机关（现为{names}），其他机关可以抄送。")
    approval = str(stated.get("for_approval_by", ""))
    if approving and approval and approval != approving[0][0]:
        return _fact(
            "for_approval_by",
            f"本件主送{approving[0][1].name}，与所填的上报审批机关（{APPROVING_SUPERIORS[approval]}）不符。",
        )
    if approval and not approving and approval in superiors.values():
        name = APPROVING_SUPERIORS[approval]
        return _fact("for_approval_by", f"上报{name}审批的文件应主送{name}，请核对主送机关。")
    if stated.get("to_region_departments") and (approving or congress or approval):
        target = approving[0][1].name if approving else congress[0].name if congress else APPROVING_SUPERIORS[approval]
        return _fact(
            "to_region_departments", f"本件主送{target}，不是向自治区人民政府各委、办、厅、局的行文，请取消该项。"
        )
    return None

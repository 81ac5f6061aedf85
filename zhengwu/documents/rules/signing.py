"""Who signs an outgoing document (签发): the table of art. 49, as a pure rule.

Plain facts about the document (:class:`OutgoingFacts`) and the people holding the positions on
the signing day (:class:`SigningHolders`, built from :func:`zhengwu.org.rules.resolve_holder`, so
acting arrangements are already applied) go in; a :class:`SigningRequirement` comes out: who
reviews (审核) or agrees (同意) first, who may sign (签发, or 签批 for a department document marked
「经自治州人民政府同意」), a sentence a clerk understands, and the citation.  :func:`may_sign`
refuses anyone else, naming who must sign.

The rows of art. 49 (``ARTICLES.md``), checked in this order — document: steps first → signer:

1. 州政府 normative document, decision or order; motion or appointment to the 州人大 (常委会):
   the 分管 leader(s) review → 州长.  (``signing.authority``)
2. 州政府 document to the 自治区人民政府 or the 州党委 for approval: the 分管副州长 reviews →
   州长 or 常务副州长.  (``signing.authority``)
3. 州政府 document to the 自治区's 委、办、厅、局: → the 分管副州长; an important one the 分管副州长
   passes up (审核) → 州长 or 常务副州长.  (``signing.authority``)
4. Important 州政府 document sent down: the 分管副州长 reviews → 州长 or 常务副州长.
5. Office document on a government leader's instruction: → 秘书长.  (``signing.authority``)
6. Office document within the office's own competence: → 秘书长 or 办公室主任.
7. A department's request that the office forward (转发) its document: the 分管副州长 gives an
   opinion, the 州长 or 常务副州长 agrees → 秘书长.  (``signing.forwarding``)
8. Department document marked 「经自治州人民政府同意」: → the 分管 leader (签批); across portfolios
   every leader concerned reviews → 州长 or 常务副州长; filed with the office within 30 days of
   issue (parameter ``filing.agreed_document_days``).  (``signing.agreed_document``)
9. A county's or department's document to the 州政府: → its administrative head (or acting head).
   (``signing.unit_document``)

A government document that fits no row (an ordinary, not important, document sent down) or an
office document that is neither on instruction nor within the office's competence gets an
*undetermined* requirement: nobody may sign it until the office says which row it is.

A county's or department's own document that goes neither to the 州政府 nor out 「经自治州人民政府
同意」 (a 函 answering a deputy's suggestion, say) is signed by its administrative head, as the
last paragraph of the article has it for what it sends up.

A seat nobody holds is never skipped.  A step (or a signer) whose seat is vacant — above all a
分管 leader who cannot be determined because the document names no 主办/涉及 unit, or a unit it
names has no 分管 leader that day — *blocks* the signature with a sentence that says what to fix
(:attr:`SigningRequirement.blocked`).

The 常务副州长 acting for an absent 州长 (art. 6) signs what the 州长 signs: the ``governor`` holder
is then the 常务副州长 with ``acting_for`` set, and the sentence says so.  Likewise an acting unit
head.  After a substantive change to a signed document (复核), :func:`for_recheck` narrows the
signers to the original signer, or says that he cannot sign that day and who art. 49 names now.
No Django here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace

from zhengwu.core.decisions import Citation, Decision
from zhengwu.core.i18n import Joined, Stripped, _
from zhengwu.core.rulebook_view import RulebookView, UnknownProvision
from zhengwu.org.rules import Holder, UnitKind

# Issuing bodies (the values of org.models.UnitKind; a directly affiliated unit counts as a department).
ISSUER_KINDS = frozenset(
    {UnitKind.GOVERNMENT, UnitKind.OFFICE, UnitKind.DEPARTMENT, UnitKind.DIRECT_UNIT, UnitKind.COUNTY}
)

# Superiors a 州政府 document may go to for approval (art. 49, second paragraph).
REGION_GOVERNMENT = "region_government"
PARTY_COMMITTEE = "party_committee"
APPROVING_SUPERIORS = {REGION_GOVERNMENT: "自治区人民政府", PARTY_COMMITTEE: "州党委"}

# Provisions of the rulebook (art. 49 in the Kizilsu rules).
AUTHORITY = "signing.authority"
FORWARDING = "signing.forwarding"
AGREED_DOCUMENT = "signing.agreed_document"
UNIT_DOCUMENT = "signing.unit_document"
FILING_DAYS = "filing.agreed_document_days"

# Role titles, as the article names them.
R_GOVERNOR = "州长"
R_EXECUTIVE = "常务副州长"
R_PORTFOLIO_VICE = "分管副州长"
R_PORTFOLIO_LEADER = "分管领导同志"
R_SECRETARY_GENERAL = "秘书长"
R_OFFICE_DIRECTOR = "办公室主任"
R_UNIT_HEAD = "行政主要负责人"


@dataclass(frozen=True)
class OutgoingFacts:
    """What art. 49 needs to know about an outgoing document.

    ``issuer_kind``: ``government`` (the 州人民政府), ``office`` (its 办公室), ``department``
    (or ``direct_unit``), ``county``.  ``for_approval_by``: ``region_government`` or
    ``party_committee`` when a 州政府 document goes up for approval, else empty.
    """

    issuer_kind: str
    issuer_name: str = ""
    published_instrument: bool = False  # normative document, decision or order the 州政府 publishes
    to_people_congress: bool = False  # motion (议案) or appointment (人事任免) to the 州人大 or its 常委会
    for_approval_by: str = ""
    to_region_departments: bool = False  # to the 自治区's 委、办、厅、局
    important: bool = False
    on_leader_instruction: bool = False  # office document issued on a government leader's 批示
    within_office_competence: bool = False
    forwarding_request: bool = False  # a department asks the office to forward (转发) its document
    agreed_by_government: bool = False  # department document marked 「经自治州人民政府同意」
    spans_portfolios: bool = False  # joint department document across 分管 portfolios
    to_government: bool = True  # a county's or department's document goes to the 州政府 for approval
    direction: str = ""  # up, down, parallel (Direction): only 下行 documents are 「下发」

    def __post_init__(self) -> None:
        if self.issuer_kind not in ISSUER_KINDS:
            raise ValueError(
                f"unknown issuing body kind {self.issuer_kind!r}; expected one of {', '.join(sorted(ISSUER_KINDS))}"
            )
        if self.for_approval_by and self.for_approval_by not in APPROVING_SUPERIORS:
            raise ValueError(
                f"unknown approving superior {self.for_approval_by!r}; expected one of {', '.join(APPROVING_SUPERIORS)}"
            )


@dataclass(frozen=True)
class SigningHolders:
    """Who holds each position on the signing day (``None``: vacant).

    ``governor`` is the holder of the 州长's authority (the 常务副州长 while acting, art. 6);
    ``portfolio_leaders`` the 分管 leaders of the units the document concerns (one per portfolio);
    ``unit_head`` the issuing county's or department's head (or acting head).  ``concerned`` names
    the document's 主办/涉及 units (whose 分管 leaders are meant), ``without_portfolio`` those of them
    that have no 分管 leader that day: both only say what to fix when a 分管 seat is vacant.
    """

    governor: Holder | None = None
    executive_vice_governor: Holder | None = None
    portfolio_leaders: tuple[Holder, ...] = ()
    secretary_general: Holder | None = None
    office_director: Holder | None = None
    unit_head: Holder | None = None
    concerned: tuple[str, ...] = ()
    without_portfolio: tuple[str, ...] = ()


@dataclass(frozen=True)
class Role:
    """A seat art. 49 names (州长, 分管副州长…) and who sits in it that day (``None``: vacant)."""

    title: str
    holder: Holder | None

    @property
    def label(self) -> str:
        return self.holder.label if self.holder else f"{self.title}（空缺）"


@dataclass(frozen=True)
class Step:
    """A step before signing: ``action`` (审核, 提出意见, 同意) by any one of ``any_of``."""

    action: str
    any_of: tuple[Role, ...]

    @property
    def person_ids(self) -> frozenset[int]:
        return frozenset(r.holder.person_id for r in self.any_of if r.holder)

    @property
    def label(self) -> str:
        return f"{_names(self.any_of)}{self.action}"


@dataclass(frozen=True)
class SigningRequirement:
    """Who must act on a document before and at its signature, and why."""

    code: str
    message: str  # the clerk-readable sentence of the rule
    citation: Citation
    signers: tuple[Role, ...] = ()  # acceptable signers: any one of them signs
    steps: tuple[Step, ...] = ()  # in order, before signing
    verb: str = "签发"  # 签批 for 「经自治州人民政府同意」 documents
    notes: tuple[str, ...] = field(default=())  # acting arrangements, absences, filing duty
    filing_days: int | None = None  # 「经同意」 documents: filed with the office within N days of issue
    blocked: str = ""  # a seat nobody holds: why nobody may sign yet, and what to fix
    portfolio: bool = False  # a 分管 leader reviews or signs: the document must name its 主办/涉及 units

    @property
    def determined(self) -> bool:
        return bool(self.signers)

    @property
    def signer_person_ids(self) -> frozenset[int]:
        return frozenset(r.holder.person_id for r in self.signers if r.holder)

    @property
    def who(self) -> str:
        """「签发人：买买提·艾力（州长）或张建华（常务副州长）；此前：刘振东（副州长）审核」."""
        if not self.signers:
            return ""
        text = f"{self.verb}人：{_names(self.signers)}"
        if self.steps:
            text += "；此前：" + "，".join(s.label for s in self.steps)
        return text

    @property
    def summary(self) -> str:
        """The sentence, who that is today, any acting arrangement or absence, and what blocks it."""
        parts = [self.message.rstrip("。")]
        if self.who:
            parts.append(self.who)
        parts += [n.rstrip("。") for n in self.notes]
        if self.blocked:
            parts.append(self.blocked.rstrip("。"))
        return "；".join(parts) + "。"

    @property
    def decision(self) -> Decision:
        """What the document page shows before anyone asks: who signs, or why nobody can yet."""
        if not self.determined:
            return Decision.refuse(self.code, self.message, self.citation)
        if self.blocked:
            return Decision.refuse(
                "signing.vacant",
                _("{requirement}；{blocked}", requirement=Stripped(self.message, "。"), blocked=self.blocked),
                self.citation,
            )
        return Decision.allow(self.code, self.summary, self.citation, signers=sorted(self.signer_person_ids))


def _names(roles: Iterable[Role]) -> str:
    """Labels joined with 或, one per person (the 常务副州长 acting as 州长 appears once)."""
    seen: set[int] = set()
    labels: list[str] = []
    for role in roles:
        if role.holder is not None:
            if role.holder.person_id in seen:
                continue
            seen.add(role.holder.person_id)
        labels.append(role.label)
    return "或".join(labels)


def _unique(holders: Iterable[Holder]) -> tuple[Holder, ...]:
    seen: set[int] = set()
    out: list[Holder] = []
    for h in holders:
        if h.position.id not in seen:
            seen.add(h.position.id)
            out.append(h)
    return tuple(out)


def _portfolio_roles(holders: SigningHolders, title: str) -> tuple[Role, ...]:
    leaders = _unique(holders.portfolio_leaders)
    return tuple(Role(title, h) for h in leaders) or (Role(title, None),)


def _governor_or_executive(holders: SigningHolders) -> tuple[Role, ...]:
    return (Role(R_GOVERNOR, holders.governor), Role(R_EXECUTIVE, holders.executive_vice_governor))


def _notes(roles: Iterable[Role]) -> tuple[str, ...]:
    """Acting arrangements and absences of the people named, from the holders' own basis."""
    out: list[str] = []
    for role in roles:
        h = role.holder
        if h is None or h.basis is None or not (h.acting_for or h.away):
            continue
        if h.basis.message not in out:
            out.append(h.basis.message)
    return tuple(out)


PORTFOLIO_TITLES = frozenset({R_PORTFOLIO_VICE, R_PORTFOLIO_LEADER})


def _vacancy(holders: SigningHolders, signers: tuple[Role, ...], steps: tuple[Step, ...], verb: str) -> str:
    """The sentence that blocks the signature while a seat the row names is vacant, or ''."""
    uses_portfolio = any(r.title in PORTFOLIO_TITLES for r in (*signers, *(r for s in steps for r in s.any_of)))
    gaps: list[str] = []
    if uses_portfolio and (holders.without_portfolio or not holders.portfolio_leaders):
        title = next(r.title for r in (*signers, *(r for s in steps for r in s.any_of)) if r.title in PORTFOLIO_TITLES)
        if not holders.concerned:
            gaps.append(
                f"未能确定{title}：本件没有注明主办、涉及单位。请注明主办、涉及单位（如答复的来文单位、"
                f"主管部门）后再送{verb}"
            )
        else:
            missing = "、".join(holders.without_portfolio or holders.concerned)
            gaps.append(
                f"未能确定{title}：主办、涉及单位（{'、'.join(holders.concerned)}）中，{missing}当日没有"
                f"分管领导同志。请核对主办、涉及单位，或请系统管理员在组织机构中为其设置分管领导同志后再送{verb}"
            )
    seats = [
        *(
            ("或".join(r.title for r in s.any_of), s.action)
            for s in steps
            if not s.person_ids and not any(r.title in PORTFOLIO_TITLES for r in s.any_of)
        )
    ]
    if signers and not any(r.holder for r in signers) and not any(r.title in PORTFOLIO_TITLES for r in signers):
        seats.append(("或".join(r.title for r in signers), verb))
    for title, action in seats:
        gaps.append(f"{title}空缺，无人可以{action}。请系统管理员在组织机构中登记任职或代理安排")
    if not gaps:
        return ""
    return "；".join(gaps) + f"；在此之前本件不能{verb}。"


def _requirement(
    code: str,
    message: str,
    citation: Citation,
    signers: tuple[Role, ...],
    holders: SigningHolders,
    steps: tuple[Step, ...] = (),
    verb: str = "签发",
    extra_notes: tuple[str, ...] = (),
    filing_days: int | None = None,
) -> SigningRequirement:
    notes = _notes(signers) + _notes(r for s in steps for r in s.any_of)
    portfolio = any(r.title in PORTFOLIO_TITLES for r in (*signers, *(r for s in steps for r in s.any_of)))
    return SigningRequirement(
        code,
        message,
        citation,
        signers,
        steps,
        verb,
        tuple(dict.fromkeys(notes + extra_notes)),
        filing_days,
        _vacancy(holders, signers, steps, verb),
        portfolio,
    )


def signing_requirement(facts: OutgoingFacts, holders: SigningHolders, rb: RulebookView) -> SigningRequirement:
    """Who must review and sign ``facts``'s document on the day ``holders`` describe (art. 49)."""
    if facts.issuer_kind == UnitKind.GOVERNMENT:
        return _government(facts, holders, rb)
    if facts.issuer_kind == UnitKind.OFFICE or facts.forwarding_request:
        return _office(facts, holders, rb)
    return _unit(facts, holders, rb)


def _reviewed_by(holders: SigningHolders, title: str, action: str = "审核") -> tuple[Step, ...]:
    return tuple(Step(action, (r,)) for r in _portfolio_roles(holders, title))


def _government(facts: OutgoingFacts, holders: SigningHolders, rb: RulebookView) -> SigningRequirement:
    cite = rb.cite(AUTHORITY)
    governor = (Role(R_GOVERNOR, holders.governor),)
    either = _governor_or_executive(holders)
    if facts.published_instrument or facts.to_people_congress:
        what = (
            "州人民政府公布的规范性文件、决定或命令"
            if facts.published_instrument
            else "州人民政府向州人大及其常委会提出的议案或人事任免"
        )
        return _requirement(
            "signing.published",
            f"本件为{what}，经州人民政府分管领导同志审核后，由州长签发。",
            cite,
            governor,
            holders,
            _reviewed_by(holders, R_PORTFOLIO_LEADER),
        )
    if facts.for_approval_by:
        superior = APPROVING_SUPERIORS[facts.for_approval_by]
        return _requirement(
            "signing.upward",
            f"本件为以州人民政府名义上报{superior}审批的文件，经分管副州长审核后，由州长或常务副州长签发。",
            cite,
            either,
            holders,
            _reviewed_by(holders, R_PORTFOLIO_VICE),
        )
    if facts.to_region_departments:
        if facts.important:
            return _requirement(
                "signing.region_departments_important",
                "本件为以州人民政府名义向自治区人民政府各委、办、厅、局行文的重要公文，由分管副州长审核后，"
                "报州长或常务副州长签发。",
                cite,
                either,
                holders,
                _reviewed_by(holders, R_PORTFOLIO_VICE),
            )
        return _requirement(
            "signing.region_departments",
            "本件为以州人民政府名义向自治区人民政府各委、办、厅、局的行文，由分管副州长签发。",
            cite,
            _portfolio_roles(holders, R_PORTFOLIO_VICE),
            holders,
        )
    if facts.important:
        if facts.direction in ("", "down"):
            message = "本件为以州人民政府名义下发的重要公文，经分管副州长审核后，由州长或常务副州长签发。"
        else:  # an important document not sent down (to the 州政协, a neighbouring prefecture…)
            kind = "上行" if facts.direction == "up" else "平行"
            message = (
                f"本件为以州人民政府名义发出的重要公文（{kind}文），按重要公文办理，经分管副州长审核后，"
                "由州长或常务副州长签发。"
            )
        return _requirement(
            "signing.important", message, cite, either, holders, _reviewed_by(holders, R_PORTFOLIO_VICE)
        )
    return SigningRequirement(
        "signing.undetermined",
        f"以州人民政府名义下发的公文，{cite.short_label}规定重要公文经分管副州长审核后由州长或常务副州长签发；"
        "本件既未标为重要公文，也不属于该条所列其他情形，请政府办公室确认公文类别后再送签。",
        cite,
    )


def _office(facts: OutgoingFacts, holders: SigningHolders, rb: RulebookView) -> SigningRequirement:
    secretary = (Role(R_SECRETARY_GENERAL, holders.secretary_general),)
    if facts.forwarding_request:
        steps = _reviewed_by(holders, R_PORTFOLIO_VICE, "提出意见")
        steps += (Step("同意", _governor_or_executive(holders)),)
        return _requirement(
            "signing.forwarding",
            "本件为政府部门要求州人民政府办公室转发的文件，由分管副州长提出意见，经州长或常务副州长同意后，"
            "由秘书长签发。",
            rb.cite(FORWARDING),
            secretary,
            holders,
            steps,
        )
    cite = rb.cite(AUTHORITY)
    if facts.on_leader_instruction:
        return _requirement(
            "signing.office_instructed",
            "本件为以州人民政府办公室名义发文、州人民政府领导批示办理的公文，由秘书长签发。",
            cite,
            secretary,
            holders,
        )
    if facts.within_office_competence:
        return _requirement(
            "signing.office_competence",
            "本件为州人民政府办公室职权范围内的发文，由秘书长或办公室主任签发。",
            cite,
            (*secretary, Role(R_OFFICE_DIRECTOR, holders.office_director)),
            holders,
        )
    return SigningRequirement(
        "signing.undetermined",
        "以州人民政府办公室名义发文，州人民政府领导批示办理的由秘书长签发，属办公室职权范围内的由秘书长或"
        "办公室主任签发；请确认本件属于哪一种后再送签。",
        cite,
    )


def _unit(facts: OutgoingFacts, holders: SigningHolders, rb: RulebookView) -> SigningRequirement:
    issuer = facts.issuer_name or ("本县（市）" if facts.issuer_kind == UnitKind.COUNTY else "本部门")
    if facts.agreed_by_government and facts.issuer_kind != UnitKind.COUNTY:
        cite = rb.cite(AGREED_DOCUMENT)
        try:
            days: int | None = rb.param(FILING_DAYS).as_int
        except UnknownProvision:
            days = None
        filing = (f"文件印发后{days}日内应向州人民政府办公室报备。",) if days else ()
        leaders = _portfolio_roles(holders, R_PORTFOLIO_LEADER)
        across = facts.spans_portfolios or len(leaders) > 1
        if across:
            return _requirement(
                "signing.agreed_across",
                "本件为冠以“经自治州人民政府同意”字样、涉及不同分管领域的部门联合发文，经相关分管领导同志审核同意后，"
                "由州长或常务副州长签批。",
                cite,
                _governor_or_executive(holders),
                holders,
                tuple(Step("审核同意", (r,)) for r in leaders),
                "签批",
                filing,
                days,
            )
        return _requirement(
            "signing.agreed",
            "本件为冠以“经自治州人民政府同意”字样的部门发文，由州人民政府分管领导同志签批。",
            cite,
            leaders,
            holders,
            (),
            "签批",
            filing,
            days,
        )
    cite = rb.cite(UNIT_DOCUMENT)
    head = (Role(R_UNIT_HEAD, holders.unit_head),)
    if not facts.to_government:
        return _requirement(
            "signing.unit_own",
            f"本件为{issuer}以本单位名义的发文，不是报送州人民政府审批的公文；参照本条，由{issuer}行政主要负责人签发。",
            cite,
            head,
            holders,
        )
    return _requirement(
        "signing.unit_document",
        f"本件为{issuer}报送州人民政府审批的公文，由{issuer}行政主要负责人签发。",
        cite,
        head,
        holders,
    )


def for_recheck(requirement: SigningRequirement, signer_id: int, signer_name: str) -> SigningRequirement:
    """复核: a signed document changed in substance goes back to the person who signed it.

    While he is one of the signers art. 49 names that day, only he may sign it again; if he no
    longer is (away and the authority entrusted, out of post), whoever the article names now signs
    it, and the sentence says so."""
    req = requirement
    if not req.determined:
        return req
    own = tuple(r for r in req.signers if r.holder is not None and r.holder.person_id == signer_id)
    if own:
        note = f"本件签发后作了实质性修改，退回原签发人{signer_name}复核签发，他人不能代为签发。"
        return replace(req, signers=own, notes=(*req.notes, note))
    note = (
        f"本件签发后作了实质性修改，应退回原签发人{signer_name}复核；{signer_name}当日不能{req.verb}，"
        f"改由本条现在规定的{_names(req.signers)}{req.verb}。"
    )
    return replace(req, notes=(*req.notes, note))


def may_sign(
    requirement: SigningRequirement, actor_person_id: int, reviewed_by: Collection[int] | None = None
) -> Decision:
    """May ``actor_person_id`` sign (签发/签批) the document ``requirement`` describes?

    Only an acceptable signer may; anyone else is refused with the sentence naming who must sign.
    With ``reviewed_by`` (the people who have reviewed, given their opinion or agreed so far), a
    signer is also refused while a step before signing is outstanding; a step the signer would
    do himself (the 常务副州长 reviewing in his own portfolio) counts as done by signing.  While a
    seat the row names is vacant (:attr:`SigningRequirement.blocked`) nobody may sign: the step is
    not skipped.
    """
    req = requirement
    if not req.determined:
        return Decision.refuse(req.code, req.message, req.citation)
    if req.blocked:
        return req.decision
    if actor_person_id not in req.signer_person_ids:
        if not req.signer_person_ids:
            message = _(
                "{requirement}；{names}，目前无人可以{verb}。",
                requirement=Stripped(req.message, "。"),
                names=_names(req.signers),
                verb=req.verb,
            )
        else:
            message = _(
                "{requirement}；应由{names}{verb}，您不能{verb}本件。",
                requirement=Stripped(req.message, "。"),
                names=_names(req.signers),
                verb=req.verb,
            )
        return Decision.refuse("signing.not_signer", message, req.citation, signers=sorted(req.signer_person_ids))
    if reviewed_by is not None:
        done = set(reviewed_by) | {actor_person_id}
        pending = [s for s in req.steps if s.person_ids and not (s.person_ids & done)]
        if pending:
            return Decision.refuse(
                "signing.steps_pending",
                _(
                    "{requirement}；尚待{waiting}，暂不能{verb}。",
                    requirement=Stripped(req.message, "。"),
                    waiting=Joined(_("，"), [s.label for s in pending]),
                    verb=req.verb,
                ),
                req.citation,
                pending=[s.action for s in pending],
            )
    return Decision.allow(
        "signing.signer",
        _("{requirement}；由您{verb}。", requirement=Stripped(req.message, "。"), verb=req.verb),
        req.citation,
    )

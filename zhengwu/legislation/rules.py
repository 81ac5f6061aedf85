"""Pure rules of 规章和规范性文件 (arts. 20-22, 24-25).  No Django.

- :func:`parse_articles` splits a text into its articles (第一条、第二条…), so a comment names one;
- :func:`check_text`, the reviewer's helper: sentences that appear to create 行政许可, 行政处罚 or
  行政强制, to reduce rights or add obligations (art. 22), or to set 机构编制 or funding (art. 25);
- :func:`comment_period`: how long a draft stays open for comment (art. 21; art. 24 for major
  decisions), :func:`may_skip_comment`: only a secret draft skips it;
- who does what: the drafting unit's staff draft and answer, its leaders open the comment period
  and send the draft for review (:func:`may_draft`, :func:`may_lead`); the legal-review unit's
  staff (the 司法局) review (:func:`may_review`); the office records the executive meeting's
  deliberation (:func:`may_record_deliberation`);
- the legality review gate (arts. 20, 22): :func:`review_gate` refuses signature, publication and
  the meeting agenda until the current version has passed;
- filing (:func:`filing_targets`, :func:`filing_due`), validity (:func:`validity_change`),
  clean-up (:func:`cleanup_decision`), post-evaluation (:func:`evaluation_due`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from enum import StrEnum

from zhengwu.core.decisions import Decision
from zhengwu.core.i18n import _
from zhengwu.core.rulebook_view import RulebookView
from zhengwu.core.transitions import Step

# The legality review's reading of the text: the legislation workflow asks the same review as a
# normative document drafted in the documents flow, so both read it from one place.
from zhengwu.documents.legality import LEGALITY_REVIEW as LEGALITY_REVIEW
from zhengwu.documents.legality import MAJOR_MATTER as MAJOR_MATTER
from zhengwu.documents.legality import NO_NEW_POWERS as NO_NEW_POWERS
from zhengwu.documents.legality import Article as Article
from zhengwu.documents.legality import Flag as Flag
from zhengwu.documents.legality import check_review as check_review
from zhengwu.documents.legality import check_text as check_text
from zhengwu.documents.legality import parse_articles as parse_articles
from zhengwu.org.rules import ADMINISTRATORS, PositionFact, PositionKind, UnitKind
from zhengwu.workdays.arith import WorkCalendar

# provisions (art. 20, 21, 22 in the Kizilsu rules)
REGULATIONS = "legislation.regulations"
SFJ_REVIEW = "legislation.sfj_review"
PUBLIC_COMMENT = "legislation.public_comment"
THIRD_PARTY = "legislation.third_party"
POST_EVALUATION = "legislation.post_evaluation"
VALIDITY = "normative.validity"
LAWFUL_DRAFTING = "normative.lawful_drafting"
CONSULT_UNITS = "normative.consult_units"
FILING = "normative.filing"
CATALOGUE = "normative.catalogue"
CLEANUP = "normative.cleanup"
# parameters
COMMENT_DAYS_REGULATION = "legislation.comment_days_regulation"
COMMENT_DAYS_NORMATIVE = "legislation.comment_days_normative"
COMMENT_DAYS_MAJOR = "legislation.comment_days_major"
FILING_DAYS = "legislation.filing_days"
EVALUATION_MONTHS = "legislation.evaluation_months"
CATALOGUE_MONTHS = "legislation.catalogue_months"


class NormativeKind(StrEnum):
    """政府规章 or 行政规范性文件; ``zhengwu.legislation.models.NormativeKind`` adds the labels."""

    REGULATION = "regulation"
    NORMATIVE = "normative"


class CommentOutcome(StrEnum):
    """How a public comment was answered (采纳, 部分采纳, 不予采纳)."""

    ADOPTED = "adopted"
    PARTLY = "partly"
    NOT_ADOPTED = "not_adopted"


class CleanupProposal(StrEnum):
    """What the clean-up (清理) proposes for a document: keep, amend, repeal or declare it expired."""

    KEEP = "keep"
    AMEND = "amend"
    REPEAL = "repeal"
    EXPIRE = "expire"


LEADER_KINDS = frozenset(
    {
        PositionKind.UNIT_HEAD,
        PositionKind.UNIT_DEPUTY,
        PositionKind.OFFICE_DIRECTOR,
        PositionKind.SECRETARY_GENERAL,
        PositionKind.DEPUTY_SECRETARY_GENERAL,
    }
)
LEGAL_REVIEW_FUNCTION = "legal_review"

# The 催办 before a filing or an evaluation is due: the office's practice (the rules set none).
REMINDER_DAYS = 3


def _has_staff(positions: Sequence[PositionFact], unit_id: int) -> bool:
    return any(p.unit_id == unit_id and p.kind not in ADMINISTRATORS for p in positions)


def _has_leader(positions: Sequence[PositionFact], unit_id: int) -> bool:
    return any(p.unit_id == unit_id and p.kind in LEADER_KINDS for p in positions)


# -- the text ------------------------------------------------------------------------------------


def check_articles(text: str, rb: RulebookView) -> Decision:
    """A draft's text is structured into articles numbered 第一条, 第二条… in order."""
    citation = rb.cite(LAWFUL_DRAFTING)
    articles = parse_articles(text)
    if not articles:
        return Decision.refuse(
            "draft.no_articles",
            _("正文应当分条撰写，每条以“第一条”“第二条”……开头。"),
            citation,
        )
    numbers = [a.number for a in articles]
    if numbers != list(range(1, len(numbers) + 1)):
        return Decision.refuse(
            "draft.article_order",
            _("条文序号应当从第一条起依次连续编排。"),
            citation,
        )
    return Decision.allow("draft.articles", _("正文共{len}条。", len=len(articles)), citation, count=len(articles))


# -- who -----------------------------------------------------------------------------------------


def may_draft(positions: Sequence[PositionFact], unit_id: int, unit_name: str, rb: RulebookView) -> Decision:
    """The drafting unit's staff draft, revise, consult and answer comments."""
    citation = rb.cite(LAWFUL_DRAFTING)
    if _has_staff(positions, unit_id):
        return Decision.allow("draft.staff", _("{unit_name}起草。", unit_name=unit_name), citation)
    return Decision.refuse(
        "draft.not_staff",
        _("本草案由{unit_name}起草，只能由该单位工作人员办理。", unit_name=unit_name),
        citation,
    )


def may_lead(
    positions: Sequence[PositionFact],
    unit_id: int,
    unit_name: str,
    what: str,
    rb: RulebookView,
    provision: str = LAWFUL_DRAFTING,
) -> Decision:
    """The drafting unit's head or deputies open the comment period and send the draft for review."""
    citation = rb.cite(provision)
    if _has_leader(positions, unit_id):
        return Decision.allow(
            "draft.leader", _("{unit_name}负责同志{what}。", unit_name=unit_name, what=what), citation
        )
    return Decision.refuse(
        "draft.not_leader",
        _("{what}由{unit_name}负责同志决定。", what=what, unit_name=unit_name),
        citation,
    )


def may_review(positions: Sequence[PositionFact], legal_unit_ids: Collection[int], rb: RulebookView) -> Decision:
    """Legality review is the 司法局's (the unit whose function is ``legal_review``) (arts. 20, 22)."""
    citation = rb.cite(LEGALITY_REVIEW)
    if any(p.unit_id in legal_unit_ids and p.kind not in ADMINISTRATORS for p in positions):
        return Decision.allow("review.legal_unit", _("司法局合法性审查。"), citation)
    return Decision.refuse(
        "review.not_legal_unit",
        _("规章和规范性文件的合法性审查由司法局负责，您无权审查。"),
        citation,
    )


def may_record_deliberation(
    positions: Sequence[PositionFact], issuer_kind: str, issuer_id: int, office_id: int | None, rb: RulebookView
) -> Decision:
    """The government's documents are deliberated at its executive meeting, recorded by the office;
    a department's at its leadership meeting, recorded by its leaders (art. 24: 集体审议)."""
    citation = rb.cite(LEGALITY_REVIEW)
    if issuer_kind == UnitKind.GOVERNMENT:
        if office_id is not None and _has_staff(positions, office_id):
            return Decision.allow("deliberation.office", _("政府办公室记录常务会议审议情况。"), citation)
        return Decision.refuse(
            "deliberation.not_office",
            _("州人民政府常务会议的审议情况由政府办公室记录。"),
            citation,
        )
    if _has_leader(positions, issuer_id):
        return Decision.allow("deliberation.unit", _("本单位负责同志记录集体审议情况。"), citation)
    return Decision.refuse(
        "deliberation.not_unit_leader",
        _("部门规范性文件的集体审议情况由该部门负责同志记录。"),
        citation,
    )


def may_file(
    positions: Sequence[PositionFact],
    issuer_kind: str,
    drafting_unit_id: int,
    office_id: int | None,
    legal_unit_ids: Collection[int],
    rb: RulebookView,
) -> Decision:
    """The government's documents are filed by the office or the 司法局; a department's by its staff."""
    citation = rb.cite(FILING)
    if issuer_kind == UnitKind.GOVERNMENT:
        allowed = ({office_id} if office_id else set()) | set(legal_unit_ids)
        if any(p.unit_id in allowed and p.kind not in ADMINISTRATORS for p in positions):
            return Decision.allow("filing.staff", _("报送备案。"), citation)
        return Decision.refuse(
            "filing.not_staff",
            _("州人民政府的规章、规范性文件由政府办公室或司法局报送备案。"),
            citation,
        )
    if _has_staff(positions, drafting_unit_id):
        return Decision.allow("filing.unit", _("部门报州人民政府备案。"), citation)
    return Decision.refuse(
        "filing.not_unit",
        _("部门规范性文件由制定部门报州人民政府备案。"),
        citation,
    )


# -- states --------------------------------------------------------------------------------------


# -- the steps of a draft (arts. 20-22) -------------------------------------------------------------

DRAFTING, CONSULTING, ANSWERING, ANSWERED = "drafting", "consulting", "answering", "answered"
REVIEWING, RETURNED, PASSED, DELIBERATED, SIGNING = "reviewing", "returned", "passed", "deliberated", "signing"
EDITABLE = (DRAFTING, ANSWERING, ANSWERED, RETURNED, PASSED)


def _step(code: str, what: str, states: Collection[str], provision: str) -> Step:
    return Step.of(f"legislation.{code}", what, states, provision, subject=_("草案"))


EDIT = _step("edit", "修改", EDITABLE, LAWFUL_DRAFTING)
CONSULT = _step("consult_units", "征求部门意见", EDITABLE[:4], LAWFUL_DRAFTING)
RECORD_DISPUTE = _step("dispute", "记录争议事项", EDITABLE, LAWFUL_DRAFTING)
OPEN_COMMENT = _step("comment.open", "公开征求意见", [DRAFTING], PUBLIC_COMMENT)
CLOSE_COMMENT = _step("comment.close", "结束征求意见", [CONSULTING], PUBLIC_COMMENT)
ANSWER_COMMENT = _step("comment.answer", "反馈意见", [ANSWERING], PUBLIC_COMMENT)
PUBLISH_ANSWERS = _step("comment.publish_answers", "公布意见采纳情况", [ANSWERING], PUBLIC_COMMENT)
REVIEW = _step("review", "审查", [REVIEWING], LEGALITY_REVIEW)
RECORD_DELIBERATION = _step("deliberation", "记录审议", [PASSED], LEGALITY_REVIEW)
PREPARE_DOCUMENT = _step("document", "送签发", [DELIBERATED], LEGALITY_REVIEW)
RECORD_UNIT_ISSUE = _step("unit_issue", "登记印发", [DELIBERATED], LEGALITY_REVIEW)
PUBLISH = _step("publish", "公布", [SIGNING], LEGALITY_REVIEW)


# -- steps of filing and post-evaluation (arts. 21, 22) -------------------------------------------

FILING_PENDING, FILING_FILED = "pending", "filed"
EVALUATION_PENDING = "pending"

#: A published document is filed once with each filing authority (art. 22).
FILE = Step.of("legislation.filing.file", _("报送备案"), [FILING_PENDING], FILING, subject=_("本备案"))
#: A department's filing is reviewed once it has been filed (art. 22).
REVIEW_FILING = Step.of(
    "legislation.filing.review", _("审查"), [FILING_FILED], FILING, when=_("报送备案后"), subject=_("本备案")
)
#: A regulation's post-evaluation is done once (art. 21).
EVALUATE = Step.of(
    "legislation.evaluation.done", _("完成评估"), [EVALUATION_PENDING], POST_EVALUATION, subject=_("本评估")
)


def check_route(government: bool, step: str, rb: RulebookView) -> Decision:
    """The government's documents go through the executive meeting and the document flow; a
    department's are deliberated, signed and issued by the department itself (arts. 20, 22)."""
    citation = rb.cite(LEGALITY_REVIEW)
    refusals = {
        ("topic", False): "部门规范性文件由本部门集体审议，无需提请州人民政府常务会议。",
        ("document", False): "部门规范性文件按本部门发文规定签发，请在印发后登记文号。",
        ("unit_issue", True): "州人民政府的规章、规范性文件经公文流程签发印发。",
        ("filing_review", True): "州人民政府的规章、规范性文件由备案机关审查。",
    }
    message = refusals.get((step, government))
    if message:
        return Decision.refuse(f"draft.route.{step}", message, citation, government=government)
    return Decision.allow(f"draft.route.{step}", _("按制定机关办理。"), citation, government=government)


def check_not_on_agenda(requested: bool, rb: RulebookView) -> Decision:
    """A draft goes on the executive meeting's agenda once."""
    citation = rb.cite(LEGALITY_REVIEW)
    if requested:
        return Decision.refuse("draft.topic_requested", _("已提请常务会议审议。"), citation)
    return Decision.allow("draft.topic_open", _("可以提请常务会议审议。"), citation)


def check_document_issued(issued: bool, rb: RulebookView) -> Decision:
    """A government document is published after its 公文 has been issued."""
    citation = rb.cite(LEGALITY_REVIEW)
    if not issued:
        return Decision.refuse("draft.document_not_issued", _("公文尚未登记印发，不能公布。"), citation)
    return Decision.allow("draft.document_issued", _("公文已印发。"), citation)


def check_not_secret(secret: bool, secret_reason: str, rb: RulebookView) -> Decision:
    """A draft the law keeps secret is not published for comment (art. 21)."""
    citation = rb.cite(PUBLIC_COMMENT)
    if secret:
        return Decision.refuse(
            "comment.secret_draft",
            _("本草案依法需要保密（{secret_reason}），不公开征求意见。", secret_reason=secret_reason),
            citation,
        )
    return Decision.allow("comment.public", _("公开征求意见。"), citation)


def check_comment_period_over(closes_on: dt.date | None, today_open: bool, rb: RulebookView) -> Decision:
    """The comment period runs its full length: it is not closed early (art. 21).  ``closes_on``
    is its last day; ``today_open`` whether it is still running."""
    citation = rb.cite(PUBLIC_COMMENT)
    if closes_on is not None and today_open:
        return Decision.refuse(
            "comment.still_open", _("征求意见期至{closes_on}，期满前不能提前结束。", closes_on=closes_on), citation
        )
    return Decision.allow("comment.over", _("征求意见期已满。"), citation)


def check_consultation(already_asked: bool, already_replied: bool, rb: RulebookView) -> Decision:
    """The units concerned are consulted once, and each replies once (art. 22)."""
    citation = rb.cite(CONSULT_UNITS)
    if already_asked:
        return Decision.refuse("consult.already_asked", _("已向所选部门征求过意见。"), citation)
    if already_replied:
        return Decision.refuse("consult.already_replied", _("本单位已经回复过意见。"), citation)
    return Decision.allow("consult.open", _("征求部门意见。"), citation)


def check_dispute_open(listed: bool, rb: RulebookView) -> Decision:
    """A third-party evaluation is recorded before the 司法局 lists the parties' reasons (art. 21)."""
    citation = rb.cite(THIRD_PARTY)
    if listed:
        return Decision.refuse("dispute.listed", _("司法局已列明各方理据，不能再记录评估。"), citation)
    return Decision.allow("dispute.open", _("可以记录第三方评估。"), citation)


def check_unreviewed(reviewed: bool, rb: RulebookView) -> Decision:
    """A filing is reviewed once (art. 22)."""
    citation = rb.cite(FILING)
    if reviewed:
        return Decision.refuse("filing.reviewed", _("已经审查。"), citation)
    return Decision.allow("filing.unreviewed", _("可以审查。"), citation)


def check_cleanup(in_force: int, undecided: int, closed: bool, rb: RulebookView, *, closing: bool) -> Decision:
    """A clean-up lists the documents in force; it closes once, when every one is decided (art. 22)."""
    citation = rb.cite(CLEANUP)
    if not closing and not in_force:
        return Decision.refuse("cleanup.nothing", _("目前没有有效的规章、规范性文件，无需清理。"), citation)
    if closing and undecided:
        return Decision.refuse(
            "cleanup.undecided", _("尚有{undecided}件文件未审定清理结果。", undecided=undecided), citation
        )
    if closing and closed:
        return Decision.refuse("cleanup.closed", _("本次清理已结束。"), citation)
    return Decision.allow("cleanup.ok", _("可以清理。"), citation)


def may_skip_comment(secret: bool, secret_reason: str, rb: RulebookView) -> Decision:
    """Every draft is published for comment unless the law requires it to be kept secret (art. 21)."""
    citation = rb.cite(PUBLIC_COMMENT)
    if secret and secret_reason.strip():
        return Decision.allow(
            "comment.secret", _("依法需要保密（{strip}），不公开征求意见。", strip=secret_reason.strip()), citation
        )
    return Decision.refuse(
        "comment.required",
        _("除依法需要保密的外，草案都要公开征求意见；本草案未标明保密及其依据，不能跳过征求意见。"),
        citation,
    )


def comment_period(
    kind: str, major: bool, opens: dt.date, requested_days: int | None, rb: RulebookView, cal: WorkCalendar
) -> Decision:
    """The last day of comment: the kind's minimum (regulations 30 days, normative documents 7
    working days), at least 30 days for a major decision (art. 24); the unit may set a longer
    period but not a shorter one.  Calendar days roll off a rest day.  Facts: ``closes_on``."""
    key = COMMENT_DAYS_REGULATION if kind == NormativeKind.REGULATION else COMMENT_DAYS_NORMATIVE
    param = rb.param(key)

    def end(p_unit: str, n: int) -> dt.date:
        return cal.add_working_days(opens, n) if p_unit == "working_days" else cal.add_days(opens, n)

    minimum = end(param.unit, param.as_int)
    citation = rb.param_citation(key)
    label = f"{param.as_int}{'个工作日' if param.unit == 'working_days' else '日'}"
    if major:
        major_param = rb.param(COMMENT_DAYS_MAJOR)
        major_end = end(major_param.unit, major_param.as_int)
        if major_end > minimum:
            minimum, citation = major_end, rb.param_citation(COMMENT_DAYS_MAJOR)
            label = f"{major_param.as_int}日（重大行政决策）"
    closes = minimum
    if requested_days is not None:
        wanted = cal.add_days(opens, requested_days)
        if wanted < minimum:
            return Decision.refuse(
                "comment.too_short",
                _("征求意见期限不得少于{label}，即不早于{isoformat}截止。", label=label, isoformat=minimum.isoformat()),
                citation,
                closes_on=minimum,
            )
        closes = wanted
    return Decision.allow(
        "comment.period",
        _("公开征求意见至{isoformat}（不少于{label}）。", isoformat=closes.isoformat(), label=label),
        citation,
        closes_on=closes,
    )


def may_comment(
    state: str,
    now: dt.datetime,
    closes_at: dt.datetime | None,
    article: int,
    article_numbers: Collection[int],
    rb: RulebookView,
) -> Decision:
    """A comment from the public: only while the draft is open and before the period closes, on an
    article the draft has (0: the draft as a whole)."""
    citation = rb.cite(PUBLIC_COMMENT)
    if state != "consulting" or closes_at is None or now >= closes_at:
        return Decision.refuse("comment.closed", _("该草案当前不在公开征求意见期内。"), citation)
    if article and article not in article_numbers:
        return Decision.refuse("comment.no_article", _("草案没有第{article}条。", article=article), citation)
    return Decision.allow("comment.open", _("意见已收到。"), citation)


def answers_complete(unanswered: int, rb: RulebookView) -> Decision:
    citation = rb.cite(PUBLIC_COMMENT)
    if unanswered:
        return Decision.refuse(
            "answers.incomplete",
            _("尚有{unanswered}条意见未逐条反馈采纳情况和理由。", unanswered=unanswered),
            citation,
        )
    return Decision.allow("answers.complete", _("意见均已反馈。"), citation)


def check_answer(outcome: str, reason: str, rb: RulebookView) -> Decision:
    citation = rb.cite(PUBLIC_COMMENT)
    if outcome not in set(CommentOutcome):
        return Decision.refuse("answer.outcome", _("处理结果应为采纳、部分采纳或不予采纳。"), citation)
    if outcome != CommentOutcome.ADOPTED and not reason.strip():
        return Decision.refuse(
            "answer.reason",
            _("部分采纳或不予采纳的，应当说明理由。"),
            citation,
        )
    return Decision.allow("answer.ok", _("已反馈。"), citation)


def consultations_done(pending: Sequence[tuple[str, dt.date]], today: dt.date, rb: RulebookView) -> Decision:
    """Units whose powers are touched have replied (or their reply period has ended) (art. 22)."""
    citation = rb.cite(CONSULT_UNITS)
    waiting = [name for name, due in pending if due >= today]
    if waiting:
        return Decision.refuse("consult.pending", _("尚待{join}回复意见。", join="、".join(waiting)), citation)
    return Decision.allow("consult.done", _("相关部门意见已听取。"), citation)


def ready_for_review(state: str, secret: bool, comments_published: bool, rb: RulebookView) -> Decision:
    """A draft goes to legality review once the comments are answered and published (or it is secret),
    or again after a return."""
    if state == "returned":
        return Decision.allow("review.resubmit", _("修改后重新送审。"), rb.cite(LEGALITY_REVIEW))
    if state == "answered" and comments_published:
        return Decision.allow("review.submit", _("送合法性审查。"), rb.cite(LEGALITY_REVIEW))
    if state == "drafting" and secret:
        return Decision.allow("review.secret", _("依法保密的草案直接送合法性审查。"), rb.cite(PUBLIC_COMMENT))
    return Decision.refuse(
        "review.comment_first",
        _("草案应当先公开征求意见，并逐条反馈、公布意见采纳情况后，再送合法性审查。"),
        rb.cite(PUBLIC_COMMENT),
    )


def revised_since_return(current_version: int, returned_version: int | None, rb: RulebookView) -> Decision:
    citation = rb.cite(LEGALITY_REVIEW)
    if returned_version is not None and current_version <= returned_version:
        return Decision.refuse(
            "review.not_revised",
            _("审查退回的草案应当修改（形成新的版本）后再送审。"),
            citation,
        )
    return Decision.allow("review.revised", _("已修改。"), citation)


def review_gate(passed_version: int | None, current_version: int, what: str, kind: str, rb: RulebookView) -> Decision:
    """Until the legality review has passed the current version, the draft cannot be signed,
    published or put on a meeting agenda (arts. 20, 22)."""
    citation = rb.cite(SFJ_REVIEW if kind == NormativeKind.REGULATION else LEGALITY_REVIEW)
    if passed_version is not None and passed_version == current_version:
        return Decision.allow(
            "review.passed",
            _("合法性审查已通过（第{current_version}稿），可以{what}。", current_version=current_version, what=what),
            citation,
        )
    if passed_version is not None:
        msg = _(
            "合法性审查通过的是第{passed_version}稿，此后草案已修改，须重新审查后才能{what}。",
            passed_version=passed_version,
            what=what,
        )
    else:
        msg = _("草案未经司法局合法性审查通过，不能{what}。", what=what)
    return Decision.refuse("review.not_passed", msg, citation)


def disputes_listed(unlisted: Sequence[str], rb: RulebookView) -> Decision:
    """Contested matters go to the government with the 司法局's list of reasons and its proposal (art. 21)."""
    citation = rb.cite(THIRD_PARTY)
    if unlisted:
        matters = "”“".join(unlisted)
        return Decision.refuse(
            "dispute.unlisted",
            _("争议事项“{matters}”尚待司法局列明各方理据并提出倾向性意见。", matters=matters),
            citation,
        )
    return Decision.allow("dispute.listed", _("争议事项已列明各方理据。"), citation)


def same_text(document_body: str, passed_body: str, rb: RulebookView) -> Decision:
    """What is published is the text that passed review."""
    citation = rb.cite(LEGALITY_REVIEW)
    if document_body.strip() != passed_body.strip():
        return Decision.refuse(
            "publish.text_changed",
            _("印发的正文与合法性审查通过的文本不一致，须重新审查。"),
            citation,
        )
    return Decision.allow("publish.same_text", _("印发文本与审查通过文本一致。"), citation)


# -- after publication ---------------------------------------------------------------------------


def filing_due(published_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> Decision:
    """Filed within ``legislation.filing_days`` calendar days of publication (rolled off a rest day)."""
    days = rb.param(FILING_DAYS).as_int
    due = cal.add_days(published_on, days)
    return Decision.allow(
        "filing.due",
        _("应当自公布之日起{days}日内报送备案，即{isoformat}前。", days=days, isoformat=due.isoformat()),
        rb.param_citation(FILING_DAYS),
        due=due,
        days=days,
    )


def filing_lateness(due: dt.date, filed_on: dt.date, rb: RulebookView) -> Decision:
    late = filed_on > due
    return Decision.allow(
        "filing.late" if late else "filing.on_time",
        _("{value}报送备案（期限{isoformat}）。", value="逾期" if late else "按期", isoformat=due.isoformat()),
        rb.cite(FILING),
        late=late,
    )


def evaluation_due(published_on: dt.date, rb: RulebookView, cal: WorkCalendar) -> Decision:
    months = rb.param(EVALUATION_MONTHS).as_int
    due = cal.add_months(published_on, months)
    return Decision.allow(
        "evaluation.due",
        _("规章实施后应当进行后评估，应于{isoformat}前完成。", isoformat=due.isoformat()),
        rb.param_citation(EVALUATION_MONTHS),
        due=due,
    )


TERMINAL = frozenset({"expired", "repealed", "revoked"})
VALIDITY_LABELS = {"in_force": "有效", "amended": "已修改", "expired": "失效", "repealed": "废止", "revoked": "撤销"}


def validity_change(current: str, new: str, has_related: bool, rb: RulebookView) -> Decision:
    """有效 → 已修改 (by an amending document) / 失效 / 废止 / 撤销 (void from the start);
    a document already ended cannot change again."""
    citation = rb.cite(VALIDITY)
    if new not in VALIDITY_LABELS or new == "in_force":
        return Decision.refuse("validity.unknown", _("有效性应为已修改、失效、废止或撤销。"), citation)
    if current not in {"in_force", "amended"}:
        label = VALIDITY_LABELS.get(current, "未公布")
        return Decision.refuse(
            "validity.ended",
            _(
                "该文件当前为“{label}”，不能再改为“{VALIDITY_LABELS}”。",
                label=label,
                VALIDITY_LABELS=VALIDITY_LABELS[new],
            ),
            citation,
        )
    if new == "amended" and not has_related:
        return Decision.refuse(
            "validity.amend_needs_related",
            _("改为“已修改”应当注明修改它的文件。"),
            citation,
        )
    return Decision.allow(
        "validity.change", _("有效性改为“{VALIDITY_LABELS}”。", VALIDITY_LABELS=VALIDITY_LABELS[new]), citation
    )


def validity_open(current: str, rb: RulebookView) -> Decision:
    """Only a document in force (or amended) changes validity; one not yet published, or already
    ended, does not."""
    citation = rb.cite(VALIDITY)
    if current not in {"in_force", "amended"}:
        label = VALIDITY_LABELS.get(current, "未公布")
        return Decision.refuse("validity.ended", _("该文件当前为“{label}”，有效性不能再变更。", label=label), citation)
    return Decision.allow("validity.open", _("可以变更有效性。"), citation)


def effective_on(new: str, requested: dt.date, published_on: dt.date) -> dt.date:
    """撤销 voids a document from the start (its publication); the others take effect when stated."""
    return published_on if new == "revoked" else requested


def may_propose_cleanup(
    positions: Sequence[PositionFact], unit_id: int, unit_name: str, closed: bool, decided: bool, rb: RulebookView
) -> Decision:
    """The unit that drafted a document in force proposes what becomes of it, until the 司法局 has
    decided and while the clean-up runs."""
    citation = rb.cite(CLEANUP)
    if closed:
        return Decision.refuse("cleanup.closed", _("本次清理已结束。"), citation)
    if decided:
        return Decision.refuse("cleanup.decided", _("该文件的清理结果已审定，不能再提出清理意见。"), citation)
    if not _has_staff(positions, unit_id):
        return Decision.refuse(
            "cleanup.not_unit", _("该文件由{unit_name}提出清理意见。", unit_name=unit_name), citation
        )
    return Decision.allow(
        "cleanup.may_propose", _("{unit_name}对本单位起草的文件提出清理意见。", unit_name=unit_name), citation
    )


def check_cleanup_proposal(proposal: str, reason: str, rb: RulebookView) -> Decision:
    """A proposal is one of the four outcomes; any but 继续有效 says why."""
    citation = rb.cite(CLEANUP)
    if proposal not in set(CleanupProposal):
        return Decision.refuse("cleanup.proposal", _("清理意见应为继续有效、修改、废止或宣布失效。"), citation)
    if proposal != CleanupProposal.KEEP and not reason.strip():
        return Decision.refuse("cleanup.reason", _("建议修改、废止或宣布失效的，应当说明理由。"), citation)
    return Decision.allow("cleanup.proposed", _("清理意见已提出。"), citation)


def cleanup_proposal(
    positions: Sequence[PositionFact],
    unit_id: int,
    unit_name: str,
    proposal: str,
    reason: str,
    closed: bool,
    rb: RulebookView,
) -> Decision:
    may = may_propose_cleanup(positions, unit_id, unit_name, closed, False, rb)
    return may if not may.allowed else check_cleanup_proposal(proposal, reason, rb)


def may_decide_cleanup(
    positions: Sequence[PositionFact],
    legal_unit_ids: Collection[int],
    proposal: str,
    closed: bool,
    decided: bool,
    rb: RulebookView,
) -> Decision:
    """The 司法局's leaders decide each entry, once, after its unit has proposed."""
    citation = rb.cite(CLEANUP)
    if closed:
        return Decision.refuse("cleanup.closed", _("本次清理已结束。"), citation)
    if not any(p.unit_id in legal_unit_ids and p.kind in LEADER_KINDS for p in positions):
        return Decision.refuse("cleanup.not_decider", _("清理结果由司法局负责同志审定。"), citation)
    if decided:
        return Decision.refuse("cleanup.decided", _("该文件的清理结果已审定。"), citation)
    if not proposal:
        return Decision.refuse("cleanup.no_proposal", _("制定单位尚未提出清理意见。"), citation)
    return Decision.allow("cleanup.may_decide", _("司法局负责同志审定清理结果。"), citation)


def check_cleanup_decision(decision: str, rb: RulebookView) -> Decision:
    if decision not in set(CleanupProposal):
        return Decision.refuse("cleanup.decision", _("清理结果应为继续有效、修改、废止或宣布失效。"), rb.cite(CLEANUP))
    return Decision.allow("cleanup.decided", _("清理结果已审定。"), rb.cite(CLEANUP))


def cleanup_decision(
    positions: Sequence[PositionFact],
    legal_unit_ids: Collection[int],
    proposal: str,
    decision: str,
    closed: bool,
    rb: RulebookView,
) -> Decision:
    """The 司法局's leaders decide each entry once its unit has proposed."""
    may = may_decide_cleanup(positions, legal_unit_ids, proposal, closed, False, rb)
    return may if not may.allowed else check_cleanup_decision(decision, rb)


def catalogue_due(last_release: dt.date | None, today: dt.date, rb: RulebookView, cal: WorkCalendar) -> Decision:
    """The 司法局 publishes the catalogue every ``legislation.catalogue_months`` months.  Facts: ``due``."""
    months = rb.param(CATALOGUE_MONTHS).as_int
    citation = rb.param_citation(CATALOGUE_MONTHS)
    if last_release is None:
        return Decision.refuse("catalogue.never", _("司法局尚未公布规范性文件目录。"), citation, due=today)
    due = cal.add_months(last_release, months)
    if today > due:
        return Decision.refuse(
            "catalogue.overdue",
            _("规范性文件目录应于{isoformat}前更新公布。", isoformat=due.isoformat()),
            citation,
            due=due,
        )
    return Decision.allow(
        "catalogue.current", _("下次应于{isoformat}前公布。", isoformat=due.isoformat()), citation, due=due
    )

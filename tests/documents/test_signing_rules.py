"""Who signs an outgoing document (art. 49): one case per row of the table, plus importance,
acting arrangements and refusals.  Pure rule: hand-built holders, no database."""

from __future__ import annotations

import datetime as dt

import pytest

from zhengwu.documents.rules.signing import (
    OutgoingFacts,
    SigningHolders,
    for_recheck,
    may_sign,
    signing_requirement,
)
from zhengwu.org.rules import (
    AbsenceFact,
    ActingFact,
    AppointmentFact,
    Authority,
    Holder,
    OrgFacts,
    PositionFact,
    resolve_holder,
)

pytestmark = pytest.mark.article(49)

DAY = dt.date(2026, 12, 2)
START = dt.date(2023, 1, 1)
GOV_UNIT, OFFICE_UNIT, FGW_UNIT, CZJ_UNIT, JYJ_UNIT, ATUSHI_UNIT = 100, 200, 300, 400, 500, 600

GOVERNOR = PositionFact(1, "governor", "州长", GOV_UNIT, "government", "州人民政府")
EXEC_VICE = PositionFact(2, "executive_vice_governor", "常务副州长", GOV_UNIT, "government", "州人民政府")
VICE_LIU = PositionFact(3, "vice_governor", "副州长", GOV_UNIT, "government", "州人民政府")
VICE_AYIGUL = PositionFact(4, "vice_governor", "副州长", GOV_UNIT, "government", "州人民政府")
SEC_GEN = PositionFact(5, "secretary_general", "秘书长", OFFICE_UNIT, "office", "州政府办公室")
OFFICE_DIRECTOR = PositionFact(6, "office_director", "办公室主任", OFFICE_UNIT, "office", "州政府办公室")
FGW_HEAD = PositionFact(7, "unit_head", "主任", FGW_UNIT, "department", "州发展改革委")
FGW_DEPUTY = PositionFact(8, "unit_deputy", "副主任", FGW_UNIT, "department", "州发展改革委")
ATUSHI_HEAD = PositionFact(9, "unit_head", "市长", ATUSHI_UNIT, "county", "阿图什市")
OFFICE_CLERK = PositionFact(10, "clerk", "文电科科员", OFFICE_UNIT, "office", "州政府办公室")

GOV, EXEC, LIU, AYIGUL, WANG, CHEN, ZHOU, MA, AIERKEN, LINA = range(11, 21)
PEOPLE = {
    GOV: ("买买提·艾力", GOVERNOR),
    EXEC: ("张建华", EXEC_VICE),
    LIU: ("刘振东", VICE_LIU),
    AYIGUL: ("阿依古丽·吐尔逊", VICE_AYIGUL),
    WANG: ("王立新", SEC_GEN),
    CHEN: ("陈静", OFFICE_DIRECTOR),
    ZHOU: ("周强", FGW_HEAD),
    MA: ("马丽", FGW_DEPUTY),
    AIERKEN: ("艾尔肯·玉素甫", ATUSHI_HEAD),
    LINA: ("李娜", OFFICE_CLERK),
}


def holder(person_id: int) -> Holder:
    name, position = PEOPLE[person_id]
    return Holder(person_id, name, position)


def holders(*portfolio: int, unit_head: int = ZHOU) -> SigningHolders:
    """Everyone in post; ``portfolio``: the 分管 leaders of the units concerned (default 刘振东)."""
    return SigningHolders(
        governor=holder(GOV),
        executive_vice_governor=holder(EXEC),
        portfolio_leaders=tuple(holder(p) for p in (portfolio or (LIU,))),
        secretary_general=holder(WANG),
        office_director=holder(CHEN),
        unit_head=holder(unit_head),
    )


def review_ids(req) -> list[set[int]]:
    return [set(step.person_ids) for step in req.steps]


# ------------------------------------------------------------------ one case per row of the table


def test_normative_document_reviewed_by_portfolio_leader_signed_by_governor_only(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government", published_instrument=True), holders(), kizilsu)
    assert req.signer_person_ids == {GOV}
    assert review_ids(req) == [{LIU}]
    assert req.steps[0].action == "审核"
    assert req.message == "本件为州人民政府公布的规范性文件、决定或命令，经州人民政府分管领导同志审核后，由州长签发。"
    assert req.citation.article == 49
    assert req.citation.provision == "signing.authority"
    assert not may_sign(req, EXEC).allowed  # the 常务副州长 does not sign what is reserved to the 州长


def test_motion_to_the_peoples_congress_signed_by_governor(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government", to_people_congress=True), holders(AYIGUL), kizilsu)
    assert req.signer_person_ids == {GOV}
    assert review_ids(req) == [{AYIGUL}]
    assert "向州人大及其常委会提出的议案或人事任免" in req.message


def test_normative_document_across_portfolios_reviewed_by_each_leader(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government", published_instrument=True), holders(LIU, AYIGUL), kizilsu)
    assert review_ids(req) == [{LIU}, {AYIGUL}]
    assert req.signer_person_ids == {GOV}


def test_upward_to_the_region_government_governor_or_executive_after_vice_review(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government", for_approval_by="region_government"), holders(), kizilsu)
    assert req.message == (
        "本件为以州人民政府名义上报自治区人民政府审批的文件，经分管副州长审核后，由州长或常务副州长签发。"
    )
    assert req.signer_person_ids == {GOV, EXEC}
    assert review_ids(req) == [{LIU}]
    assert req.who == "签发人：买买提·艾力（州长）或张建华（常务副州长）；此前：刘振东（副州长）审核"
    assert may_sign(req, GOV).allowed
    assert may_sign(req, EXEC).allowed


def test_upward_to_the_party_committee(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government", for_approval_by="party_committee"), holders(), kizilsu)
    assert "上报州党委审批" in req.message
    assert req.signer_person_ids == {GOV, EXEC}


def test_to_region_departments_signed_by_the_portfolio_vice_governor(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government", to_region_departments=True), holders(), kizilsu)
    assert req.signer_person_ids == {LIU}
    assert req.steps == ()
    assert req.message == "本件为以州人民政府名义向自治区人民政府各委、办、厅、局的行文，由分管副州长签发。"
    assert may_sign(req, LIU).allowed
    assert not may_sign(req, AYIGUL).allowed  # a vice-governor outside the portfolio


def test_important_to_region_departments_goes_up_to_governor_or_executive(kizilsu) -> None:
    req = signing_requirement(
        OutgoingFacts("government", to_region_departments=True, important=True), holders(), kizilsu
    )
    assert req.signer_person_ids == {GOV, EXEC}
    assert review_ids(req) == [{LIU}]
    assert not may_sign(req, LIU).allowed


def test_important_government_document_sent_down(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government", important=True), holders(), kizilsu)
    assert req.code == "signing.important"
    assert req.signer_person_ids == {GOV, EXEC}
    assert review_ids(req) == [{LIU}]


def test_ordinary_government_document_sent_down_has_no_signer_until_classified(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government"), holders(), kizilsu)
    assert not req.determined
    assert not req.decision.allowed
    for person in (GOV, EXEC, LIU):
        decision = may_sign(req, person)
        assert not decision.allowed
        assert "请政府办公室确认公文类别" in decision.message


def test_importance_matters_only_where_the_rules_say(kizilsu) -> None:
    published = OutgoingFacts("government", published_instrument=True, important=True)
    assert signing_requirement(published, holders(), kizilsu).signer_person_ids == {GOV}
    upward = OutgoingFacts("government", for_approval_by="region_government", important=True)
    assert signing_requirement(upward, holders(), kizilsu).signer_person_ids == {GOV, EXEC}


def test_office_document_on_leader_instruction_signed_by_secretary_general(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("office", on_leader_instruction=True), holders(), kizilsu)
    assert req.signer_person_ids == {WANG}
    assert req.message == "本件为以州人民政府办公室名义发文、州人民政府领导批示办理的公文，由秘书长签发。"
    assert not may_sign(req, CHEN).allowed


def test_office_document_within_competence_secretary_general_or_office_director(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("office", within_office_competence=True), holders(), kizilsu)
    assert req.signer_person_ids == {WANG, CHEN}
    assert req.citation.provision == "signing.authority"
    assert may_sign(req, CHEN).allowed
    assert not may_sign(req, LINA).allowed


def test_office_document_of_no_listed_kind_is_undetermined(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("office"), holders(), kizilsu)
    assert not req.determined
    assert not may_sign(req, WANG).allowed


def test_forwarding_opinion_agreement_then_secretary_general(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("office", forwarding_request=True), holders(), kizilsu)
    assert req.signer_person_ids == {WANG}
    assert [s.action for s in req.steps] == ["提出意见", "同意"]
    assert review_ids(req) == [{LIU}, {GOV, EXEC}]
    assert req.citation.provision == "signing.forwarding"
    assert req.message == (
        "本件为政府部门要求州人民政府办公室转发的文件，由分管副州长提出意见，经州长或常务副州长同意后，由秘书长签发。"
    )
    # the steps come first
    assert not may_sign(req, WANG, reviewed_by={LIU}).allowed
    assert may_sign(req, WANG, reviewed_by={LIU, EXEC}).allowed
    pending = may_sign(req, WANG, reviewed_by=set())
    assert pending.code == "signing.steps_pending"
    assert "尚待刘振东（副州长）提出意见，买买提·艾力（州长）或张建华（常务副州长）同意" in pending.message


def test_forwarding_requested_by_a_department_takes_the_same_path(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("department", forwarding_request=True), holders(), kizilsu)
    assert req.code == "signing.forwarding"
    assert req.signer_person_ids == {WANG}


def test_agreed_department_document_signed_by_portfolio_leader_and_filed_in_30_days(kizilsu) -> None:
    facts = OutgoingFacts("department", issuer_name="州发展改革委", agreed_by_government=True)
    req = signing_requirement(facts, holders(), kizilsu)
    assert req.signer_person_ids == {LIU}
    assert req.verb == "签批"
    assert req.filing_days == 30
    assert req.citation.provision == "signing.agreed_document"
    assert "文件印发后30日内应向州人民政府办公室报备" in req.summary
    assert may_sign(req, LIU).allowed
    refused = may_sign(req, ZHOU)
    assert not refused.allowed
    assert "应由刘振东（副州长）签批，您不能签批本件" in refused.message


def test_agreed_document_across_portfolios_leaders_review_then_governor_or_executive(kizilsu) -> None:
    facts = OutgoingFacts("department", agreed_by_government=True)
    req = signing_requirement(facts, holders(LIU, AYIGUL), kizilsu)
    assert req.code == "signing.agreed_across"
    assert req.signer_person_ids == {GOV, EXEC}
    assert review_ids(req) == [{LIU}, {AYIGUL}]
    assert req.filing_days == 30
    assert not may_sign(req, LIU).allowed
    assert not may_sign(req, EXEC, reviewed_by={LIU}).allowed
    assert may_sign(req, EXEC, reviewed_by={LIU, AYIGUL}).allowed


def test_agreed_document_marked_as_spanning_portfolios(kizilsu) -> None:
    facts = OutgoingFacts("department", agreed_by_government=True, spans_portfolios=True)
    assert signing_requirement(facts, holders(), kizilsu).signer_person_ids == {GOV, EXEC}


def test_department_document_to_the_government_signed_by_its_head(kizilsu) -> None:
    facts = OutgoingFacts("department", issuer_name="州发展改革委")
    req = signing_requirement(facts, holders(), kizilsu)
    assert req.signer_person_ids == {ZHOU}
    assert req.citation.provision == "signing.unit_document"
    assert req.message == "本件为州发展改革委报送州人民政府审批的公文，由州发展改革委行政主要负责人签发。"
    assert not may_sign(req, MA).allowed  # the deputy, while the head is in post


def test_county_document_to_the_government_signed_by_its_head(kizilsu) -> None:
    facts = OutgoingFacts("county", issuer_name="阿图什市")
    req = signing_requirement(facts, holders(unit_head=AIERKEN), kizilsu)
    assert req.signer_person_ids == {AIERKEN}
    assert may_sign(req, AIERKEN).allowed


def test_a_departments_own_document_elsewhere_is_signed_by_its_head_and_says_so(kizilsu) -> None:
    facts = OutgoingFacts("department", issuer_name="州发展改革委", to_government=False)
    req = signing_requirement(facts, holders(), kizilsu)
    assert req.code == "signing.unit_own"
    assert req.signer_person_ids == {ZHOU}
    assert "不是报送州人民政府审批的公文" in req.message
    assert "报送州人民政府审批的公文，由" not in req.message


# ------------------------------------------------------------------ acting arrangements


def org(absent: tuple[int, ...] = (), acting: tuple[ActingFact, ...] = ()) -> OrgFacts:
    appointments = tuple(AppointmentFact(pid, name, pos, START) for pid, (name, pos) in PEOPLE.items())
    return OrgFacts(appointments, tuple(AbsenceFact(p, DAY, DAY) for p in absent), acting, ())


def test_executive_vice_governor_acting_for_the_governor_signs_what_the_governor_signs(kizilsu) -> None:
    facts = org(absent=(GOV,), acting=(ActingFact(GOVERNOR.id, EXEC_VICE.id, DAY, DAY, 6),))
    acting = resolve_holder(Authority("governor"), DAY, facts, kizilsu)
    assert acting is not None
    assert acting.acting_for is not None
    hs = SigningHolders(governor=acting, executive_vice_governor=holder(EXEC), portfolio_leaders=(holder(LIU),))
    req = signing_requirement(OutgoingFacts("government", published_instrument=True), hs, kizilsu)
    assert req.signer_person_ids == {EXEC}
    assert "张建华（常务副州长，代州长）" in req.who
    assert "州长买买提·艾力外出期间，受委托由常务副州长张建华主持工作" in req.summary
    assert may_sign(req, EXEC).allowed
    refused = may_sign(req, GOV)  # away, and has entrusted the 州长's authority
    assert not refused.allowed
    assert "应由张建华（常务副州长，代州长）签发" in refused.message

    either = signing_requirement(OutgoingFacts("government", important=True), hs, kizilsu)
    assert either.who.startswith("签发人：张建华（常务副州长，代州长）；")  # named once


def test_governor_away_without_entrustment_still_holds_and_it_is_said(kizilsu) -> None:
    away = resolve_holder(Authority("governor"), DAY, org(absent=(GOV,)), kizilsu)
    assert away is not None
    assert away.away
    hs = SigningHolders(governor=away, portfolio_leaders=(holder(LIU),))
    req = signing_requirement(OutgoingFacts("government", published_instrument=True), hs, kizilsu)
    assert req.signer_person_ids == {GOV}
    assert "外出，未委托他人主持" in req.summary


def test_acting_unit_head_signs_the_units_document(kizilsu) -> None:
    acting_head = Holder(MA, "马丽", FGW_DEPUTY, acting_for=AppointmentFact(ZHOU, "周强", FGW_HEAD, START))
    hs = SigningHolders(unit_head=acting_head)
    req = signing_requirement(OutgoingFacts("department", issuer_name="州发展改革委"), hs, kizilsu)
    assert req.signer_person_ids == {MA}
    assert "马丽（副主任，代主任）" in req.who
    assert may_sign(req, MA).allowed
    assert not may_sign(req, ZHOU).allowed


# ------------------------------------------------------------------ refusals


def test_someone_else_is_refused_with_the_sentence_naming_the_signers_and_article_49(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("government", for_approval_by="region_government"), holders(), kizilsu)
    decision = may_sign(req, LIU)  # the reviewer is not a signer
    assert not decision.allowed
    assert decision.code == "signing.not_signer"
    assert decision.explanation == (
        "本件为以州人民政府名义上报自治区人民政府审批的文件，经分管副州长审核后，由州长或常务副州长签发；"
        "应由买买提·艾力（州长）或张建华（常务副州长）签发，您不能签发本件（《工作规则》第四十九条）"
    )
    assert decision.citation is not None
    assert decision.citation.article == 49


def test_vacant_seat_nobody_may_sign(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("office", on_leader_instruction=True), SigningHolders(), kizilsu)
    assert req.signer_person_ids == frozenset()
    decision = may_sign(req, CHEN)
    assert not decision.allowed
    assert decision.code == "signing.vacant"
    assert "秘书长空缺，无人可以签发。请系统管理员在组织机构中登记任职或代理安排" in decision.message
    assert not req.decision.allowed  # the page says so before anyone asks


# ------------------------------------------------------------------ a 分管 seat nobody holds blocks; never skipped


def test_no_concerned_unit_blocks_the_signature_instead_of_skipping_the_review(kizilsu) -> None:
    """The reviewer's case: an important 州政府 notice naming no 主办 unit, so no 分管副州长 was found,
    was signed by the 常务副州长 with no review.  Now nobody signs until the units are named."""
    hs = SigningHolders(governor=holder(GOV), executive_vice_governor=holder(EXEC))
    req = signing_requirement(OutgoingFacts("government", important=True), hs, kizilsu)
    assert req.portfolio
    assert req.blocked.startswith("未能确定分管副州长：本件没有注明主办、涉及单位。请注明主办、涉及单位")
    for person in (GOV, EXEC):
        decision = may_sign(req, person, reviewed_by=set())
        assert not decision.allowed
        assert decision.code == "signing.vacant"
        assert decision.citation.article == 49
    shown = req.decision
    assert not shown.allowed
    assert shown.explanation.endswith("在此之前本件不能签发（《工作规则》第四十九条）")


def test_a_concerned_unit_without_a_portfolio_leader_is_named(kizilsu) -> None:
    hs = SigningHolders(
        governor=holder(GOV),
        executive_vice_governor=holder(EXEC),
        concerned=("州档案馆",),
        without_portfolio=("州档案馆",),
    )
    req = signing_requirement(OutgoingFacts("government", published_instrument=True), hs, kizilsu)
    assert "主办、涉及单位（州档案馆）中，州档案馆当日没有分管领导同志" in req.blocked
    assert "请系统管理员在组织机构中为其设置分管领导同志" in req.blocked
    assert not may_sign(req, GOV, reviewed_by=set()).allowed


def test_one_concerned_unit_without_a_leader_still_blocks_though_another_has_one(kizilsu) -> None:
    hs = SigningHolders(
        governor=holder(GOV),
        executive_vice_governor=holder(EXEC),
        portfolio_leaders=(holder(LIU),),
        concerned=("州发展改革委", "州档案馆"),
        without_portfolio=("州档案馆",),
    )
    req = signing_requirement(OutgoingFacts("government", important=True), hs, kizilsu)
    assert "中，州档案馆当日没有分管领导同志" in req.blocked
    assert not may_sign(req, GOV, reviewed_by={LIU}).allowed


def test_a_vacant_portfolio_signer_blocks_an_agreed_document(kizilsu) -> None:
    hs = SigningHolders(unit_head=holder(ZHOU), concerned=("州发展改革委",), without_portfolio=("州发展改革委",))
    req = signing_requirement(OutgoingFacts("department", agreed_by_government=True), hs, kizilsu)
    assert "未能确定分管领导同志" in req.blocked
    assert req.blocked.endswith("在此之前本件不能签批。")


def test_no_blocking_where_no_portfolio_leader_is_named(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("office", within_office_competence=True), holders(), kizilsu)
    assert (req.blocked, req.portfolio) == ("", False)
    unit = signing_requirement(OutgoingFacts("department", issuer_name="州发展改革委"), holders(), kizilsu)
    assert (unit.blocked, unit.portfolio) == ("", False)


def test_an_important_document_not_sent_down_is_not_called_xiafa(kizilsu) -> None:
    up = signing_requirement(OutgoingFacts("government", important=True, direction="parallel"), holders(), kizilsu)
    assert "下发" not in up.message
    assert "发出的重要公文（平行文）" in up.message
    assert up.signer_person_ids == {GOV, EXEC}
    down = signing_requirement(OutgoingFacts("government", important=True, direction="down"), holders(), kizilsu)
    assert "以州人民政府名义下发的重要公文" in down.message


# ------------------------------------------------------------------ 复核: back to the signer


def test_recheck_goes_back_to_the_original_signer_alone(kizilsu) -> None:
    req = for_recheck(
        signing_requirement(OutgoingFacts("government", important=True), holders(), kizilsu), EXEC, "张建华"
    )
    assert req.signer_person_ids == {EXEC}
    assert "退回原签发人张建华复核签发，他人不能代为签发" in req.summary
    assert review_ids(req) == [{LIU}]  # the steps before signing stay
    assert may_sign(req, EXEC, reviewed_by={LIU}).allowed
    refused = may_sign(req, GOV, reviewed_by={LIU})
    assert not refused.allowed
    assert "应由张建华（常务副州长）签发" in refused.message


def test_recheck_when_the_original_signer_can_no_longer_sign_names_who_signs_now(kizilsu) -> None:
    facts = org(absent=(GOV,), acting=(ActingFact(GOVERNOR.id, EXEC_VICE.id, DAY, DAY, 6),))
    acting = resolve_holder(Authority("governor"), DAY, facts, kizilsu)
    hs = SigningHolders(governor=acting, executive_vice_governor=holder(EXEC), portfolio_leaders=(holder(LIU),))
    req = for_recheck(
        signing_requirement(OutgoingFacts("government", published_instrument=True), hs, kizilsu), GOV, "买买提·艾力"
    )
    assert req.signer_person_ids == {EXEC}
    assert "买买提·艾力当日不能签发，改由本条现在规定的张建华（常务副州长，代州长）签发" in req.summary


def test_requirement_shown_before_anyone_asks(kizilsu) -> None:
    req = signing_requirement(OutgoingFacts("office", within_office_competence=True), holders(), kizilsu)
    shown = req.decision
    assert shown.allowed
    assert shown.explanation == (
        "本件为州人民政府办公室职权范围内的发文，由秘书长或办公室主任签发；"
        "签发人：王立新（秘书长）或陈静（办公室主任）（《工作规则》第四十九条）"
    )


def test_unknown_issuer_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown issuing body kind"):
        OutgoingFacts("ministry")
    with pytest.raises(ValueError, match="unknown approving superior"):
        OutgoingFacts("government", for_approval_by="state_council")

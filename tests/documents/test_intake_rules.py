"""The pure intake rules (arts. 48, 49, 51, 52, 61): plain facts in, decisions out, no database."""

from __future__ import annotations

import dataclasses

import pytest

from zhengwu.documents.rules.intake import (
    RETURN_GROUNDS,
    Assignment,
    LeaderRef,
    SubmissionFacts,
    UnitRef,
    check_classification,
    check_state,
    intake_checks,
    may_act_on_routed,
    may_draft,
    may_handle_intake,
    may_pass_on,
    may_sign_submission,
    may_write_office_opinion,
    office_return,
    request_phrases_in,
    return_reasons,
    route,
)
from zhengwu.org.rules import PositionFact

GOV = UnitRef(1, "州人民政府", "government")
OFFICE = UnitRef(2, "州政府办公室", "office")
FGW = UnitRef(3, "州发展改革委", "department")
CZJ = UnitRef(4, "州财政局", "department")
XJ = UnitRef(9, "自治区人民政府", "superior")

REQUEST = SubmissionFacts(
    doc_type="qingshi",
    doc_type_label="请示",
    direction="up",
    issuer=FGW,
    superiors=(GOV,),
    main_recipients=(GOV,),
    request_items=("同意启动阿图什至乌恰公路改建项目前期工作",),
    title="关于启动公路改建项目前期工作的请示",
    body="……妥否，请批示。",
)
LIU_ID = 31  # 刘振东's person id in these facts
INSTRUCTION_BY_LIU = Assignment(
    "instruction",
    "刘振东同志2026年11月20日在《关于公路建设的报告》上的批示",
    frozenset({LIU_ID}),
)
REPORT = dataclasses.replace(
    REQUEST,
    doc_type="baogao",
    doc_type_label="报告",
    request_items=(),
    title="关于2026年重大项目推进情况的报告",
    body="现将有关情况报告如下。……特此报告。",
)


def refused_codes(doc: SubmissionFacts, rb, ceiling: str = "none") -> list[str]:
    return [d.code for d in intake_checks(doc, rb, ceiling) if not d.allowed]


@pytest.mark.article(48)
@pytest.mark.parametrize(
    ("doc", "expected"),
    [
        pytest.param(REQUEST, [], id="请示一文一事"),
        pytest.param(
            dataclasses.replace(REQUEST, request_items=("事项一", "事项二")),
            ["intake.several_matters"],
            id="请示两件事",
        ),
        pytest.param(dataclasses.replace(REQUEST, request_items=("事项一", " ", "")), [], id="空白事项不计"),
        pytest.param(dataclasses.replace(REQUEST, request_items=()), ["intake.no_matter"], id="请示未列事项"),
        pytest.param(REPORT, [], id="报告"),
        pytest.param(
            dataclasses.replace(REPORT, request_items=("追加资金",)),
            ["intake.request_in_report"],
            id="报告夹带请示事项",
        ),
        pytest.param(
            dataclasses.replace(REPORT, body="以上报告，妥否，请批示。"),
            ["intake.request_phrase_in_report"],
            id="报告：妥否，请批示",
        ),
        pytest.param(
            dataclasses.replace(REPORT, body="恳请州人民政府\n请予 批准。"),
            ["intake.request_phrase_in_report"],
            id="报告：请予批准（跨行）",
        ),
        pytest.param(
            dataclasses.replace(REPORT, body="所需资金请审批。"), ["intake.request_phrase_in_report"], id="报告：请审批"
        ),
        pytest.param(
            dataclasses.replace(REQUEST, addressed_person="刘振东"), ["intake.to_individual"], id="报送领导个人"
        ),
        pytest.param(
            dataclasses.replace(
                REQUEST, addressed_person="刘振东", addressed_person_id=LIU_ID, assignment=INSTRUCTION_BY_LIU
            ),
            [],
            id="答复该领导的批示",
        ),
        pytest.param(
            dataclasses.replace(
                REQUEST, addressed_person="艾古丽", addressed_person_id=32, assignment=INSTRUCTION_BY_LIU
            ),
            ["intake.assignment_not_by_leader"],
            id="注明的是另一位领导的批示",
        ),
        pytest.param(
            dataclasses.replace(
                REQUEST,
                addressed_person="刘振东",
                addressed_person_id=LIU_ID,
                assignment=Assignment("document", "编号为9的公文（已不存在）"),
            ),
            ["intake.assignment_not_by_leader"],
            id="交办依据不存在",
        ),
        pytest.param(
            dataclasses.replace(REQUEST, main_recipients=(GOV, XJ)),
            ["intake.several_superiors", "intake.skipped_level"],
            id="多头报文且越级",
        ),
        pytest.param(
            dataclasses.replace(REQUEST, main_recipients=(GOV, CZJ)),
            ["intake.several_superiors", "intake.not_superior"],
            id="多头报文",
        ),
        pytest.param(dataclasses.replace(REQUEST, copy_recipients=(CZJ, XJ)), [], id="其他机关抄送"),
        pytest.param(dataclasses.replace(REQUEST, main_recipients=()), ["intake.no_main_recipient"], id="未写主送机关"),
        pytest.param(dataclasses.replace(REQUEST, main_recipients=(XJ,)), ["intake.skipped_level"], id="越级报自治区"),
        pytest.param(
            dataclasses.replace(REQUEST, main_recipients=(OFFICE,)), ["intake.not_superior"], id="主送非上级机关"
        ),
        pytest.param(
            dataclasses.replace(
                REQUEST, main_recipients=(XJ,), skip_level_reason="抗震救灾急需，时间紧迫", copy_recipients=(GOV,)
            ),
            [],
            id="写明特殊情况越级并抄送",
        ),
        pytest.param(
            dataclasses.replace(REQUEST, main_recipients=(XJ,), skip_level_reason="抗震救灾急需"),
            ["intake.skip_not_copied"],
            id="写明特殊情况越级未抄送",
        ),
        pytest.param(
            dataclasses.replace(REQUEST, main_recipients=(XJ,), skip_level_reason="  ", copy_recipients=(GOV,)),
            ["intake.skipped_level"],
            id="理由空白",
        ),
        pytest.param(
            dataclasses.replace(REQUEST, main_recipients=(OFFICE,), skip_level_reason="特殊情况"),
            ["intake.not_superior"],
            id="理由不能使非上级机关成为主送",
        ),
        pytest.param(dataclasses.replace(REQUEST, superiors=()), ["intake.no_superior"], id="没有上级机关"),
        pytest.param(
            dataclasses.replace(REQUEST, doc_type="tongzhi", doc_type_label="通知", request_items=()),
            ["intake.wrong_doc_type"],
            id="通知不能上行",
        ),
    ],
)
def test_intake_checks(doc: SubmissionFacts, expected: list[str], kizilsu) -> None:
    assert refused_codes(doc, kizilsu) == expected
    for decision in intake_checks(doc, kizilsu):
        assert decision.citation is not None
        assert decision.citation.article == 48 or decision.code.startswith("confidentiality")


@pytest.mark.article(61)
@pytest.mark.parametrize(
    ("classification", "ceiling", "expected"),
    [
        ("none", "none", []),
        ("internal", "none", ["confidentiality.above_ceiling"]),
        ("secret", "none", ["confidentiality.above_ceiling"]),
        ("secret", "secret", []),
        ("confidential", "secret", ["confidentiality.above_ceiling"]),
        ("internal", "bogus", ["confidentiality.above_ceiling"]),  # an unknown ceiling holds nothing classified
    ],
)
def test_classification_ceiling(classification: str, ceiling: str, expected: list[str], kizilsu) -> None:
    doc = dataclasses.replace(REQUEST, classification=classification)
    assert refused_codes(doc, kizilsu, ceiling) == expected


@pytest.mark.article(61)
def test_classification_refusal_says_why(kizilsu) -> None:
    decision = check_classification("secret", "none", kizilsu)
    assert decision.explanation == (
        "本系统只能处理非密及以下的公文，本件为秘密件，应当通过涉密渠道报送，不得在本系统处理（《工作规则》第六十一条）"
    )


@pytest.mark.article(48, 61)
def test_top_secret_may_go_to_a_leader_directly_where_the_ceiling_allows(kizilsu) -> None:
    doc = dataclasses.replace(REQUEST, addressed_person="买买提·艾力", classification="top_secret")
    assert refused_codes(doc, kizilsu, "top_secret") == []
    assert refused_codes(doc, kizilsu, "none") == ["confidentiality.above_ceiling"]


@pytest.mark.article(48)
def test_refusals_read_as_a_clerk_would_write_them(kizilsu) -> None:
    three = dataclasses.replace(REQUEST, request_items=("一", "二", "三"))
    [decision] = [d for d in intake_checks(three, kizilsu) if not d.allowed]
    assert decision.explanation == "请示应当一文一事，本件列有3项请示事项（《工作规则》第四十八条）"
    assert decision.facts["count"] == 3

    several = dataclasses.replace(REQUEST, main_recipients=(GOV, CZJ))
    explanations = [d.explanation for d in intake_checks(several, kizilsu) if not d.allowed]
    assert explanations[0] == (
        "不得多头报文：上行文只能主送一个上级机关，本件主送州人民政府、州财政局2个机关；其他机关可以抄送（《工作规则》第四十八条）"
    )
    skipped = dataclasses.replace(REQUEST, main_recipients=(XJ,))
    [decision] = [d for d in intake_checks(skipped, kizilsu) if not d.allowed]
    assert decision.explanation == (
        "未经批准不得越级行文：州发展改革委应当向上级机关州人民政府报送，本件主送自治区人民政府；"
        "特殊情况确需越级行文的，应当写明理由并抄送州人民政府（《工作规则》第四十八条）"
    )


@pytest.mark.article(48)
def test_a_stated_skip_and_an_answered_assignment_read_back_as_allowed(kizilsu) -> None:
    skip = dataclasses.replace(REQUEST, main_recipients=(XJ,), copy_recipients=(GOV,), skip_level_reason="抗震救灾急需")
    decision = next(d for d in intake_checks(skip, kizilsu) if d.code == "intake.stated_skip")
    assert decision.explanation == (
        "因特殊情况越级行文（抗震救灾急需），已抄送被越过的州人民政府（《工作规则》第四十八条）"
    )
    answered = dataclasses.replace(
        REQUEST, addressed_person="刘振东", addressed_person_id=LIU_ID, assignment=INSTRUCTION_BY_LIU
    )
    decision = next(d for d in intake_checks(answered, kizilsu) if d.code == "intake.leader_assignment")
    assert decision.message == (
        "本件答复刘振东同志交办的事项（刘振东同志2026年11月20日在《关于公路建设的报告》上的批示），"
        "可以直接报送刘振东同志。"
    )
    other = dataclasses.replace(answered, addressed_person="艾古丽", addressed_person_id=32)
    [refused] = [d for d in intake_checks(other, kizilsu) if not d.allowed]
    assert refused.explanation.startswith("本件直接报送艾古丽同志，但所注明的交办依据（刘振东同志")
    assert refused.citation is not None
    assert refused.citation.article == 48


@pytest.mark.article(48)
def test_request_phrases_found_across_whitespace() -> None:
    assert request_phrases_in("妥否，请 批示") == ["请批示"]
    assert request_phrases_in("特此报告。") == []


@pytest.mark.article(52)
def test_return_reasons_number_every_refusal_with_its_article(kizilsu) -> None:
    doc = dataclasses.replace(REQUEST, request_items=("一", "二"), addressed_person="刘振东")
    text = return_reasons(intake_checks(doc, kizilsu))
    assert text.splitlines() == [
        "1. 请示应当一文一事，本件列有2项请示事项（《工作规则》第四十八条）",
        "2. 除政府领导同志交办事项和必须直接报送的绝密级事项外，不得直接向领导同志个人报送公文，"
        "本件报送刘振东同志（《工作规则》第四十八条）",
    ]


@pytest.mark.article(52)
def test_office_return_grounds_are_the_words_of_art_52_each_cited(kizilsu) -> None:
    reason = "  本件所请事项属州发展改革委\n职权范围。 "
    decisions = office_return(["no_substance", "department_matter"], reason, kizilsu)
    assert [d.code for d in decisions] == ["return.department_matter", "return.no_substance", "return.office_reason"]
    assert not any(d.allowed for d in decisions)
    assert all(d.citation is not None and d.citation.article == 52 for d in decisions)
    assert return_reasons(decisions).splitlines() == [
        "1. 属部门职权范围内的事务、应由部门自行发文或联合发文的，不以自治州人民政府批转或自治州人民政府办公室名义发文"
        "（《工作规则》第五十二条）",
        "2. 没有实质内容、可发可不发的文件简报，一律不发（《工作规则》第五十二条）",
        "3. 退文理由：本件所请事项属州发展改革委 职权范围（《工作规则》第五十二条）",
    ]
    assert [d.citation.provision for d in decisions if d.citation] == [
        "return.department_matter",
        "return.no_substance",
        "review.return_with_reasons",
    ]


@pytest.mark.article(52)
def test_office_return_with_only_a_written_reason_and_the_bad_inputs(kizilsu) -> None:
    [decision] = office_return([], "标题与正文不符", kizilsu)
    assert decision.explanation == "退文理由：标题与正文不符（《工作规则》第五十二条）"
    already = office_return(["already_provided"], "已有现行文件", kizilsu)
    assert already[0].message == "凡法律、行政法规已作出明确规定、现行文件已有部署且仍然适用的，不再制发文件。"
    with pytest.raises(ValueError, match="退文应当说明理由"):
        office_return(["no_substance"], " \n ", kizilsu)
    with pytest.raises(ValueError, match="无法识别的退文理由：bogus"):
        office_return(["bogus"], "理由", kizilsu)
    assert set(RETURN_GROUNDS) == {"department_matter", "already_provided", "no_substance"}


# ---------------------------------------------------------------- who may do what

FGW_HEAD = PositionFact(11, "unit_head", "主任", FGW.id, "department", "州发展改革委")
FGW_DEPUTY = PositionFact(12, "unit_deputy", "副主任", FGW.id, "department", "州发展改革委")
FGW_CLERK = PositionFact(13, "clerk", "办公室科员", FGW.id, "department", "州发展改革委")
OFFICE_CLERK = PositionFact(21, "clerk", "文电科科员", OFFICE.id, "office", "州政府办公室")
OFFICE_DIRECTOR = PositionFact(22, "office_director", "办公室主任", OFFICE.id, "office", "州政府办公室")
DEPUTY_SG = PositionFact(23, "deputy_secretary_general", "副秘书长", OFFICE.id, "office", "州政府办公室")
ADMIN = PositionFact(24, "administrator", "系统管理员", OFFICE.id, "office", "州政府办公室")

HEAD = LeaderRef(101, "周强", "主任", "unit_head")
ACTING = LeaderRef(102, "马丽", "副主任", "unit_deputy", acting_for="主任")
LIU = LeaderRef(201, "刘振东", "副州长", "vice_governor")
AYIGUL = LeaderRef(202, "阿依古丽·吐尔逊", "副州长", "vice_governor")
GOVERNOR = LeaderRef(200, "买买提·艾力", "州长", "governor")


@pytest.mark.article(49)
def test_the_head_signs(kizilsu) -> None:
    decision = may_sign_submission(101, "周强", FGW, HEAD, kizilsu)
    assert decision.allowed
    assert decision.citation is not None
    assert decision.citation.article == 49


@pytest.mark.article(49)
def test_the_acting_head_signs(kizilsu) -> None:
    decision = may_sign_submission(102, "马丽", FGW, ACTING, kizilsu)
    assert decision.allowed
    assert decision.facts["acting"] is True
    assert "受委托代理州发展改革委主任" in decision.message


@pytest.mark.article(49)
def test_a_clerk_does_not_sign(kizilsu) -> None:
    decision = may_sign_submission(103, "孙磊", FGW, HEAD, kizilsu)
    assert not decision.allowed
    assert decision.explanation == (
        "报送州人民政府审批的公文由本单位行政主要负责人签发，州发展改革委目前由周强（主任）签发；孙磊无权签发（《工作规则》第四十九条）"
    )


@pytest.mark.article(49)
def test_the_head_who_handed_over_does_not_sign_meanwhile(kizilsu) -> None:
    assert not may_sign_submission(101, "周强", FGW, ACTING, kizilsu).allowed


@pytest.mark.article(49)
def test_nobody_signs_for_a_unit_without_a_head(kizilsu) -> None:
    decision = may_sign_submission(101, "周强", FGW, None, kizilsu)
    assert (decision.allowed, decision.code) == (False, "signing.no_head")


@pytest.mark.article(48)
@pytest.mark.parametrize(
    ("positions", "allowed"),
    [([FGW_CLERK], True), ([FGW_HEAD], True), ([OFFICE_CLERK], False), ([], False)],
)
def test_who_drafts(positions, allowed: bool, kizilsu) -> None:
    assert may_draft(positions, FGW, kizilsu).allowed is allowed


@pytest.mark.article(48)
@pytest.mark.parametrize(
    ("positions", "allowed"),
    [([OFFICE_CLERK], True), ([OFFICE_DIRECTOR], True), ([FGW_CLERK], False), ([ADMIN], False)],
)
def test_who_receives_and_checks(positions, allowed: bool, kizilsu) -> None:
    decision = may_handle_intake(positions, OFFICE.id, "初审", kizilsu)
    assert decision.allowed is allowed
    assert decision.citation is not None
    assert decision.citation.article == 48


@pytest.mark.article(51)
@pytest.mark.parametrize(
    ("positions", "allowed"),
    [([OFFICE_DIRECTOR], True), ([DEPUTY_SG], True), ([OFFICE_CLERK], False), ([FGW_HEAD], False)],
)
def test_who_writes_the_office_opinion(positions, allowed: bool, kizilsu) -> None:
    decision = may_write_office_opinion(positions, kizilsu)
    assert decision.allowed is allowed
    assert decision.citation is not None
    assert decision.citation.article == 51


@pytest.mark.article(51)
def test_route_goes_to_the_portfolio_leader(kizilsu) -> None:
    r = route(FGW, LIU, GOVERNOR, False, kizilsu)
    assert r.to == LIU
    assert r.decision.explanation == (
        "按政府领导同志分工，呈州发展改革委的分管领导刘振东（副州长）（《工作规则》第五十一条）"
    )


@pytest.mark.article(51)
def test_route_of_a_major_matter_goes_to_the_governor(kizilsu) -> None:
    r = route(FGW, LIU, GOVERNOR, True, kizilsu)
    assert (r.to, r.decision.code) == (GOVERNOR, "review.to_governor")
    assert r.decision.message.startswith("重大事项报州长审批")


@pytest.mark.article(51)
def test_route_without_a_portfolio_leader_goes_to_the_governor(kizilsu) -> None:
    assert route(FGW, None, GOVERNOR, False, kizilsu).to == GOVERNOR
    refused = route(FGW, None, None, False, kizilsu)
    assert (refused.to, refused.decision.allowed) == (None, False)


@pytest.mark.article(51)
@pytest.mark.parametrize(
    ("actor", "routed_to", "target", "code"),
    [
        (LIU.person_id, LIU, GOVERNOR, "review.pass_on"),
        (AYIGUL.person_id, LIU, GOVERNOR, "review.not_routed_to_actor"),
        (LIU.person_id, LIU, LIU, "review.pass_to_self"),
        (LIU.person_id, LIU, HEAD, "review.pass_to_non_leader"),
        (LIU.person_id, None, GOVERNOR, "review.not_routed_to_actor"),
    ],
)
def test_who_passes_on_to_whom(actor: int, routed_to, target, code: str, kizilsu) -> None:
    decision = may_pass_on(actor, routed_to, target, kizilsu)
    assert decision.code == code
    assert decision.allowed is (code == "review.pass_on")


@pytest.mark.article(51)
def test_only_the_leader_it_is_with_instructs(kizilsu) -> None:
    assert may_act_on_routed(GOVERNOR.person_id, GOVERNOR, "批示", kizilsu).allowed
    refused = may_act_on_routed(AYIGUL.person_id, GOVERNOR, "批示", kizilsu)
    assert refused.explanation == (
        "公文按政府领导同志分工呈批，本件当前呈买买提·艾力（州长），您不能批示（《工作规则》第五十一条）"
    )


@pytest.mark.article(52)
def test_state_refusal_names_the_state(kizilsu) -> None:
    decision = check_state("submitted", ["draft"], "已报送，待签收", "修改", "review.return_with_reasons", kizilsu)
    assert decision.explanation == "公文当前状态为“已报送，待签收”，不能修改（《工作规则》第五十二条）"

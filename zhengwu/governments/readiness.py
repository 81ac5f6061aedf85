"""What an installation still lacks before it can go live (``zhengwu government check``, issue 16).

Each :class:`Gap` names what is missing, why it matters (the rulebook provision that needs it,
cited from the rulebook in force when there is one) and how to fix it, as a command or a file to
edit.  Nothing here writes: an administrator runs the check, fixes, and runs it again until it
reports nothing.

It reads every area (the configuration, the rulebook, the organization, the calendar, the document
numbers, the portal), so it sits above them, beside the pages and the command line.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from zhengwu.core import government as configured
from zhengwu.core.i18n import say
from zhengwu.org import rules as org_rules
from zhengwu.org.codes import org_code_problem
from zhengwu.org.models import Unit, UnitKind
from zhengwu.org.services import who_holds
from zhengwu.rulebook import annotations as rulebook_notes
from zhengwu.rulebook.services import rulebook_problems, rulebook_view
from zhengwu.workdays.models import CalendarYear


def _vacant_post(authority: str, day: dt.date, cite: str) -> str:
    """The posts a government cannot run without: who signs under the signing table, who presides
    when the first leader is away, who runs the office."""
    if authority == "governor":
        return say("{day}没有人担任{gov.governor}，签发公文、主持会议时无人可找{cite}。", day=str(day), cite=cite)
    if authority == "executive":
        return say(
            "{day}没有人担任{gov.executive_vice_governor}，{gov.governor}外出时无人主持工作{cite}。",
            day=str(day),
            cite=cite,
        )
    return say("{day}没有人担任秘书长，{gov.office}发文无人签发{cite}。", day=str(day), cite=cite)


POSTS = ("governor", "executive", "secretary_general")
# Units whose documents the government sends, receives or answers: each needs a head and a 分管 leader.
ROUTED_UNIT_KINDS = (UnitKind.DEPARTMENT, UnitKind.DIRECT_UNIT, UnitKind.OFFICE)


@dataclass(frozen=True)
class Gap:
    area: str
    problem: str
    fix: str


def _cite(provision: str, day: dt.date) -> str:
    """「（《工作规则》第N条）」 from the rulebook in force, or nothing while there is none."""
    try:
        citation = rulebook_view(day).cite(provision)
    except LookupError:
        return ""
    return f"（{citation.label}）"


def configuration_gaps() -> list[Gap]:
    gaps: list[Gap] = []
    config = configured.current()
    where = config.folder / "government.toml"
    for key in config.missing_terms():
        gaps.append(
            Gap(
                "配置",
                f"未给出称谓“{key}”：{configured.TERMS[key]}。",
                f'在 {where} 的 [terms] 中写上 {key} = "…"（英文界面另写 [terms_en]）。',
            )
        )
    if not config.rulebook_annotations.is_file():
        gaps.append(
            Gap(
                "配置",
                f"找不到工作规则标注文件 {config.rulebook_annotations}。",
                f"在 {where} 的 [rulebook] annotations 中写上本政府工作规则的标注文件（格式见 docs/adopting.md）。",
            )
        )
    for field in ("{prefix}", "{year}", "{serial}"):
        if field not in config.numbering_pattern:
            gaps.append(
                Gap(
                    "发文字号",
                    f"发文字号格式“{config.numbering_pattern}”缺少 {field}。",
                    f"在 {where} 的 [numbering] pattern 中写全 {{prefix}}〔{{year}}〕{{serial}}号。",
                )
            )
    for kind in config.missing_number_kinds():
        gaps.append(
            Gap(
                "发文字号",
                f"未给出发文类别“{kind}”（{configured.NUMBER_KINDS[kind]}）接在机关代字后的字（如“发”“函”）。",
                f'在 {where} 的 [numbering] categories 中写上 {kind} = "…"。',
            )
        )
    return gaps


def rulebook_gaps(day: dt.date) -> list[Gap]:
    config = configured.current()
    fix = "按提示导入或标注工作规则（docs/adopting.md）。"
    if config.rulebook_annotations.is_file():
        try:
            notes = rulebook_notes.load(config.rulebook_annotations)
        except ValueError as exc:
            return [Gap("工作规则", f"标注文件 {config.rulebook_annotations} 有误：{exc}", "改正标注文件后再检查。")]
        if notes.text_file is not None and notes.effective_from is not None:
            fix = (
                f"zhengwu rules import {notes.text_file} --effective {notes.effective_from.isoformat()} "
                f"--annotations {config.rulebook_annotations}"
            )
    return [Gap("工作规则", problem, fix) for problem in rulebook_problems(day)]


def organization_gaps(day: dt.date) -> list[Gap]:
    gaps: list[Gap] = []
    signing = _cite("signing.authority", day)
    government = Unit.objects.filter(kind=UnitKind.GOVERNMENT).order_by("sort_order").first()
    office = Unit.objects.filter(kind=UnitKind.OFFICE).order_by("sort_order").first()
    if government is None:
        gaps.append(
            Gap(
                "组织机构",
                say("没有本级人民政府这个单位（{gov.name}）。"),
                "zhengwu org create-unit gov 政府全称 --kind government --doc-prefix 机关代字 --org-code 代码",
            )
        )
    if office is None:
        gaps.append(
            Gap(
                "组织机构",
                say("没有{gov.office}。"),
                "zhengwu org create-unit office 办公室全称 --kind office --parent gov --doc-prefix 机关代字",
            )
        )
    try:
        rulebook_view(day)
    except LookupError:  # who holds what is answered under the rulebook: import it first (above)
        return gaps
    for authority in POSTS:
        if who_holds(authority, day) is None:
            gaps.append(
                Gap(
                    "职务",
                    _vacant_post(authority, day, signing),
                    "zhengwu org add-person 账号 姓名；"
                    "zhengwu org appoint 账号 --unit gov --title 职务名称 --start 日期",
                )
            )
    routed = Unit.objects.filter(kind__in=ROUTED_UNIT_KINDS).order_by("sort_order")
    for unit in routed:
        if who_holds(org_rules.Authority("head", unit.pk), day) is None:
            gaps.append(
                Gap(
                    "职务",
                    f"{unit.name}没有主要负责人，本单位的请示、公文无人签发{signing}。",
                    f"zhengwu org appoint 账号 --unit {unit.code} --title 职务名称 --start 日期",
                )
            )
        if unit.kind != UnitKind.OFFICE and who_holds(org_rules.Authority("portfolio", unit.pk), day) is None:
            gaps.append(
                Gap(
                    "分管",
                    f"{unit.name}没有分管领导，报送本级政府的公文无人审核{signing}。",
                    f"zhengwu org set-portfolio 领导账号 --areas 领域 --units {unit.code} --start 日期",
                )
            )
    return gaps


def numbering_gaps() -> list[Gap]:
    gaps: list[Gap] = []
    for unit in Unit.objects.filter(kind__in=(UnitKind.GOVERNMENT, UnitKind.OFFICE)).order_by("sort_order"):
        if not unit.doc_prefix.strip():
            gaps.append(
                Gap(
                    "发文字号",
                    f"{unit.name}没有机关代字，无法编发文字号。",
                    f"在“组织机构”页面（或管理后台）为 {unit.code} 填写机关代字。",
                )
            )
    return gaps


def calendar_gaps(day: dt.date) -> list[Gap]:
    gaps: list[Gap] = []
    years = dict(CalendarYear.objects.values_list("year", "provisional"))
    wanted = [day.year] + ([day.year + 1] if day.month >= 11 else [])
    for year in wanted:
        if year not in years:
            gaps.append(
                Gap(
                    "工作日",
                    f"日历中没有{year}年，期限无法按工作日计算。",
                    f"zhengwu calendar seed（或 zhengwu calendar set-year {year} …）",
                )
            )
        elif years[year]:
            gaps.append(
                Gap(
                    "工作日",
                    f"{year}年的放假安排尚未公布，期限暂按法定节假日推算。",
                    f"公布后：zhengwu calendar seed，或 zhengwu calendar set-year {year} …",
                )
            )
    return gaps


def portal_gaps() -> list[Gap]:
    government = Unit.objects.filter(kind=UnitKind.GOVERNMENT).order_by("sort_order").first()
    if government is None:
        return []
    problem = org_code_problem(government.org_code) if government.org_code else "未填写"
    if problem is None:
        return []
    return [
        Gap(
            "政务公开",
            f"{government.name}的组织机构代码{problem}：公开信息的索引号以它开头。",
            f"在“组织机构”页面为 {government.code} 填写9位组织机构代码或18位统一社会信用代码。",
        )
    ]


def database_gaps() -> list[Gap]:
    """A database not yet created or migrated: nothing else can be checked before it is."""
    executor = MigrationExecutor(connection)
    pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if not pending:
        return []
    return [Gap("数据库", f"数据库还有 {len(pending)} 项迁移未执行。", "zhengwu migrate")]


def gaps(day: dt.date | None = None) -> list[Gap]:
    """Everything the installation still lacks on ``day`` (today by default), in the order to fix it."""
    day = day or timezone.localdate()
    unmigrated = database_gaps()
    if unmigrated:
        return [*configuration_gaps(), *unmigrated]
    return [
        *configuration_gaps(),
        *rulebook_gaps(day),
        *organization_gaps(day),
        *numbering_gaps(),
        *calendar_gaps(day),
        *portal_gaps(),
    ]

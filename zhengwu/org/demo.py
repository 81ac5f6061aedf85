"""The demo government: the Kizilsu prefecture's structure with fictional people.

Everything here is marked as demo data (``is_demo``).  Loading is idempotent: what exists is kept.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from zhengwu.org.models import Appointment, Person, Portfolio, Position, PositionKind, Unit, UnitKind
from zhengwu.org.rules import ADMINISTRATORS

DEMO_PASSWORD = "zhengwu-demo"  # noqa: S105 - published demo password, demo accounts only
TERM_START = dt.date(2023, 1, 1)

# code, name, short name, kind, component department, 机关代字, organization code (fictional, with a valid
# GB 11714-1997 check character: zhengwu.org.codes)
UNITS = [
    ("gov", "克孜勒苏柯尔克孜自治州人民政府", "州人民政府", UnitKind.GOVERNMENT, False, "克政", "01047834X"),
    ("office", "克孜勒苏柯尔克孜自治州人民政府办公室", "州政府办公室", UnitKind.OFFICE, False, "克政办", "010478358"),
    ("fgw", "克孜勒苏柯尔克孜自治州发展和改革委员会", "州发展改革委", UnitKind.DEPARTMENT, True, "克发改", "010478403"),
    ("czj", "克孜勒苏柯尔克孜自治州财政局", "州财政局", UnitKind.DEPARTMENT, True, "克财", "010478411"),
    ("sfj", "克孜勒苏柯尔克孜自治州司法局", "州司法局", UnitKind.DEPARTMENT, True, "克司", "01047842X"),
    ("wsb", "克孜勒苏柯尔克孜自治州人民政府外事办公室", "州外事办", UnitKind.DEPARTMENT, True, "克外办", "010478438"),
    ("xfj", "克孜勒苏柯尔克孜自治州信访局", "州信访局", UnitKind.DIRECT_UNIT, False, "克信访", "010478446"),
    ("jyj", "克孜勒苏柯尔克孜自治州教育局", "州教育局", UnitKind.DEPARTMENT, True, "克教", "010478454"),
    ("zrzyj", "克孜勒苏柯尔克孜自治州自然资源局", "州自然资源局", UnitKind.DEPARTMENT, True, "克自然资", "010478462"),
    ("atushi", "阿图什市人民政府", "阿图什市", UnitKind.COUNTY, False, "阿市政", "010478470"),
    ("akto", "阿克陶县人民政府", "阿克陶县", UnitKind.COUNTY, False, "阿克陶政", "010478489"),
    ("aheqi", "阿合奇县人民政府", "阿合奇县", UnitKind.COUNTY, False, "阿合奇政", "010478497"),
    ("wuqia", "乌恰县人民政府", "乌恰县", UnitKind.COUNTY, False, "乌恰政", "01047850X"),
    ("xj-gov", "新疆维吾尔自治区人民政府", "自治区人民政府", UnitKind.SUPERIOR, False, "新政", ""),
    ("party-committee", "中共克孜勒苏柯尔克孜自治州委员会", "州党委", UnitKind.SUPERIOR, False, "克党", ""),
    ("npc-standing", "克孜勒苏柯尔克孜自治州人大常委会", "州人大常委会", UnitKind.SUPERIOR, False, "", ""),
    ("cppcc", "中国人民政治协商会议克孜勒苏柯尔克孜自治州委员会", "州政协", UnitKind.SUPERIOR, False, "", ""),
]

# Codes shipped before the check character was verified: a demo loaded then is corrected on reload.
FORMER_ORG_CODES = {
    "01047835X": "010478358",
    "01047840X": "010478403",
    "010478417": "010478411",
    "010478425": "01047842X",
    "010478433": "010478438",
    "010478441": "010478446",
    "01047845X": "010478454",
    "010478468": "010478462",
    "010478476": "010478470",
    "010478484": "010478489",
    "010478492": "010478497",
    "010478505": "01047850X",
}

# What a unit does for the whole government (``Unit.functions``): who reviews the legality of
# cooperation agreements (art. 52), who handles foreign affairs (art. 60), petitions.
FUNCTIONS = {
    "sfj": ["legal_review"],
    "wsb": ["foreign_affairs"],
    "xfj": ["petitions"],
}


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    unit: str
    kind: str
    title: str
    duties: str = ""


ACCOUNTS = [
    DemoAccount("governor", "买买提·艾力", "gov", PositionKind.GOVERNOR, "州长"),
    DemoAccount("exec_vice", "张建华", "gov", PositionKind.EXECUTIVE_VICE_GOVERNOR, "常务副州长"),
    DemoAccount("vice_liu", "刘振东", "gov", PositionKind.VICE_GOVERNOR, "副州长"),
    DemoAccount("vice_ayigul", "阿依古丽·吐尔逊", "gov", PositionKind.VICE_GOVERNOR, "副州长"),
    DemoAccount("secretary_general", "王立新", "office", PositionKind.SECRETARY_GENERAL, "秘书长"),
    DemoAccount("deputy_sg", "努尔兰·别克", "office", PositionKind.DEPUTY_SECRETARY_GENERAL, "副秘书长"),
    DemoAccount("office_director", "陈静", "office", PositionKind.OFFICE_DIRECTOR, "办公室主任"),
    DemoAccount("clerk_wendian", "李娜", "office", PositionKind.CLERK, "文电科科员", "文电"),
    DemoAccount("clerk_huiwu", "托合提·买买提", "office", PositionKind.CLERK, "会务科科员", "会务"),
    DemoAccount("clerk_ducha", "赵敏", "office", PositionKind.CLERK, "督查科科员", "督查"),
    DemoAccount("clerk_gongkai", "古丽娜尔·艾山", "office", PositionKind.CLERK, "信息公开科科员", "信息公开"),
    DemoAccount("fgw_head", "周强", "fgw", PositionKind.UNIT_HEAD, "主任"),
    DemoAccount("fgw_deputy", "马丽", "fgw", PositionKind.UNIT_DEPUTY, "副主任"),
    DemoAccount("fgw_clerk", "孙磊", "fgw", PositionKind.CLERK, "办公室科员", "文电"),
    DemoAccount("czj_head", "吴刚", "czj", PositionKind.UNIT_HEAD, "局长"),
    DemoAccount("sfj_head", "热合曼·阿不都", "sfj", PositionKind.UNIT_HEAD, "局长"),
    DemoAccount("sfj_clerk", "黄晓燕", "sfj", PositionKind.CLERK, "法制审核科科员", "合法性审查"),
    DemoAccount("wsb_head", "郑雪", "wsb", PositionKind.UNIT_HEAD, "主任"),
    DemoAccount("xfj_head", "杜鹏", "xfj", PositionKind.UNIT_HEAD, "局长"),
    DemoAccount("jyj_head", "阿斯哈尔·努尔", "jyj", PositionKind.UNIT_HEAD, "局长"),
    DemoAccount("zrzyj_head", "韩梅", "zrzyj", PositionKind.UNIT_HEAD, "局长"),
    DemoAccount("atushi_head", "艾尔肯·玉素甫", "atushi", PositionKind.UNIT_HEAD, "市长"),
    DemoAccount("akto_head", "库尔班·热依木", "akto", PositionKind.UNIT_HEAD, "县长"),
    DemoAccount("aheqi_head", "别克苏丹·托克托", "aheqi", PositionKind.UNIT_HEAD, "县长"),
    DemoAccount("wuqia_head", "帕尔哈提·吾买尔", "wuqia", PositionKind.UNIT_HEAD, "县长"),
    # The three separated administrators (三权分立, GB/T 22239-2019 8.1.5): three people.
    DemoAccount("admin", "高志远", "office", PositionKind.ADMINISTRATOR, "系统管理员", "系统管理"),
    DemoAccount(
        "security_admin", "帕提古丽·阿不力孜", "office", PositionKind.SECURITY_ADMINISTRATOR, "安全管理员", "安全管理"
    ),
    DemoAccount("audit_admin", "宋文博", "office", PositionKind.AUDIT_ADMINISTRATOR, "安全审计员", "安全审计"),
    # added later: appended, so that a demo loaded before keeps each position's sort order
    DemoAccount("wsb_clerk", "阿力木·卡德尔", "wsb", PositionKind.CLERK, "外事科科员", "外事审核"),
]

# leader username → (areas, unit codes)  (分管, art. 7)
PORTFOLIOS = {
    "exec_vice": ("财政、司法、审计、统计", ["czj", "sfj"]),
    "vice_liu": ("发展改革、自然资源、重大项目", ["fgw", "zrzyj"]),
    "vice_ayigul": ("教育、外事、信访", ["jyj", "wsb", "xfj"]),
    "secretary_general": ("政府办公室日常工作", ["office"]),
}


def _units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    for order, (code, name, short, kind, component, prefix, org_code) in enumerate(UNITS):
        # Departments, the office and the counties (县级政府) all answer to the prefecture government.
        parent = units.get("gov") if kind not in {UnitKind.GOVERNMENT, UnitKind.SUPERIOR} else None
        functions = FUNCTIONS.get(code, [])
        units[code], created = Unit.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "is_component": component,
                "doc_prefix": prefix,
                "org_code": org_code,
                "sort_order": order,
                "parent": parent,
                "is_demo": True,
                "functions": functions,
            },
        )
        # a demo loaded before units had functions gets them; functions set by hand are kept
        if not created and functions and units[code].is_demo and not units[code].functions:
            units[code].functions = functions
            units[code].save(update_fields=["functions"])
        # a demo loaded with a code whose check character was wrong gets the corrected one
        if not created and units[code].is_demo and FORMER_ORG_CODES.get(units[code].org_code) == org_code:
            units[code].org_code = org_code
            units[code].save(update_fields=["org_code"])
    return units


@transaction.atomic
def load_demo_government() -> list[DemoAccount]:
    """Create the demo units, positions, people, accounts and portfolios that do not exist yet."""
    units = _units()
    user_model = get_user_model()
    positions: dict[str, Position] = {}
    # One argon2 hash for the one published demo password (hashing it 28 times takes seconds).
    demo_hash = make_password(DEMO_PASSWORD)
    for order, account in enumerate(ACCOUNTS):
        # one position per account: the two 副州长 hold two positions, each with its own portfolio (art. 7)
        position, _ = Position.objects.get_or_create(
            unit=units[account.unit],
            kind=account.kind,
            title=account.title,
            duties=account.duties,
            sort_order=order,
        )
        positions[account.username] = position
        user = user_model.objects.filter(username=account.username).first()
        if user is None:
            user = user_model(username=account.username, password=demo_hash, is_staff=account.kind in ADMINISTRATORS)
            user.save()
        person, _ = Person.objects.get_or_create(user=user, defaults={"name": account.name, "is_demo": True})
        Appointment.objects.get_or_create(person=person, position=position, defaults={"start": TERM_START})
    for username, (areas, unit_codes) in PORTFOLIOS.items():
        portfolio, created = Portfolio.objects.get_or_create(
            leader=positions[username], areas=areas, defaults={"start": TERM_START}
        )
        if created:
            portfolio.units.set([units[c] for c in unit_codes])
    return ACCOUNTS

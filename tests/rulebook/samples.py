"""Short work-rules texts as they are published: plain text, Markdown and the HTML of a government
site, each whole and with damaged numbering (a 第X条 that lost its numeral)."""

from __future__ import annotations

TITLE = "某某自治州人民政府工作规则"
CHAPTERS = [(1, "总则"), (2, "工作原则")]
ARTICLES = {
    1: "为规范政府工作，制定本规则。",
    2: "州人民政府实行州长负责制。",
    3: "坚持依法行政。",
    4: "本规则自印发之日起施行。",
}

PLAIN = """某某自治州人民政府工作规则

第一章　总则

第一条　为规范政府工作，制定本规则。

第二条　州人民政府实行州长负责制。

第二章　工作原则

第三条　坚持依法行政。

第四条　本规则自印发之日起施行。
"""

MARKDOWN = """# 某某自治州人民政府工作规则

## 第一章 总则

**第一条** 为规范政府工作，制定本规则。

**第二条** 州人民政府实行州长负责制。

## 第二章 工作原则

**第三条** 坚持依法行政。

第四条　本规则自印发之日起施行。
"""

HTML = """<!DOCTYPE html>
<html><head><title>某某自治州人民政府工作规则_政府信息公开</title>
<style>p { text-indent: 2em; }</style></head>
<body>
<div class="crumbs">首页 &gt; 政府信息公开 &gt; 规章文件</div>
<h1 class="title">某某自治州人民政府工作规则</h1>
<div class="content">
<p style="text-align:center"><strong>第一章&nbsp;&nbsp;总则</strong></p>
<p>第一条&nbsp;为规范政府工作，
制定本规则。</p>
<p>第二条&nbsp;州人民政府实行州长负责制。</p>
<p style="text-align:center"><strong>第二章&emsp;工作原则</strong></p>
<p>第三条&nbsp;坚持依法行政。</p><p>第四条&nbsp;本规则自印发之日起施行。</p>
</div>
</body></html>
"""


def damaged(text: str) -> str:
    """The same copy with article 3's numeral lost (第三条 → 第条)."""
    return text.replace("第三条", "第条", 1)

"""The title an answer is given from the document it answers.  Pure, no Django.

A title is 发文机关 + 关于 + 事由 + 文种 (GB/T 9704-2012 7.3.2).  A 批复 answering a 请示, or a
复函 answering a 函, keeps the 事由 and drops the other side's 发文机关 and 文种: the 请示
「州发展改革委关于申请2026年重点项目前期工作经费的请示」 is answered by 「关于申请2026年重点项目
前期工作经费的批复」 (the issuing organ, the prefecture government, is added when it is issued)."""

from __future__ import annotations

#: The endings of the titles of the documents an answer answers, longest first.
ENDINGS = ("的请示", "的函", "的来函", "请示", "函")


def subject_of(title: str) -> str:
    """The 事由 of a title: after the first 关于 (the issuing organ before it dropped) and before the
    文种 at its end; the whole title, trimmed, when it does not read that way."""
    text = title.strip()
    _organ, sep, rest = text.partition("关于")
    subject = rest if sep else text
    for ending in ENDINGS:
        if subject.endswith(ending) and len(subject) > len(ending):
            return subject.removesuffix(ending)
    return subject


def answer_title(title: str, request: bool) -> str:
    """The prefilled title of the answer to a document titled ``title``: a 批复 to a 请示
    (``request``), otherwise a 复函."""
    return f"关于{subject_of(title)}的{'批复' if request else '复函'}"

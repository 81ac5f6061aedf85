"""Sentences written by pure code, shown in the reader's language (zhengwu.core.i18n)."""

from __future__ import annotations

import pickle

from django.utils import translation

from zhengwu.core.decisions import Citation, Decision, InvalidInput
from zhengwu.core.i18n import Msg, _, localize

CITATION = Citation("kizilsu-work-rules", "工作规则", 58, "leave.report")


def test_a_message_reads_as_its_chinese_sentence():
    msg = _("本件当前为“{state}”，不能{what}。", state="已签发", what="签发")
    assert msg == "本件当前为“已签发”，不能签发。"
    assert isinstance(msg, str)
    assert msg.msgid == "本件当前为“{state}”，不能{what}。"
    assert dict(msg.params) == {"state": "已签发", "what": "签发"}


def test_a_message_survives_pickling_with_its_id():
    msg = pickle.loads(pickle.dumps(_("{n}个工作日", n=7)))
    assert isinstance(msg, Msg)
    assert msg == "7个工作日"
    assert msg.msgid == "{n}个工作日"


def test_localize_uses_the_catalogue_and_localizes_parameters():
    with translation.override("en"):
        assert localize(_("工作规则")) == "Work Rules"
        nested = _("依据{rules}", rules=_("工作规则"))
        assert localize(nested) == "依据Work Rules"  # no translation of the outer id: the source, inner localized
    with translation.override("zh-hans"):
        assert localize(_("工作规则")) == "工作规则"


def test_a_message_without_translation_is_shown_in_chinese():
    with translation.override("en"):
        assert localize(_("没有译文的句子{x}", x=1)) == "没有译文的句子1"
        assert localize("普通字符串") == "普通字符串"


def test_a_refusal_is_explained_in_the_readers_language_and_recorded_in_chinese():
    decision = Decision.refuse("leave.late", _("工作规则"), CITATION)
    with translation.override("en"):
        assert decision.explanation == "Work Rules (Work Rules, art. 58)."
        assert decision.recorded_explanation == "工作规则（《工作规则》第五十八条）"
    with translation.override("zh-hans"):
        assert decision.explanation == "工作规则（《工作规则》第五十八条）"


def test_bad_input_speaks_the_readers_language():
    error = InvalidInput(_("工作规则"), field="title")
    with translation.override("en"):
        assert error.localized_message == "Work Rules"
    assert error.message == "工作规则"


def test_parameters_keep_their_format_specifications():
    msg = _("完成率{rate:.1%}，共{n:,}件", rate=0.9234, n=12345)
    assert msg == "完成率92.3%，共12,345件"
    with translation.override("en"):
        assert localize(msg) == "完成率92.3%，共12,345件"


def test_a_sentence_kept_as_json_is_shown_later_in_the_readers_language():
    import json

    from zhengwu.core.i18n import Joined, Stripped, from_data, to_data

    said = _(
        "依据{rules}：{parts}", rules=_("工作规则"), parts=Joined(_("，"), [_("工作规则"), Stripped(_("工作规则"))])
    )
    stored = json.loads(json.dumps(to_data(said), ensure_ascii=False))
    assert stored["text"] == str(said)  # the Chinese sentence, for whoever reads the JSON raw
    back = from_data(stored)
    assert back == said
    with translation.override("en"):
        assert localize(back) == localize(said)
        assert "Work Rules" in localize(back)
    assert from_data("旧记录中的字符串") == "旧记录中的字符串"  # rows stored before keep reading as they were

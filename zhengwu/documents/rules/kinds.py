"""The value sets of a document that several of the documents rules read: its type (文种), its
direction, its flow, its state and its classification.  Pure, no Django.

``zhengwu.documents.models`` takes the values of its choices from here and adds the translated
labels; ``tests/core/test_choices_single_source.py`` checks that the two agree.
"""

from __future__ import annotations

from enum import StrEnum


class DocType(StrEnum):
    """文种 (《党政机关公文处理工作条例》第八条)."""

    RESOLUTION = "jueyi"
    DECISION = "jueding"
    ORDER = "mingling"
    COMMUNIQUE = "gongbao"
    ANNOUNCEMENT = "gonggao"
    PUBLIC_NOTICE = "tonggao"
    OPINION = "yijian"
    NOTICE = "tongzhi"
    CIRCULAR = "tongbao"
    REPORT = "baogao"
    REQUEST = "qingshi"
    REPLY = "pifu"
    MOTION = "yian"
    LETTER = "han"
    MINUTES = "jiyao"


class Direction(StrEnum):
    UPWARD = "up"
    PARALLEL = "parallel"
    DOWNWARD = "down"


class Flow(StrEnum):
    """A submission to the government (来文) or a document the government issues (发文)."""

    SUBMISSION = "submission"
    OUTGOING = "outgoing"


class DocState(StrEnum):
    DRAFT = "draft"
    COUNTERSIGNING = "countersigning"
    SUBMITTED = "submitted"
    RECEIVED = "received"
    CHECKED = "checked"
    RETURNED = "returned"
    ROUTED = "routed"
    INSTRUCTED = "instructed"
    ANSWERED = "answered"
    CLOSED = "closed"
    REVIEWING = "reviewing"
    AWAITING_SIGNATURE = "awaiting_signature"
    SIGNED = "signed"
    ISSUED = "issued"


class Classification(StrEnum):
    """密级, lowest first (art. 61)."""

    NONE = "none"
    INTERNAL = "internal"
    SECRET = "secret"  # noqa: S105 - a 密级, not a password
    CONFIDENTIAL = "confidential"
    TOP_SECRET = "top_secret"  # noqa: S105 - a 密级, not a password

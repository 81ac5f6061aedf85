"""TOTP (RFC 6238, 30-second steps, 6 digits, HMAC-SHA1: what every authenticator app speaks) through
``pyotp``, and the enrolment QR code as inline SVG through ``segno`` (no network, no CDN)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

import pyotp
import segno

STEP_SECONDS = 30
#: Codes of the step before and after are accepted too (clock drift of the phone).
DRIFT_STEPS = 1
ISSUER = "zhengwu"
RECOVERY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_secret() -> str:
    return pyotp.random_base32()


def step_at(timestamp: float) -> int:
    return int(timestamp // STEP_SECONDS)


def matching_step(secret: str, code: str, timestamp: float, after_step: int | None) -> int | None:
    """The time step whose code ``code`` is (within the drift), later than ``after_step``; else None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    totp = pyotp.TOTP(secret)
    now = step_at(timestamp)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if after_step is not None and step <= after_step:
            continue
        if hmac.compare_digest(totp.at(step * STEP_SECONDS), code):
            return step
    return None


def provisioning_uri(secret: str, account_name: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account_name, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The QR code of ``uri`` as an inline ``<svg>`` element."""
    return str(segno.make(uri, error="m").svg_inline(scale=4, dark="#000", light="#fff"))


def new_recovery_code() -> str:
    raw = "".join(secrets.choice(RECOVERY_ALPHABET) for _unused in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def recovery_hash(code: str) -> str:
    normal = "".join(code.lower().split()).replace("-", "")
    return hashlib.new("sm3", normal.encode()).hexdigest()

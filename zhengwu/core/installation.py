"""Per-installation secrets and paths.

Secrets are generated on first use and kept in ``var/secrets.json`` (mode 0600), never in the
repository.  Every installation therefore has its own Django ``SECRET_KEY`` and its own key for
sealing the audit trail.  Environment variables override the file for deployments that keep
secrets in a vault (``ZHENGWU_SECRET_KEY``, ``ZHENGWU_AUDIT_KEY``).
"""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent.parent


def var_dir() -> Path:
    """The folder for the embedded database, secrets and uploaded files."""
    path = Path(os.environ.get("ZHENGWU_VAR_DIR", PROJECT_DIR / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def _secrets_file() -> Path:
    return var_dir() / "secrets.json"


def installation_secret(name: str) -> str:
    """Return the named secret, generating and storing it on first use."""
    env_value = os.environ.get(f"ZHENGWU_{name.upper()}")
    if env_value:
        return env_value
    path = _secrets_file()
    stored: dict[str, str] = json.loads(path.read_text()) if path.exists() else {}
    if name not in stored:
        stored[name] = secrets.token_urlsafe(50)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(stored, handle, indent=2)
        tmp.replace(path)
    return stored[name]

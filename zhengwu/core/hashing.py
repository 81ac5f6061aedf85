"""SM3 (GB/T 32905) through OpenSSL's ``hashlib``: the checksum kept with every uploaded file."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files import File


def sm3_of_file(upload: File[Any]) -> str:
    """The SM3 of an uploaded file, read in chunks; the file is left rewound for saving."""
    digest = hashlib.new("sm3")
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()

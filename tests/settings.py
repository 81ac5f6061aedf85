"""Settings for the test suite: the application's own settings, a fast password hasher, a private var/.

Argon2 is slow on purpose (it makes guessing a stolen hash expensive); the suite creates and logs
in hundreds of accounts, so it hashes with MD5 first.  The production hashers stay behind it, and
``tests/web/test_login.py`` proves that the application's own settings hash with Argon2.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

# Each test process (one per pytest-xdist worker) gets its own folder for secrets, uploads and
# archives, so workers never race on a file and the suite never writes into the developer's var/.
if "ZHENGWU_VAR_DIR" not in os.environ:
    _var = tempfile.mkdtemp(prefix=f"zhengwu-test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-")
    os.environ["ZHENGWU_VAR_DIR"] = _var
    atexit.register(shutil.rmtree, _var, ignore_errors=True)

from zhengwu.settings import *  # noqa: F403
from zhengwu.settings import PASSWORD_HASHERS as APPLICATION_PASSWORD_HASHERS

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *APPLICATION_PASSWORD_HASHERS]

# The suite rolls back and flushes the database under a var/ that lives on: checkpoints written by
# one test would describe a chain the next one no longer has.  tests/audit turns them on per test,
# with its own anchor folder and keys.
ZHENGWU_AUDIT_CHECKPOINT_EVERY = 0

# The suite signs the demo people in by name (the browser tests included): they skip the second
# factor as in `make run`; tests/identity/test_two_factor.py turns this off to prove the login.
ZHENGWU_DEMO = True

"""API access tokens: a bearer secret for other government systems calling the REST API.

Only the SM3 hash of the secret is stored; the secret itself is shown once, at creation.
The first eight characters (``prefix``) are kept in clear so that a user can tell tokens apart.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TokenScope(models.TextChoices):
    """What a token may do: read only (GET, HEAD, OPTIONS), or also change things."""

    READ = "read", _("只读")
    READ_WRITE = "read_write", _("读写")


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("名称"), max_length=60)
    prefix = models.CharField(_("前缀"), max_length=8)
    token_hash = models.CharField(_("令牌哈希（SM3）"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("创建时间"))
    last_used_at = models.DateTimeField(_("最近使用时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)
    expires_at = models.DateTimeField(_("有效期至"), null=True, blank=True)
    scope = models.CharField(_("权限范围"), max_length=10, choices=TokenScope.choices, default=TokenScope.READ)

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("访问令牌")
        verbose_name_plural = _("访问令牌")

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and not self.expired

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class IdempotencyKey(models.Model):
    """A state-changing API call made with an ``Idempotency-Key`` header, and its first answer.

    A retry with the same key by the same account gets this answer instead of acting again
    (:mod:`zhengwu.tokens.idempotency`).  ``status`` is null while the first call is still running.
    Kept for ``ZHENGWU_IDEMPOTENCY_TTL_HOURS`` (24 h).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="idempotency_keys"
    )
    key = models.CharField(_("幂等键"), max_length=255)
    fingerprint = models.CharField(_("请求摘要（SHA-256）"), max_length=64)
    method = models.CharField(_("方法"), max_length=10)
    path = models.CharField(_("路径"), max_length=2000)
    status = models.PositiveSmallIntegerField(_("状态码"), null=True, blank=True)
    content_type = models.CharField(_("内容类型"), max_length=200, blank=True)
    body = models.BinaryField(_("答复"), blank=True, default=b"")
    created_at = models.DateTimeField(_("创建时间"), db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="idempotency_key_per_user")]
        verbose_name = _("幂等键")
        verbose_name_plural = _("幂等键")

    def __str__(self) -> str:
        return f"{self.method} {self.path}（{self.key}）"

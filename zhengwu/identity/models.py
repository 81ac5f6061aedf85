"""What the platform keeps about an account's authentication, beside Django's user."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Account(models.Model):
    """One per user, created when first needed (:func:`zhengwu.identity.services.account_of`)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="identity"
    )
    must_change_password = models.BooleanField(_("须修改密码"), default=False)
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    # TOTP (RFC 6238): the base32 secret, set at enrolment and confirmed by a first code; the last
    # time step accepted, so that a code is never accepted twice.
    totp_secret = models.CharField(_("动态口令密钥"), max_length=64, blank=True)
    totp_confirmed_at = models.DateTimeField(_("动态口令启用时间"), null=True, blank=True)
    totp_last_step = models.BigIntegerField(_("最近使用的时间步"), null=True, blank=True)

    class Meta:
        verbose_name = _("账号安全")
        verbose_name_plural = _("账号安全")

    def __str__(self) -> str:
        return str(self.user)


class RecoveryCode(models.Model):
    """A one-time code that stands in for the authenticator (its SM3 hash; shown once at enrolment)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="recovery_codes"
    )
    code_hash = models.CharField(_("恢复码哈希（SM3）"), max_length=64)
    used_at = models.DateTimeField(_("使用时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("恢复码")
        verbose_name_plural = _("恢复码")

    def __str__(self) -> str:
        return f"{self.user}"


class PasswordHistory(models.Model):
    """A password the account used before (its hash, as Django stores it): a new password may not
    be one of the last ``settings.ZHENGWU_PASSWORD_HISTORY`` (the current one included)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="password_history"
    )
    password_hash = models.CharField(_("密码哈希"), max_length=128)
    replaced_at = models.DateTimeField(_("停用时间"))

    class Meta:
        ordering = ("-replaced_at", "-id")
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")

    def __str__(self) -> str:
        return f"{self.user}"


class LoginThrottle(models.Model):
    """Failed sign-ins of one account, from any address: after a few, each further attempt must
    wait longer (:func:`zhengwu.identity.services.login_wait`).  A successful sign-in clears it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="login_throttle"
    )
    failures = models.PositiveIntegerField(_("连续失败次数"), default=0)
    last_failed_at = models.DateTimeField(_("最近失败时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("登录延迟")
        verbose_name_plural = _("登录延迟")

    def __str__(self) -> str:
        return f"{self.user}"


class SessionRecord(models.Model):
    """One signed-in session, as its owner sees it in the list of their sessions: when it started,
    when it was last used, from where and with what.  The Django session holds this record's id
    (:data:`zhengwu.identity.services.SESSION_RECORD`); ending the session deletes the Django
    session and stamps ``ended_at``."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("账号"), on_delete=models.CASCADE, related_name="session_records"
    )
    session_key = models.CharField(_("会话标识"), max_length=40, db_index=True)
    started_at = models.DateTimeField(_("登录时间"))
    last_seen_at = models.DateTimeField(_("最近活动时间"))
    ip_address = models.CharField(_("客户端地址"), max_length=45, blank=True)
    user_agent = models.CharField(_("浏览器或客户端"), max_length=255, blank=True)
    ended_at = models.DateTimeField(_("结束时间"), null=True, blank=True)
    end_reason = models.CharField(_("结束原因"), max_length=20, blank=True)

    class Meta:
        ordering = ("-last_seen_at", "-id")
        verbose_name = _("登录会话")
        verbose_name_plural = _("登录会话")

    def __str__(self) -> str:
        return f"{self.user} {self.started_at:%Y-%m-%d %H:%M}"

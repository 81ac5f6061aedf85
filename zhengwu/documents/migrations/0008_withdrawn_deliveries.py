"""A cancelled document number withdraws the issue (撤回印发): deliveries are marked withdrawn
and kept, and a unit and a 份号 are unique only among a document's deliveries that stand, so the
document can be issued again."""

from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0007_recheck_signer_and_step_versions'),
        ('org', '0004_acting_ended_early'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='delivery',
            name='delivery_unit_unique',
        ),
        migrations.RemoveConstraint(
            model_name='delivery',
            name='delivery_copy_number_unique',
        ),
        migrations.AddField(
            model_name='delivery',
            name='withdrawn_at',
            field=models.DateTimeField(blank=True, help_text='发文字号作废、撤回印发时记录；撤回的来文不再出现在收文箱中', null=True, verbose_name='撤回时间'),
        ),
        migrations.AddField(
            model_name='delivery',
            name='withdrawn_reason',
            field=models.CharField(blank=True, max_length=300, verbose_name='撤回原因'),
        ),
        migrations.AddConstraint(
            model_name='delivery',
            constraint=models.UniqueConstraint(condition=models.Q(('withdrawn_at__isnull', True)), fields=('document', 'unit'), name='delivery_unit_unique'),
        ),
        migrations.AddConstraint(
            model_name='delivery',
            constraint=models.UniqueConstraint(condition=models.Q(('withdrawn_at__isnull', True)), fields=('document', 'copy_number'), name='delivery_copy_number_unique'),
        ),
    ]

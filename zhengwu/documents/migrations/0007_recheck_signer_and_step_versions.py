"""复核 after signature goes back to the original signer (``Document.recheck_signer``), and the
steps before signing (分管 review, 同意) count only for the 正文 version they were taken on: the
steps recorded before this migration get the version that was current when they were taken."""

import django.db.models.deletion
from django.db import migrations, models


def date_signing_steps(apps, schema_editor):
    Opinion = apps.get_model("documents", "Opinion")
    DocumentVersion = apps.get_model("documents", "DocumentVersion")
    for opinion in Opinion.objects.filter(kind="signing_step", version__isnull=True).iterator():
        version = (DocumentVersion.objects.filter(document_id=opinion.document_id, created_at__lte=opinion.created_at)
                   .order_by("-number").first())
        if version is not None:
            opinion.version_id = version.pk
            opinion.save(update_fields=["version"])


class Migration(migrations.Migration):

    dependencies = [
        ('documents', '0006_disclosure'),
        ('org', '0003_unit_functions'),
    ]

    operations = [
        migrations.AddField(
            model_name='document',
            name='recheck_signer',
            field=models.ForeignKey(blank=True, help_text='签发后作实质性修改的，退回原签发人复核签发（第四十九条）；复核签发后清空', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='org.person', verbose_name='待复核的原签发人'),
        ),
        migrations.AlterField(
            model_name='opinion',
            name='version',
            field=models.ForeignKey(blank=True, help_text='合法性审核、联合发文会签、签发前审核同意针对的正文版本；此后修改正文须重新办理', null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='documents.documentversion', verbose_name='针对的正文版本'),
        ),
        migrations.RunPython(date_signing_steps, migrations.RunPython.noop),
    ]

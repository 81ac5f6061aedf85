# Tokens created before scopes existed could change things: they stay read-write; new ones are
# read-only unless asked otherwise.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('tokens', '0003_apitoken_expires_at'),
    ]

    operations = [
        migrations.AddField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', '只读'), ('read_write', '读写')], default='read_write', max_length=10, verbose_name='权限范围'),
        ),
        migrations.AlterField(
            model_name='apitoken',
            name='scope',
            field=models.CharField(choices=[('read', '只读'), ('read_write', '读写')], default='read', max_length=10, verbose_name='权限范围'),
        ),
    ]

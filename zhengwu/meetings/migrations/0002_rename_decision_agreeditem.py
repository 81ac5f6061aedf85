"""The minutes' 议定事项 were a model called ``Decision``, the name the rules give their answers
(``zhengwu.core.decisions.Decision``); the model is now ``AgreedItem``.  The table is renamed, the
rows stay; the content type row is renamed by Django (same id), so generic relations still point
at it.  Audit records keep the label they were written with (``meetings.decision``): they are
hash-chained and never rewritten; ``zhengwu.audit.services.FORMER_OBJECT_TYPES`` reads them."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Decision", new_name="AgreedItem"),
    ]

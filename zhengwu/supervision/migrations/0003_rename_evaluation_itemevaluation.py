"""``Evaluation`` existed twice (here and in legislation).  This one is a third-party evaluation
(第三方评估) of a supervision item's implementation: ``ItemEvaluation``.  The table is renamed, the
rows stay; audit records keep their label (``supervision.evaluation``), read through
``zhengwu.audit.services.FORMER_OBJECT_TYPES``."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("supervision", "0002_help_texts_without_article_numbers"),
    ]

    operations = [
        migrations.RenameModel(old_name="Evaluation", new_name="ItemEvaluation"),
    ]

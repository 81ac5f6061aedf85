"""``Evaluation`` existed twice (here and in supervision).  This one is the 后评估 of a published
regulation (art. 21): ``RegulationEvaluation``.  The table is renamed, the rows stay; the timers
carry the row's id (``evaluation_id``), not the model's name; audit records keep their label
(``legislation.evaluation``), read through ``zhengwu.audit.services.FORMER_OBJECT_TYPES``."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("legislation", "0002_shared_validity_choices"),
    ]

    operations = [
        migrations.RenameModel(old_name="Evaluation", new_name="RegulationEvaluation"),
    ]

from django.db import migrations


def install(apps, schema_editor):
    from zhaoshang.plans import defaults

    defaults.install(apps.get_model("plans", "NodeTemplate"), apps.get_model("plans", "TemplateNode"))


class Migration(migrations.Migration):
    dependencies = [("plans", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """The pages and commands over every app's records: history, recycle bin, imports, backup and restore."""

    name = "zhaoshang.records"
    verbose_name = _("记录")

    def ready(self) -> None:
        from zhaoshang.jobs import kinds

        # A web import above IMPORT_JOB_ROWS rows runs in the worker (records/import_jobs.py).
        kinds.register(
            "import", "zhaoshang.records.import_jobs.run", template="records/import_job_result.html"
        )

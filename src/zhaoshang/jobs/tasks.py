"""The one task the queue carries (django-tasks): run a Job by its primary key."""

from __future__ import annotations

from django_tasks import task

from zhaoshang.jobs import services


@task()
def run_job(job_id: int) -> str:
    return services.run(job_id)

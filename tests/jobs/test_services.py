"""Jobs claimed once, recovered after a dead worker, failed visibly, retried by who may; the list, its
export and the API scoped by district. A small job kind defined here does the work."""

from __future__ import annotations

import socket
import subprocess
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.factories import RegionFactory, UserFactory
from tests.jobs.support import work
from tests.workbook_layout import assert_bureau_layout, records
from zhaoshang.accounts.models import Role
from zhaoshang.jobs import kinds, services
from zhaoshang.jobs.kinds import Outcome
from zhaoshang.jobs.models import Job, JobState

pytestmark = [pytest.mark.django_db, pytest.mark.factories]
RUNS: list[int] = []


def echo(job: Job, progress: kinds.Progress) -> Outcome:
    RUNS.append(job.pk)
    if job.params.get("explode"):
        raise RuntimeError("disk full (test)")
    progress(50, "半程")
    return Outcome(f"回声 {job.params.get('n', 0)}")


@pytest.fixture(autouse=True)
def echo_kind():
    kinds.register("test-echo", f"{__name__}.echo")
    RUNS.clear()
    yield
    kinds.KINDS.pop("test-echo")


@pytest.fixture
def officer():
    return UserFactory(role=Role.OFFICER)


def queue(user, capture, **params) -> Job:
    with capture(execute=True):
        return services.queue(kind="test-echo", title="回声任务", user=user, params=params)


def dead_worker() -> str:
    process = subprocess.Popen(["true"])
    process.wait()
    return f"{socket.gethostname()}:{process.pid}"


def test_a_job_enqueued_twice_runs_once(monkeypatch, officer, django_capture_on_commit_callbacks):
    job = queue(officer, django_capture_on_commit_callbacks, n=7)
    services.enqueue(job.pk)  # a second message for the same job on the queue
    work(monkeypatch)
    job.refresh_from_db()
    assert [job.pk] == RUNS and job.state == JobState.DONE and job.summary == "回声 7" and job.attempts == 1
    assert job.region == officer.region


def test_an_exception_fails_the_job_in_chinese_with_the_traceback_in_its_log(
    monkeypatch, officer, django_capture_on_commit_callbacks
):
    job = queue(officer, django_capture_on_commit_callbacks, explode=True)
    work(monkeypatch)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.retryable and "任务运行出错" in job.error
    assert "RuntimeError: disk full (test)" in job.log


def test_a_job_whose_worker_died_is_queued_again_and_failed_after_the_last_attempt(
    monkeypatch, officer, settings
):
    settings.JOB_MAX_ATTEMPTS = 2
    job = Job.objects.create(
        kind="test-echo",
        title="中断任务",
        user=officer,
        region=officer.region,
        state=JobState.RUNNING,
        attempts=1,
        worker=dead_worker(),
    )
    alive = Job.objects.create(
        kind="test-echo",
        title="运行中",
        user=officer,
        region=officer.region,
        state=JobState.RUNNING,
        attempts=1,
        worker=services.this_worker(),
    )
    assert job.worker_lost and not alive.worker_lost
    work(monkeypatch)  # recovers, then runs the job again
    job.refresh_from_db()
    alive.refresh_from_db()
    assert job.state == JobState.DONE and job.attempts == 2 and "已重新排队" in job.log
    assert alive.state == JobState.RUNNING  # its worker lives: left alone

    Job.objects.filter(pk=job.pk).update(state=JobState.RUNNING, worker=dead_worker())
    services.recover()
    job.refresh_from_db()
    assert job.state == JobState.FAILED and job.retryable and "多次终止" in job.error


def test_a_failed_job_is_retried_by_its_submitter_and_not_by_a_leader(
    monkeypatch, client, officer, django_capture_on_commit_callbacks
):
    job = queue(officer, django_capture_on_commit_callbacks, explode=True)
    work(monkeypatch)
    leader = UserFactory(role=Role.LEADER, region=officer.region)
    client.force_login(leader)
    assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 403
    client.force_login(officer)
    page = client.get(job.get_absolute_url()).content.decode()
    assert 'data-testid="retry"' in page and "任务运行出错" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.state == JobState.QUEUED and job.attempts == 0
    Job.objects.filter(pk=job.pk).update(params={})
    work(monkeypatch)
    job.refresh_from_db()
    assert job.state == JobState.DONE


def test_a_job_done_is_not_retried(monkeypatch, officer, django_capture_on_commit_callbacks):
    job = queue(officer, django_capture_on_commit_callbacks)
    work(monkeypatch)
    job.refresh_from_db()
    with pytest.raises(services.JobRefused):
        services.retry(job)


def test_the_list_its_export_and_the_api_show_only_jobs_within_reach(
    client, officer, django_capture_on_commit_callbacks
):
    mine = queue(officer, django_capture_on_commit_callbacks)
    other = queue(UserFactory(role=Role.OFFICER, region=RegionFactory()), django_capture_on_commit_callbacks)
    Job.objects.filter(pk=other.pk).update(title="别区的任务")
    admin = UserFactory(role=Role.DISTRICT_ADMIN, region=officer.region)
    client.force_login(admin)
    page = client.get(reverse("jobs:list")).content.decode()
    assert mine.get_absolute_url() in page and "别区的任务" not in page
    assert client.get(other.get_absolute_url()).status_code == 404
    sheet = load_workbook(BytesIO(client.get(reverse("jobs:export")).content)).active
    assert_bureau_layout(sheet, title="后台任务")
    assert [row[0] for row in records(sheet)] == [mine.pk]
    listed = client.get("/api/jobs").json()
    assert [item["id"] for item in listed["items"]] == [mine.pk] and listed["items"][0]["state"] == "queued"
    assert client.get(f"/api/jobs/{other.pk}").status_code == 404

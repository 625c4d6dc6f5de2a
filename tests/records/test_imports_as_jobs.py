"""A web import above IMPORT_JOB_ROWS runs as a background job: queued from the import page, run by the
worker (`zhaoshang worker --burst`, in this process), its report on the job's page; done once."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests.jobs.support import work
from tests.records.imports_support import PROJECT_HEADERS, make_uscc, workbook
from zhaoshang.jobs.models import Job, JobState
from zhaoshang.projects.models import Project

pytestmark = pytest.mark.django_db


def rows(prefix: str, count: int = 3) -> list[list[object]]:
    return [
        [
            f"{prefix}{n}",
            "东城区",
            f"{prefix}企业{n}有限公司",
            make_uscc(700 + n),
            "3670",
            "否",
            "1亿",
            "签约",
            "2022-03-01",
        ]
        for n in range(count)
    ]


@pytest.fixture
def big(settings, tmp_path):
    """Every file of more than one row is "large" here."""
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_JOB_ROWS = 1


@pytest.fixture
def admin_of_dongcheng(client, dc_admin):
    client.force_login(dc_admin)
    return client


def upload(client, capture, data: list[list[object]] | bytes, **form: str):
    content = data if isinstance(data, bytes) else workbook(PROJECT_HEADERS, data).getvalue()
    with capture(execute=True):
        return client.post(
            reverse("imports:projects"), {"file": SimpleUploadedFile("台账.xlsx", content), **form}
        )


def test_a_large_import_is_queued_run_by_the_worker_and_reported_on_its_page(
    monkeypatch, big, admin_of_dongcheng, django_capture_on_commit_callbacks
):
    client = admin_of_dongcheng
    response = upload(client, django_capture_on_commit_callbacks, rows("后台导入项目"))
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (
        job.state == JobState.QUEUED
        and job.region.code == "110101"
        and job.key.startswith("import:projects:")
    )
    assert not Project.objects.filter(name__startswith="后台导入项目").exists()  # nothing inside the request
    page = client.get(job.get_absolute_url()).content.decode()
    assert "排队中" in page and 'hx-trigger="every 2s"' in page

    work(monkeypatch)

    job.refresh_from_db()
    assert job.state == JobState.DONE and job.progress == 100 and job.attempts == 1
    assert Project.objects.filter(name__startswith="后台导入项目", region__code="110101").count() == 3
    page = client.get(job.get_absolute_url()).content.decode()
    assert "已导入：新增 3 条" in page and 'data-testid="import-preview"' in page and "后台导入项目2" in page
    assert "every 2s" not in page  # finished: no more polling


def test_a_confirmed_import_of_the_same_file_is_refused(
    monkeypatch, big, admin_of_dongcheng, django_capture_on_commit_callbacks
):
    client = admin_of_dongcheng
    content = workbook(PROJECT_HEADERS, rows("重复导入项目")).getvalue()
    upload(client, django_capture_on_commit_callbacks, content)
    work(monkeypatch)
    response = upload(client, django_capture_on_commit_callbacks, content)
    assert response.status_code == 200
    assert "同一文件已于" in response.content.decode() and "不再重复导入" in response.content.decode()
    assert Job.objects.count() == 1


def test_a_dry_run_job_offers_the_confirmation_which_queues_the_import(
    monkeypatch, big, admin_of_dongcheng, django_capture_on_commit_callbacks
):
    client = admin_of_dongcheng
    upload(client, django_capture_on_commit_callbacks, rows("试导入后台项目"), dry_run="on")
    work(monkeypatch)
    dry = Job.objects.get()
    page = client.get(dry.get_absolute_url()).content.decode()
    assert (
        dry.state == JobState.DONE
        and "试导入（未写入）：将新增 3 条" in page
        and 'data-testid="confirm"' in page
    )
    assert not Project.objects.filter(name__startswith="试导入后台项目").exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("imports:job_confirm", args=[dry.pk]))
    confirmed = Job.objects.exclude(pk=dry.pk).get()
    assert response["Location"] == confirmed.get_absolute_url()
    work(monkeypatch)
    confirmed.refresh_from_db()
    assert confirmed.state == JobState.DONE and "已导入：新增 3 条" in confirmed.summary
    assert Project.objects.filter(name__startswith="试导入后台项目").count() == 3


def test_rejected_rows_fail_the_job_with_the_row_level_report_and_no_retry(
    monkeypatch, big, admin_of_dongcheng, django_capture_on_commit_callbacks
):
    client = admin_of_dongcheng
    bad = [*rows("坏行后台项目", 2), ["坏行", "火星区", "", "", "", "否", "abc", "签约", "2022-13-01"]]
    upload(client, django_capture_on_commit_callbacks, bad)
    work(monkeypatch)
    job = Job.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()
    assert job.state == JobState.FAILED and not job.retryable
    assert "导入未执行" in page and "无法识别的金额" in page and 'data-testid="retry"' not in page
    assert not Project.objects.filter(name__startswith="坏行后台项目").exists()  # all or nothing


def test_the_status_is_polled_until_the_job_ends(
    monkeypatch, big, admin_of_dongcheng, django_capture_on_commit_callbacks
):
    client = admin_of_dongcheng
    upload(client, django_capture_on_commit_callbacks, rows("轮询项目"))
    job = Job.objects.get()
    polled = client.get(f"{job.get_absolute_url()}?poll=1", headers={"HX-Request": "true"})
    assert polled.status_code == 200 and 'data-testid="job-status"' in polled.content.decode()
    work(monkeypatch)
    polled = client.get(f"{job.get_absolute_url()}?poll=1", headers={"HX-Request": "true"})
    assert polled.status_code == 204 and polled["HX-Refresh"] == "true"


def test_a_small_import_still_runs_in_the_request(admin_of_dongcheng, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    response = admin_of_dongcheng.post(
        reverse("imports:projects"), {"file": workbook(PROJECT_HEADERS, rows("小文件项目"))}
    )
    assert "已导入：新增 3 条" in response.content.decode() and not Job.objects.exists()

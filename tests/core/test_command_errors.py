"""Commands answer bad input with a Chinese message and a non-zero exit, never a traceback (issue 14
defect 22): an output folder that does not exist, a token name longer than its column (which SQLite would
store and PostgreSQL refuse)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from zhaoshang.accounts.models import ApiToken

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["txt", "docx"])
def test_brief_into_a_missing_folder_is_a_command_error(tmp_path, fmt):
    out = tmp_path / "missing" / f"x.{fmt}"
    with pytest.raises(CommandError, match=r"无法写入.*请检查目录是否存在"):
        call_command("brief", "--region", "500106", "--period", "2022H1", "--format", fmt, "--out", str(out))
    assert not out.parent.exists()


def test_a_token_name_longer_than_its_column_is_refused(admin_user):
    with pytest.raises(CommandError, match="令牌用途不能超过 100 个字符"):
        call_command("token", "create", "--user", admin_user.username, "--name", "长" * 101)
    assert not ApiToken.objects.filter(user=admin_user).exists()


def test_a_token_name_of_the_column_length_is_issued(admin_user, capsys):
    call_command("token", "create", "--user", admin_user.username, "--name", "长" * 100)
    assert ApiToken.objects.get(user=admin_user).name == "长" * 100
    assert capsys.readouterr().out.startswith("zs_")

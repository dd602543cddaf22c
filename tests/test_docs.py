"""The README documents every command and option the CLI has."""

from pathlib import Path

import click
import pytest

from indexer.cli import cli

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()


def all_commands():
    return sorted(cli.commands.items())


@pytest.mark.parametrize(("name", "command"), all_commands())
def test_command_and_options_documented(name, command):
    assert f"klyngearkiv {name}" in README
    for param in command.params:
        if isinstance(param, click.Option):
            for opt in param.opts:
                assert f"`{opt}" in README or f" {opt} " in README or f"[{opt}" in README, opt


def test_environment_variables_documented():
    for param in (p for _, c in all_commands() for p in c.params):
        if getattr(param, "envvar", None):
            assert param.envvar in README

"""`dmon`: one command group, verb subcommands. Each command is a thin call into a library function."""

from __future__ import annotations

import logging

import click

from dmon import commands_dashboard, commands_extract, commands_geo, commands_ingest, commands_reporting


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-v", "--verbose", count=True, help="More log output (-v info, -vv debug).")
@click.version_option(package_name="displacement-monitor", prog_name="dmon")
def main(verbose: int) -> None:
    """displacement-monitor: where reports say people are displaced or shelled, and what NGOs said."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for module in (commands_ingest, commands_extract, commands_geo, commands_dashboard, commands_reporting):
    for command in module.COMMANDS:
        main.add_command(command)

"""Command-line: `flask users create`, `flask seed-demo`."""

import click
from flask import current_app
from flask.cli import AppGroup

from webapp import cli_backup, cli_county
from webapp.demo.seed import DEMO_PASSWORD, seed_demo
from webapp.extensions import db
from webapp.services.accounts.users import UserError, create_user

users_cli = AppGroup("users", help="管理用户 / manage users")


@users_cli.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice(["nurse", "school", "county", "admin"]))
@click.option("--scope", "scope_code", required=True, help="unit, school or county code")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--name", "display_name", default="")
def create_user_cmd(username, role, scope_code, password, display_name):
    """Create a user (password prompted unless --password is given)."""

    try:
        create_user(username, password, role, scope_code, display_name, actor="cli")
    except UserError as err:
        raise click.ClickException(f"{err.field}: {err.message}") from None
    db.session.commit()
    click.echo(f"created {username} ({role} @ {scope_code})")


@click.command("seed-demo")
@click.option("--org-only", is_flag=True, help="only the organisation and the demo accounts, no records")
def seed_demo_cmd(org_only):
    """Create the demo county (idempotent); refused in production configuration."""

    if current_app.config["ENV_NAME"] == "production":
        raise click.ClickException("seed-demo refuses to run in production configuration")
    created = seed_demo(org_only=org_only)
    db.session.commit()
    for line in created:
        click.echo(line)
    click.echo(f"demo accounts: demo-nurse, demo-nurse2, demo-nurse-b, demo-school, demo-county, demo-admin; "
               f"password {DEMO_PASSWORD}")


def register(app):
    """Attach the commands to the app's CLI."""
    app.cli.add_command(users_cli)
    app.cli.add_command(seed_demo_cmd)
    cli_backup.register(app)  # flask backup / flask restore (reliability)
    cli_county.register(app)  # flask county create / flask org import (deployment)

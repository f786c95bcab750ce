"""`flask county create` and `flask org import`: a real county starts on an empty production database.

`county create CODE NAME --admin USERNAME` makes the county and its first administrator in one transaction; the
organisation then comes from the county's own spreadsheet through the same import as the admin page
(`org import FILE`: all rows or none, every rejected row listed)."""

from pathlib import Path

import click
from flask.cli import AppGroup

from webapp.extensions import db
from webapp.services.accounts.users import UserError, create_user
from webapp.services.admin.org import OrgError, save_org_entity
from webapp.services.admin.org_import import ImportFileError, import_tables, read_tables

county_cli = AppGroup("county", help="县 / the county")
org_cli = AppGroup("org", help="组织机构 / the organisation (townships, units, villages, schools)")
ENTITIES = ("township", "unit", "village", "school")


@county_cli.command("create")
@click.argument("code")
@click.argument("name")
@click.option("--admin", "admin_username", required=True, help="the county's first administrator")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="the administrator's password (prompted when not given)")
def create_county_cmd(code, name, admin_username, password):
    """Create a county and its first administrator (nothing is saved if either fails)."""
    try:
        save_org_entity("cli", "county", {"code": code, "name": name}, create=True)
        create_user(admin_username, password, "admin", code.strip(), actor="cli")
    except (OrgError, UserError) as err:
        db.session.rollback()
        raise click.ClickException(f"{err.field}: {err.message}") from None
    db.session.commit()
    click.echo(f"已创建县 {code.strip()} {name.strip()} 及管理员 {admin_username.strip()} / "
               f"created county {code.strip()} with administrator {admin_username.strip()}")


@org_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--county", "county_code", default=None, help="county code (needed only when there are several)")
@click.option("--entity", type=click.Choice(ENTITIES), default=None,
              help="what a CSV file (or a workbook's only sheet) holds")
def import_org_cmd(path, county_code, entity):
    """Import townships, units, villages and schools from .xlsx/.csv: all rows or none."""
    county_code = county_code or _only_county()
    try:
        report = import_tables("cli", read_tables(path.name, path.read_bytes(), entity), county_code)
    except ImportFileError as err:
        db.session.rollback()
        raise click.ClickException(str(err)) from None
    if not report.ok:
        db.session.rollback()
        for sheet, number, field, message in report.rejected:
            click.echo(f"{sheet} 第 {number} 行 / row {number} {field}: {message}", err=True)
        raise click.ClickException(f"{len(report.rejected)} 行被拒绝，未导入任何数据 / "
                                   f"{len(report.rejected)} rows rejected, nothing imported")
    db.session.commit()
    for kind in ENTITIES:
        if report.created.get(kind) or report.updated.get(kind):
            click.echo(f"{kind}: created {report.created.get(kind, 0)}, updated {report.updated.get(kind, 0)}")


def _only_county() -> str:
    """The database's one county; with none or several, the user must say."""
    from webapp.models import County

    codes = db.session.scalars(db.select(County.code).limit(2)).all()
    if len(codes) != 1:
        raise click.ClickException("请用 --county 指定县代码（或先运行 flask county create） / "
                                   "give --county CODE (or run `flask county create` first)")
    return codes[0]


def register(app) -> None:
    """Attach `county` and `org` to the app's CLI."""
    app.cli.add_command(county_cli)
    app.cli.add_command(org_cli)

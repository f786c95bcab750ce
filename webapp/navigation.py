"""The start-page tiles per role; each area adds its own entries to TILES."""

from flask import url_for
from flask_babel import lazy_gettext as _l
from werkzeug.routing import BuildError

# (roles, endpoint, label). An endpoint that is not registered yet is skipped.
TILES = [
    (("admin",), "admin.index", _l("系统管理")),
    (("admin",), "admin.users", _l("用户")),
    (("admin",), "admin.devices", _l("设备")),
    (("nurse",), "pwa.shell", _l("打开接种端（可离线）")),
    (("school",), "pwa.shell", _l("打开查验端（可离线）")),
    (("county",), "review.queue", _l("AEFI 审核")),
    (("county",), "review.calendar", _l("零报告日历")),
    (("county", "admin"), "scores.ranking", _l("考核评分")),
    (("county", "admin"), "scores.surveys", _l("现场调查接种率")),
    (("county",), "schools.report", _l("入托入学查验")),
    (("school", "nurse"), "schools.report", _l("查验报表")),
    (("nurse",), "schools.referrals", _l("学校转介补种")),
    (("county", "admin"), "review.devices", _l("设备与数据流")),
    (("county", "nurse"), "registry.duplicates", _l("疑似重复儿童")),
    (("county",), "stock.lots", _l("疫苗与冷链")),
]


def home_tiles(user) -> list[dict]:
    """The tiles a user sees on the start page."""
    tiles = []
    for roles, endpoint, label in TILES:
        if user.role in roles:
            try:
                tiles.append({"url": url_for(endpoint), "label": label})
            except BuildError:
                continue
    return tiles


def register_navigation(app):
    """Expose home_tiles to templates."""
    app.context_processor(lambda: {"home_tiles": home_tiles})

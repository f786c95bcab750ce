"""A phone or computer named for people: its system and browser read from the user-agent string it signed in with
("Android · Chrome 120", "iPhone · 微信 8"), beside the person who uses it."""

import re

# (pattern, name) in the order they must be tried: in-app and vendor browsers carry "Chrome/" or "Safari/" too
BROWSERS = (
    (r"MicroMessenger/(\d+)", "微信"), (r"EdgA?/(\d+)", "Edge"), (r"SamsungBrowser/(\d+)", "Samsung Internet"),
    (r"HuaweiBrowser/(\d+)", "华为浏览器"), (r"MiuiBrowser/(\d+)", "小米浏览器"), (r"UCBrowser/(\d+)", "UC"),
    (r"QQBrowser/(\d+)", "QQ浏览器"), (r"OPR/(\d+)", "Opera"), (r"CriOS/(\d+)", "Chrome"), (r"FxiOS/(\d+)", "Firefox"),
    (r"Firefox/(\d+)", "Firefox"), (r"(?:Headless)?Chrom(?:e|ium)/(\d+)", "Chrome"),
    (r"Version/(\d+)[.\d]* .*Safari/", "Safari"),
)
SYSTEMS = (
    (r"HarmonyOS", "HarmonyOS"), (r"Android", "Android"), (r"iPhone", "iPhone"), (r"iPad", "iPad"),
    (r"Windows", "Windows"), (r"Macintosh|Mac OS X", "macOS"), (r"CrOS", "ChromeOS"), (r"Linux", "Linux"),
)

# a full user-agent string, or the phone's shortened one that starts with the system in brackets (pwa lib/users.js)
AGENT = re.compile(r"Mozilla/|\((?:Linux|Android|HarmonyOS|iPhone|iPad|Windows|Macintosh|X11|CrOS)")


def _first(table, text: str) -> str | None:
    for pattern, name in table:
        match = re.search(pattern, text)
        if match:
            return f"{name} {match.group(1)}" if match.groups() else name
    return None


def describe_device(device_name: str) -> str:
    """A user-agent string as "system · browser version"; a name that is no user-agent string as given."""
    text = (device_name or "").strip()
    if not AGENT.match(text):
        return text
    parts = [_first(SYSTEMS, text), _first(BROWSERS, text)]
    return " · ".join(p for p in parts if p) or text


def device_label(person: str, device_name: str, device_id: str = "") -> str:
    """"张护士 · Android · Chrome 120": the person, then what the device is (its id when it gave no name)."""
    what = describe_device(device_name) or device_id
    return " · ".join(p for p in (person, what) if p)

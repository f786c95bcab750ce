"""Devices named by what they are: the system and browser read from the user-agent string, beside the person."""

import pytest

from webapp.domain.devices import describe_device, device_label

ANDROID_CHROME = ("Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like "
                  "Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36")


@pytest.mark.parametrize(("agent", "shown"), [
    (ANDROID_CHROME, "Android · Chrome 120"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 "
     "Mobile/15E148 Safari/604.1", "iPhone · Safari 17"),
    ("Mozilla/5.0 (Linux; Android 12; HUAWEI) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0 Mobile Safari/537.36 "
     "MicroMessenger/8.0.47.2560", "Android · 微信 8"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0 Safari/537.36 "
     "Edg/119.0.2151.97", "Windows · Edge 119"),
    ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36",
     "Linux · Chrome 131"),
    ("Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0", "Android · Firefox 121"),
    # the phone's shortened name (pwa/src/lib/users.js deviceName)
    ("(Linux; Android 13; V2227A; wv) Version/4 Chrome/120 Mobile Safari/537 MicroMessenger/8(0x28002F35)",
     "Android · 微信 8"),
    ("(iPhone; CPU iPhone OS 17_1 like Mac OS X) Version/17 Mobile/15E148 Safari/604", "iPhone · Safari 17"),
])
def test_a_user_agent_reads_as_system_and_browser_with_its_major_version(agent, shown):
    assert describe_device(agent) == shown


def test_a_name_that_is_no_user_agent_is_kept():
    assert describe_device("接种室平板") == "接种室平板"


def test_the_label_names_the_person_first_and_falls_back_to_the_device_id():
    assert device_label("张护士", ANDROID_CHROME) == "张护士 · Android · Chrome 120"
    assert device_label("张护士", "", "dev-7") == "张护士 · dev-7"

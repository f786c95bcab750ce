"""The privacy notice: public, in Chinese by default, linked from every page's footer."""


def test_privacy_page_is_public_and_in_chinese(client):
    resp = client.get("/privacy")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 200 and 'lang="zh-CN"' in html
    assert "个人信息保护说明" in html and "个人信息保护法" in html and "谁能看到" in html


def test_every_page_links_the_privacy_notice_in_its_footer(auth, client):
    assert 'href="/privacy"' in client.get("/login").get_data(as_text=True)
    auth.login("demo-county")
    assert 'href="/privacy"' in client.get("/").get_data(as_text=True)

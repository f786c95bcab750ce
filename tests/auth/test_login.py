"""HTML sign-in: Chinese page, CSRF, throttling, session fixation, language toggle."""


def test_login_page_is_chinese_by_default(client):
    html = client.get("/login").get_data(as_text=True)
    assert 'lang="zh-CN"' in html
    assert "登录" in html and "用户名" in html


def test_login_page_in_english_when_asked(client):
    html = client.get("/login?lang=en").get_data(as_text=True)
    assert "Sign in" in html and "Username" in html


def test_wrong_password_says_so_in_chinese(auth):
    resp = auth.login("demo-admin", "wrong-password")
    assert resp.status_code == 200
    assert "用户名或密码错误" in resp.get_data(as_text=True)


def test_login_without_csrf_token_is_refused(client, demo_org):
    resp = client.post("/login", data={"username": "demo-admin", "password": "Demo-2026!"})
    assert resp.status_code == 400


def test_admin_signs_in_and_lands_on_admin_page(auth):
    resp = auth.login("demo-admin")
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/admin/")


def test_sign_in_issues_a_new_session_cookie(auth, client):
    auth.csrf()
    before = client.get_cookie("session").value
    auth.login("demo-nurse")
    after = client.get_cookie("session").value
    assert before != after


def test_login_is_throttled_with_a_chinese_message(auth):
    for _ in range(5):
        assert auth.login("demo-admin", "bad-password-x").status_code == 200
    resp = auth.login("demo-admin", "bad-password-x")
    assert resp.status_code == 429
    assert "登录尝试次数过多" in resp.get_data(as_text=True)


def test_inactive_user_cannot_sign_in(auth, db):
    from webapp.services.accounts.users import find_user
    find_user("demo-nurse").active = False
    db.session.commit()
    assert "用户名或密码错误" in auth.login("demo-nurse").get_data(as_text=True)


def test_language_choice_is_remembered_on_the_user(auth, client, db):
    auth.login("demo-county")
    token = auth.csrf("/")
    client.post("/lang/en", data={"csrf_token": token})
    from webapp.services.accounts.users import find_user
    assert find_user("demo-county").locale == "en"


def test_open_redirect_after_login_is_ignored(auth, client):
    token = auth.csrf()
    resp = client.post("/login?next=//evil.example/", data={"username": "demo-admin", "password": "Demo-2026!",
                                                            "csrf_token": token})
    assert resp.headers["Location"].endswith("/admin/")


def test_logout_requires_post_with_csrf(auth, client):
    auth.login("demo-nurse")
    assert client.post("/logout").status_code == 400
    resp = client.post("/logout", data={"csrf_token": auth.csrf("/")})
    assert resp.status_code == 302


def test_a_session_cookie_replayed_after_sign_out_is_refused(auth, client):
    auth.login("demo-admin")
    stolen = client.get_cookie("session").value
    assert client.get("/admin/users").status_code == 200
    client.post("/logout", data={"csrf_token": auth.csrf("/")})
    client.set_cookie("session", stolen)
    resp = client.get("/admin/users")
    assert resp.status_code == 302 and "/login" in resp.headers["Location"]


def test_changing_a_password_signs_out_other_browsers(auth, client, db):
    from webapp.services.accounts.users import find_user, update_user
    auth.login("demo-nurse")
    user = find_user("demo-nurse")
    update_user("demo-admin", user, "nurse", "U01", True, password="Brand-new-pass-1")
    db.session.commit()
    assert client.get("/").status_code == 302

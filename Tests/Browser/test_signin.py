"""Signing in and out of the desk in a real browser, for every role of the demo, and the
Aujourd'hui page's check-in in one click; every page checked for accessibility."""

import pytest
from selenium.webdriver.common.by import By

from deskkit import check_accessibility, path_of, screenshot, sign_in, submit

# What each role's menu offers (besides Accueil and Mot de passe), by link target.
MENU = {
    "secretary": {"/aujourdhui", "/liste-attente"},
    "clinician": {"/aujourdhui", "/mon-calendrier"},
    "coordinator": {"/liste-attente"},
    "admin": set(),
}
DESK_PAGES = {"/aujourdhui", "/liste-attente", "/mon-calendrier"}


def test_the_sign_in_page_is_in_french_labelled_and_accessible(browser, desk):
    browser.get(desk.url("/"))
    assert path_of(browser) == "/connexion"
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Connexion"
    for field in ("name", "password"):
        assert browser.find_element(By.CSS_SELECTOR, f"label[for='{field}']").text
    check_accessibility(browser)
    screenshot(browser, "connexion")


@pytest.mark.parametrize("role", ["secretary", "clinician", "coordinator", "admin"])
def test_each_demo_account_signs_in_changes_its_one_time_password_and_sees_its_menu(browser, desk, role):
    account = sign_in(browser, desk, role)
    assert account.changed, "the demo's password is one-time: the desk must ask for a new one"
    assert path_of(browser) == "/"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Accueil"
    assert account.name in browser.find_element(By.CSS_SELECTOR, ".account").text
    menu = {
        link.get_attribute("pathname")
        for link in browser.find_elements(By.CSS_SELECTOR, "nav[aria-label] a")
    }
    assert menu & DESK_PAGES == MENU[role]
    check_accessibility(browser)
    screenshot(browser, f"accueil-{role}")


def test_a_wrong_password_is_refused_with_a_message_and_the_name_kept(browser, desk):
    account = desk.accounts["coordinator"]
    browser.get(desk.url("/connexion"))
    browser.find_element(By.ID, "name").send_keys(account.name)
    browser.find_element(By.ID, "password").send_keys("not-the-password")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/connexion'] button[type=submit]"))
    assert path_of(browser) == "/connexion"
    assert browser.find_element(By.CSS_SELECTOR, "[role=alert]").text == "Identifiant ou mot de passe incorrect."
    assert browser.find_element(By.ID, "name").get_attribute("value") == account.name
    assert not browser.find_elements(By.CSS_SELECTOR, "form[action='/deconnexion']")
    check_accessibility(browser)


def test_a_secretary_checks_a_patient_in_with_one_click_on_aujourdhui(browser, desk):
    sign_in(browser, desk, "secretary")
    browser.get(desk.url(f"/aujourdhui?jour={desk.today}"))
    check_accessibility(browser)
    screenshot(browser, "aujourdhui")
    buttons = browser.find_elements(By.CSS_SELECTOR, "button[name=etat][value=venu]")
    assert buttons, f"no session to check in on {desk.today}: the demo books every working day"
    label = buttons[0].get_attribute("aria-label")  # "Venu : P-XXXX, 09:00"
    patient = label.split(" : ", 1)[1].split(",")[0]
    row = buttons[0].find_element(By.XPATH, "./ancestor::tr")
    time = row.find_element(By.CSS_SELECTOR, "td").text
    submit(browser, buttons[0])

    assert path_of(browser) == "/aujourdhui"
    rows = [
        r
        for r in browser.find_elements(By.CSS_SELECTOR, "tbody tr")
        if r.find_element(By.CSS_SELECTOR, "td").text == time and patient in r.text
    ]
    assert rows, f"{patient} at {time} is no longer on the day sheet"
    assert rows[0].find_element(By.CSS_SELECTOR, ".status").text == "venu"
    assert not rows[0].find_elements(By.CSS_SELECTOR, "button[name=etat]")
    # The Store recorded it, under the secretary's name.
    audit = desk.parcours("audit", "--patient", patient).stdout
    assert desk.accounts["secretary"].name in audit


def test_signing_out_ends_the_session(browser, desk):
    sign_in(browser, desk, "clinician")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/deconnexion'] button[type=submit]"))
    assert path_of(browser) == "/connexion"
    browser.get(desk.url("/mon-calendrier"))
    assert path_of(browser) == "/connexion"
    check_accessibility(browser)

"""A clinician's and a coordinator's desk in a real browser: the agenda and a PCL-5 score, the
reports and their CSV, no identity for a coordinator; the secretary's Absences and Groupes pages.
Every page is checked for accessibility and photographed for docs/desk.md."""

import json
import re

from selenium.webdriver.common.by import By

from deskkit import check_accessibility, path_of, screenshot, sign_in, submit


def fetch(browser, path):
    """GETs `path` from the page's own origin with the session's cookies, as a download would;
    returns (status, headers we look at, text)."""
    return browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {credentials: 'same-origin'}).then(async r => done("
        "  [r.status, r.headers.get('content-type'), r.headers.get('content-disposition'), await r.text()]"
        ")).catch(e => done([0, null, null, String(e)]));",
        path,
    )


def test_a_clinician_opens_the_agenda_and_records_a_pcl5_score(browser, desk):
    account = sign_in(browser, desk, "clinician")
    browser.get(desk.url(f"/agenda?semaine={desk.today}"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Agenda")
    assert not browser.find_elements(By.ID, "voir"), "a clinician has no chooser: their own week only"
    check_accessibility(browser)
    screenshot(browser, "agenda")

    links = [
        link
        for link in browser.find_elements(By.CSS_SELECTOR, "table.week a[href^='/seances/']")
        if link.text.startswith("P-")
    ]
    assert links, f"{account.clinician} has no session the week of {desk.today} in the demo"
    patient = links[0].text
    links[0].click()
    assert path_of(browser).startswith("/seances/")
    session = path_of(browser)
    check_accessibility(browser)

    # Out of range: refused next to the field, the form kept as typed, nothing saved.
    browser.find_element(By.ID, "score").send_keys("99")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/pcl5'] button[type=submit]"))
    assert browser.find_element(By.ID, "score").get_attribute("aria-invalid") == "true"
    assert browser.find_element(By.ID, "score-erreur").text == "Le score PCL-5 doit être un nombre entier de 0 à 80."
    assert browser.find_element(By.ID, "score").get_attribute("value") == "99"
    check_accessibility(browser)

    score = browser.find_element(By.ID, "score")
    score.clear()
    score.send_keys("42")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action$='/pcl5'] button[type=submit]"))
    assert path_of(browser) == session
    assert browser.find_element(By.CSS_SELECTOR, "[role=status]").text == "Score enregistré."
    screenshot(browser, "seance")
    # The Store has it, as `parcours measure list` shows, audited under the clinician's account.
    measures = json.loads(desk.parcours("measure", "list", patient, "--format", "json").stdout)
    assert 42 in [m["score"] for m in measures]
    assert account.name in desk.parcours("audit", "--patient", patient).stdout


def test_a_clinician_cannot_open_another_week_nor_the_reports(browser, desk):
    sign_in(browser, desk, "clinician")
    for path in ("/agenda?voir=s:R-1", "/rapports"):
        browser.get(desk.url(path))
        assert browser.find_element(By.TAG_NAME, "h1").text == "Accès refusé", path


def test_a_coordinator_opens_the_report_downloads_csv_and_cannot_open_an_identity(browser, desk):
    sign_in(browser, desk, "coordinator")
    browser.get(desk.url("/rapports"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Rapports")
    assert browser.find_element(By.ID, "achevement").text == "Achèvement des parcours"
    check_accessibility(browser)
    screenshot(browser, "rapports")

    link = browser.find_element(By.PARTIAL_LINK_TEXT, "Télécharger l'achèvement")
    status, kind, disposition, text = fetch(browser, link.get_attribute("href"))
    assert status == 200
    assert kind == "text/csv; charset=utf-8"
    assert disposition == 'attachment; filename="completion-category.csv"'
    assert text.startswith("category,patients,enrolled,")
    status, _, disposition, text = fetch(
        browser, browser.find_element(By.PARTIAL_LINK_TEXT, "Télécharger la capacité").get_attribute("href")
    )
    assert status == 200 and disposition.startswith("attachment;")
    assert text.startswith("kind,id,name,week,monday,")

    # The week's agenda by code, without a session page; a patient from it opens as a pathway
    # only, never with the identity.
    browser.get(desk.url(f"/agenda?semaine={desk.today}"))
    assert browser.find_elements(By.CSS_SELECTOR, "table.week")
    assert not browser.find_elements(By.CSS_SELECTOR, "a[href^='/seances/']"), "no session page for a coordinator"
    check_accessibility(browser)
    codes = re.findall(r"\bP-[A-Z0-9]{4}\b", browser.find_element(By.CSS_SELECTOR, "table.week").text)
    assert codes, f"the first clinician's week of {desk.today} has sessions in the demo"
    identity = json.loads(desk.parcours("patient", "show", codes[0], "--identity", "--format", "json").stdout)["identity"]
    browser.get(desk.url(f"/patients/{codes[0]}"))
    assert path_of(browser) == f"/patients/{codes[0]}"
    assert browser.find_element(By.TAG_NAME, "h1").text == f"Patient {codes[0]}"
    assert not browser.find_elements(By.ID, "identite")
    assert identity["familyName"] not in browser.page_source
    assert identity["givenName"] not in browser.page_source
    check_accessibility(browser)


def test_the_secretarys_absences_and_groups_pages_are_accessible(browser, desk):
    sign_in(browser, desk, "secretary")
    browser.get(desk.url(f"/agenda?semaine={desk.today}"))
    check_accessibility(browser)
    screenshot(browser, "agenda-secretariat")
    browser.get(desk.url("/absences"))
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Absences")
    check_accessibility(browser)
    # A bad day is shown next to its field, the form kept as typed.
    browser.find_element(By.ID, "du").send_keys("31/02/2027")
    browser.find_element(By.ID, "au").send_keys("2027-02-03")
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/absences'].stack button[type=submit]"))
    assert browser.find_element(By.ID, "du-erreur").is_displayed()
    assert browser.find_element(By.ID, "du").get_attribute("value") == "31/02/2027"
    check_accessibility(browser)
    screenshot(browser, "absences")
    browser.get(desk.url("/groupes"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Groupes"
    check_accessibility(browser)
    screenshot(browser, "groupes")

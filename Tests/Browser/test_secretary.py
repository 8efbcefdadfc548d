"""The secretary's day in a real browser (headless Chromium): a referral registered (the
eligibility verdict shown as she types), enrolled, a series proposed and booked, a session
cancelled and its replacement booked, a patient checked in. Every page passes the accessibility
check; each is photographed for docs/desk.md (PARCOURS_SCREENSHOTS=1)."""

import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

import deskkit
from deskkit import check_accessibility, screenshot, sign_in


def wait(browser, seconds=10):
    return WebDriverWait(browser, seconds)


def type_date(browser, field_id, value):
    """Sets a date field whatever the browser's date format, then tells the page it changed."""
    field = browser.find_element(By.ID, field_id)
    browser.execute_script(
        "arguments[0].value = arguments[1];"
        "arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
        field, value)


def submit(browser, label):
    """Presses the button labelled `label` (a real <button>) and waits for the next page."""
    deskkit.submit(browser, browser.find_element(By.XPATH, f'//main//button[normalize-space()="{label}"]'))


def booked_rows(browser):
    return [row for row in browser.find_elements(By.CSS_SELECTOR, "main table tbody tr")
            if row.find_elements(By.CSS_SELECTOR, ".status.booked")]


def speak_french(browser):
    """The desk speaks French first; set it on the account whatever the browser asks for."""
    Select(browser.find_element(By.ID, "langue")).select_by_value("fr")
    deskkit.submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/langue'] button"))
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"


def test_a_secretary_registers_enrols_books_cancels_rebooks_and_checks_in(desk, browser):
    sign_in(browser, desk, "secretary")
    speak_french(browser)

    # Nouvel adressage: a minor is refused as she types, with the referral to child psychiatry.
    browser.get(desk.url("/adressages/nouveau"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Nouvel adressage"
    browser.find_element(By.ID, "prenom").send_keys("Léa")
    browser.find_element(By.ID, "nom").send_keys("<script>alert(1)</script>")
    Select(browser.find_element(By.ID, "categorie")).select_by_value("domestic-violence")
    Select(browser.find_element(By.ID, "source")).select_by_value("legal-aid")
    type_date(browser, "naissance", "2012-05-01")
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "verdict"), "pédopsychiatrie"))
    check_accessibility(browser)
    screenshot(browser, "secretary-referral-minor")
    type_date(browser, "naissance", "1988-03-12")
    wait(browser).until(EC.text_to_be_present_in_element((By.ID, "verdict"), "Éligible"))
    browser.find_element(By.ID, "canal_phone").click()
    check_accessibility(browser)
    screenshot(browser, "secretary-referral")
    submit(browser, "Enregistrer l'adressage")

    # Inscription: the track the category calls for is already chosen.
    wait(browser).until(EC.url_matches(r"/patients/P-[A-Z0-9]+/inscription$"))
    code = re.search(r"/patients/(P-[A-Z0-9]+)/", browser.current_url).group(1)
    checked = browser.find_element(By.CSS_SELECTOR, "input[name=parcours]:checked")
    assert checked.get_attribute("value") == "adult-domestic-violence"
    check_accessibility(browser)
    screenshot(browser, "secretary-enrol")
    submit(browser, "Inscrire")

    # Patient: the name shows as text, never as markup; book the series.
    wait(browser).until(EC.url_matches(rf"/patients/{code}$"))
    assert "<script>alert(1)</script>" in browser.find_element(By.TAG_NAME, "main").text
    browser.find_element(By.LINK_TEXT, "Réserver la série").click()
    wait(browser).until(EC.url_contains("/reservation"))
    proposed = len(browser.find_elements(By.CSS_SELECTOR, "main table tbody tr"))
    assert proposed > 0
    check_accessibility(browser)
    screenshot(browser, "secretary-booking")
    submit(browser, "Confirmer la réservation")
    wait(browser).until(EC.url_matches(rf"/patients/{code}$"))
    assert len(booked_rows(browser)) == proposed
    check_accessibility(browser)
    screenshot(browser, "secretary-patient")

    # Cancel the second session (by the patient), then book the replacement proposed.
    second = booked_rows(browser)[1]
    second.find_element(By.PARTIAL_LINK_TEXT, "Annuler").click()
    wait(browser).until(EC.url_contains("/annulation"))
    check_accessibility(browser)
    screenshot(browser, "secretary-cancel")
    browser.find_element(By.ID, "motif").send_keys("empêchement du patient")
    submit(browser, "Annuler la séance")
    wait(browser).until(EC.url_contains("etape=suivante"))
    assert "remplacement proposé" in browser.find_element(By.TAG_NAME, "main").text
    check_accessibility(browser)
    screenshot(browser, "secretary-replacement")
    submit(browser, "Confirmer la réservation")
    wait(browser).until(EC.url_matches(rf"/patients/{code}$"))
    assert len(booked_rows(browser)) == proposed
    assert "annulée (patient)" in browser.find_element(By.TAG_NAME, "main").text

    # The waiting list's batch preview (not committed here).
    browser.get(desk.url("/liste-attente/programmation"))
    assert browser.find_element(By.TAG_NAME, "h1").text == "Programmer la liste d'attente"
    check_accessibility(browser)
    screenshot(browser, "secretary-batch")

    # Aujourd'hui: check a patient in, in one click.
    browser.get(desk.url("/aujourdhui"))
    buttons = browser.find_elements(By.XPATH, "//main//button[@value='venu']")
    assert buttons, "the demo centre has a session to check in today"
    label = buttons[0].get_attribute("aria-label")
    deskkit.submit(browser, buttons[0])
    assert "/aujourdhui" in browser.current_url
    assert label not in [b.get_attribute("aria-label")
                         for b in browser.find_elements(By.XPATH, "//main//button[@value='venu']")]
    check_accessibility(browser)
    screenshot(browser, "secretary-today")

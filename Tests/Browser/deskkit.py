"""What every browser test of the desk does: sign in as a role, check a page's accessibility,
take its screenshot for docs/desk.md.

    from deskkit import sign_in, check_accessibility, screenshot

    def test_the_day_sheet(browser, desk):
        sign_in(browser, desk, "secretary")
        browser.get(desk.url("/aujourdhui"))
        check_accessibility(browser)
        screenshot(browser, "aujourdhui")
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlparse

from axe_core_python.base import AXE_SCRIPT
from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.wait import WebDriverWait

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "desk"

# axe-core's rule sets run by check_accessibility: WCAG 2.0 and 2.1, levels A and AA, and
# axe's best practices (one main landmark, one h1, ...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
# Impacts that fail a test; "minor" and "moderate" findings are printed, not fatal.
FATAL_IMPACTS = {"serious", "critical"}


def path_of(browser: WebDriver) -> str:
    """The path of the page the browser shows (`/aujourdhui`), without the query."""
    return urlparse(browser.current_url).path


def wait_for_page(browser: WebDriver, seconds: float = 10) -> None:
    """Waits until the page after a click or a submit has loaded."""
    WebDriverWait(browser, seconds).until(lambda b: b.execute_script("return document.readyState") == "complete")


def left_behind(button) -> bool:
    """Whether `button` belongs to a page the browser has left.

    Chromium answers a question about an element of the page it is leaving either with a stale
    reference or, in the middle of the navigation, with "Node with given id does not belong to the
    document"; both mean the old page is gone. Any other answer means not yet.
    """
    try:
        button.is_enabled()
        return False
    except StaleElementReferenceException:
        return True
    except WebDriverException as error:
        if "does not belong to the document" in str(error):
            return True
        raise


def submit(browser: WebDriver, button) -> None:
    """Clicks a form's submit button and waits for the next page (POST, then redirect, then GET)."""
    button.click()
    WebDriverWait(browser, 30).until(lambda _: left_behind(button))
    wait_for_page(browser)


def sign_in(browser: WebDriver, desk, role: str):
    """Signs in with the demo account for `role` (secretary, clinician, coordinator or admin).

    At the account's first sign-in the desk asks for a new password in place of the one-time
    password the demo printed: this chooses one, types it twice, and remembers it in
    `desk.accounts[role]` for the next sign-in. Returns the account; the browser is then on the
    home page (or wherever the desk sent it after signing in).
    """
    account = desk.accounts[role]
    browser.get(desk.url("/connexion"))
    if path_of(browser) != "/connexion":  # still signed in from before: start afresh
        browser.delete_all_cookies()
        browser.get(desk.url("/connexion"))
    browser.find_element(By.ID, "name").send_keys(account.name)
    browser.find_element(By.ID, "password").send_keys(account.password)
    submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/connexion'] button[type=submit]"))
    if path_of(browser) == "/connexion":
        alert = browser.find_elements(By.CSS_SELECTOR, "[role=alert]")
        raise AssertionError(
            f"signing in as {account.name} ({role}) failed: {alert[0].text if alert else browser.title}"
        )
    if path_of(browser) == "/mot-de-passe":
        new = "demo-" + secrets.token_urlsafe(12)
        browser.find_element(By.ID, "current").send_keys(account.password)
        browser.find_element(By.ID, "new").send_keys(new)
        browser.find_element(By.ID, "confirm").send_keys(new)
        submit(browser, browser.find_element(By.CSS_SELECTOR, "form[action='/mot-de-passe'] button[type=submit]"))
        if path_of(browser) == "/mot-de-passe":
            errors = [e.text for e in browser.find_elements(By.CSS_SELECTOR, ".error")]
            raise AssertionError(f"changing {account.name}'s one-time password failed: {errors}")
        account.password = new
        account.changed = True
    if not browser.find_elements(By.CSS_SELECTOR, "form[action='/deconnexion']"):
        raise AssertionError(f"signed in as {account.name} but the page has no sign-out button: {browser.title}")
    return account


def check_accessibility(browser: WebDriver) -> list[dict]:
    """Runs axe-core (the copy bundled by the pinned axe-core-python package, no network) on the
    page the browser shows, with the WCAG 2.0/2.1 A and AA rules and axe's best practices.

    Fails on any serious or critical violation, naming the rule, what it asks and the elements
    at fault; returns every violation (minor and moderate ones included) for a test that wants
    to look closer.
    """
    browser.execute_script(AXE_SCRIPT)
    results = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})"
        "  .then(r => done(r)).catch(e => done({error: String(e)}));",
        AXE_TAGS,
    )
    if "error" in results:
        raise AssertionError(f"axe-core could not run on {browser.current_url}: {results['error']}")
    violations = results["violations"]
    fatal = [v for v in violations if v.get("impact") in FATAL_IMPACTS]
    if fatal:
        lines = [f"{len(fatal)} serious or critical accessibility violation(s) on {browser.current_url}:"]
        for violation in fatal:
            targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} — at {targets}")
        raise AssertionError("\n".join(lines))
    return violations


def screenshot(browser: WebDriver, name: str) -> Path | None:
    """Writes docs/desk/NAME.png (the whole page, 1280 pixels wide) when PARCOURS_SCREENSHOTS=1
    (Scripts/desk-screenshots sets it); does nothing otherwise. Returns the file written."""
    if os.environ.get("PARCOURS_SCREENSHOTS") != "1":
        return None
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOTS / f"{name}.png"
    height = browser.execute_script("return Math.max(document.documentElement.scrollHeight, 600)")
    browser.set_window_size(1280, min(int(height) + 100, 4000))
    try:
        browser.save_screenshot(str(target))
    finally:
        browser.set_window_size(1280, 900)
    return target

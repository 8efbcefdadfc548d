// Nouvel adressage: re-checks eligibility while the secretary types. Optional: the form is
// checked on submit anyway, and works the same with JavaScript off. The verdict comes from the
// server (/adressages/eligibilite), rendered from its template with every value escaped.
(function () {
  "use strict";
  var form = document.getElementById("adressage");
  var verdict = document.getElementById("verdict");
  if (!form || !verdict || !window.fetch) { return; }
  var fields = ["naissance", "categorie", "langue_patient", "interprete"];
  var timer = null;
  function check() {
    var query = fields.map(function (name) {
      var input = form.elements[name];
      return encodeURIComponent(name) + "=" + encodeURIComponent(input ? input.value : "");
    }).join("&");
    fetch("/adressages/eligibilite?" + query, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : ""; })
      .then(function (html) { verdict.innerHTML = html; })
      .catch(function () { verdict.innerHTML = ""; });
  }
  fields.forEach(function (name) {
    var input = form.elements[name];
    if (!input) { return; }
    ["input", "change"].forEach(function (event) {
      input.addEventListener(event, function () {
        clearTimeout(timer);
        timer = setTimeout(check, 300);
      });
    });
  });
}());

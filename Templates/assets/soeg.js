// Find et tilbud: filters the pre-rendered list in place. Without JavaScript the whole list shows.
(function () {
  "use strict";
  var index = window.TILBUDSINDEKS || [];
  var form = document.getElementById("filter");
  var count = document.getElementById("antal");
  if (!form || !count) { return; }
  form.hidden = false;

  function value(name) { return (form.elements[name].value || "").trim().toLowerCase(); }
  function checked(name) { return form.elements[name].checked; }

  // The languages other than Danish that offers name, as choices (the field stays hidden when there are none).
  var languages = {};
  index.forEach(function (entry) {
    (entry.sprog || []).forEach(function (language) { if (language !== "dansk") { languages[language] = true; } });
  });
  var names = Object.keys(languages).sort(function (a, b) { return a.localeCompare(b, "da"); });
  names.forEach(function (language) {
    var option = document.createElement("option");
    option.value = language;
    option.textContent = language.charAt(0).toUpperCase() + language.slice(1);
    form.elements.sprog.appendChild(option);
  });
  document.getElementById("felt-sprog").hidden = names.length === 0;

  function update() {
    var words = value("tekst").split(/\s+/).filter(Boolean);
    var indsats = value("indsats"), diagnose = value("diagnose"), kommune = value("kommune");
    var postnummer = value("postnummer"), format = value("format"), tidspunkt = value("tidspunkt");
    var sprog = value("sprog"), tolk = checked("tolk"), anonym = checked("anonym");
    // An age leaves out offers whose stated limits exclude it; offers that state no limit stay.
    var alder = /^[0-9]{1,3}$/.test(value("alder")) ? parseInt(value("alder"), 10) : null;
    var shown = 0;
    index.forEach(function (entry) {
      var match = (!indsats || entry.indsats === indsats) &&
        (!diagnose || entry.diagnoser.indexOf(diagnose) >= 0) &&
        (!kommune || entry.kommune === kommune) &&
        (postnummer.length < 4 || entry.postnumre.indexOf(postnummer) >= 0) &&
        (!format || entry.format.indexOf(format) >= 0) &&
        (!tidspunkt || entry.tidspunkter.indexOf(tidspunkt) >= 0) &&
        (!sprog || (entry.sprog || []).indexOf(sprog) >= 0) &&
        (!tolk || entry.tolk === true) && (!anonym || entry.anonym === true) &&
        (alder === null || ((entry.alderFra == null || alder >= entry.alderFra) && (entry.alderTil == null || alder <= entry.alderTil))) &&
        words.every(function (word) { return entry.tekst.indexOf(word) >= 0; });
      var item = document.getElementById(entry.id);
      if (item) { item.hidden = !match; }
      if (match) { shown += 1; }
    });
    count.textContent = shown === 1 ? "1 tilbud passer." : shown + " tilbud passer.";
  }

  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
  update();
})();

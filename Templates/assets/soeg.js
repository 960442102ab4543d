// Find et tilbud: filters the pre-rendered list in place. Without JavaScript the whole list shows.
(function () {
  "use strict";
  var index = window.TILBUDSINDEKS || [];
  var form = document.getElementById("filter");
  var count = document.getElementById("antal");
  if (!form || !count) { return; }
  form.hidden = false;

  function value(name) { return (form.elements[name].value || "").trim().toLowerCase(); }

  function update() {
    var words = value("tekst").split(/\s+/).filter(Boolean);
    var indsats = value("indsats"), diagnose = value("diagnose"), kommune = value("kommune");
    var postnummer = value("postnummer"), format = value("format"), tidspunkt = value("tidspunkt");
    var shown = 0;
    index.forEach(function (entry) {
      var match = (!indsats || entry.indsats === indsats) &&
        (!diagnose || entry.diagnoser.indexOf(diagnose) >= 0) &&
        (!kommune || entry.kommune === kommune) &&
        (postnummer.length < 4 || entry.postnumre.indexOf(postnummer) >= 0) &&
        (!format || entry.format.indexOf(format) >= 0) &&
        (!tidspunkt || entry.tidspunkter.indexOf(tidspunkt) >= 0) &&
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

// Find et tilbud: searches the index in soeg/ (see SearchIndex.swift), loading only the files a
// query needs. Without JavaScript the page offers the ways to browse instead.
(function () {
  "use strict";
  var form = document.getElementById("soeg");
  var area = document.getElementById("resultat");
  var heading = document.getElementById("resultat-overskrift");
  var list = document.getElementById("resultater");
  var status = document.getElementById("antal");
  var script = document.currentScript;
  if (!form || !area || !script) { return; }
  // The site's root, from this script's own address (assets/soeg.js).
  var root = script.src.replace(/assets\/soeg\.js(\?.*)?$/, "");

  // The index's files, each a script that calls TILBUDSSOEG.add(name, data).
  var files = {};
  window.TILBUDSSOEG = { add: function (name, data) { files[name] = data; } };
  var loading = {};
  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve) {
        var element = document.createElement("script");
        element.src = root + "soeg/" + name + ".js";
        element.onload = function () { resolve(files[name] === undefined ? null : files[name]); };
        element.onerror = function () { resolve(null); };
        document.head.appendChild(element);
      });
    }
    return loading[name];
  }

  // Numbers written as differences in base 36.
  function numbers(text) {
    var result = [], previous = 0;
    (text ? text.split(",") : []).forEach(function (part) { previous += parseInt(part, 36); result.push(previous); });
    return result;
  }

  // The Snowball stemmer for Danish, as DanishStemmer.swift (both are tested against the reference).
  var vowels = "aeiouyæåø", consonants = "bcdfghjklmnpqrstvwxz", sEndings = "abcdfghjklmnoprtvyzå";
  var mainSuffixes = ["hed", "ethed", "ered", "e", "erede", "ende", "erende", "ene", "erne", "ere", "en", "heden", "eren", "er",
    "heder", "erer", "heds", "es", "endes", "erendes", "enes", "ernes", "eres", "ens", "hedens", "erens", "ers", "ets", "erets",
    "et", "eret", "s"];
  function longest(suffixes, word, p1) {
    var best = null;
    suffixes.forEach(function (suffix) {
      if (suffix.length <= word.length - p1 && word.slice(word.length - suffix.length) === suffix &&
          (best === null || suffix.length > best.length)) { best = suffix; }
    });
    return best;
  }
  function consonantPair(word, p1) { return longest(["gd", "dt", "gt", "kt"], word, p1) ? word.slice(0, -1) : word; }
  // Danish letters are single UTF-16 units, so string positions are letters.
  function stem(word) {
    var p1 = word.length;
    if (word.length >= 3) {
      var vowel = word.search(/[aeiouyæåø]/);
      if (vowel >= 0) {
        for (var i = vowel; i < word.length; i++) {
          if (vowels.indexOf(word.charAt(i)) < 0) { p1 = Math.max(i + 1, 3); break; }
        }
      }
    }
    var suffix = longest(mainSuffixes, word, p1);
    if (suffix === "s") {
      if (word.length >= 2 && sEndings.indexOf(word.charAt(word.length - 2)) >= 0) { word = word.slice(0, -1); }
    } else if (suffix) {
      word = word.slice(0, -suffix.length);
    }
    word = consonantPair(word, p1);
    if (/igst$/.test(word)) { word = word.slice(0, -2); }
    suffix = longest(["elig", "løst", "lig", "els", "ig"], word, p1);
    if (suffix === "løst") {
      word = word.slice(0, -1);
    } else if (suffix) {
      word = consonantPair(word.slice(0, -suffix.length), p1);
    }
    var last = word.charAt(word.length - 1);
    if (word.length - 1 >= p1 && word.length >= 2 && consonants.indexOf(last) >= 0 && word.charAt(word.length - 2) === last) {
      word = word.slice(0, -1);
    }
    return word;
  }
  window.TILBUDSSOEG.stem = stem;

  // The file of a stem's first two letters (SearchIndex.termFile).
  function termFile(word) {
    return "t/" + Array.from(word).slice(0, 2).map(function (c) {
      return /[a-z0-9]/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }

  // Edit distance, for small typos.
  function distance(a, b) {
    var row = [], i, j;
    for (j = 0; j <= b.length; j++) { row.push(j); }
    for (i = 1; i <= a.length; i++) {
      var previous = row[0];
      row[0] = i;
      for (j = 1; j <= b.length; j++) {
        var current = row[j];
        row[j] = Math.min(row[j] + 1, row[j - 1] + 1, previous + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1));
        previous = current;
      }
    }
    return row[b.length];
  }

  // The offers a word finds: its stem; else words that begin with it or differ by a letter or two.
  function lookup(stemmed) {
    var file = termFile(stemmed);
    var known = start.ord.indexOf(file.slice(2)) >= 0;
    return (known ? load(file) : Promise.resolve(null)).then(function (terms) {
      terms = terms || {};
      if (terms[stemmed] !== undefined) { return { found: numbers(terms[stemmed]), near: false }; }
      var allowed = stemmed.length >= 8 ? 2 : stemmed.length >= 4 ? 1 : 0;
      var found = [];
      Object.keys(terms).forEach(function (term) {
        if ((stemmed.length >= 3 && term.indexOf(stemmed) === 0) || (allowed > 0 && distance(stemmed, term) <= allowed)) {
          found = found.concat(numbers(terms[term]));
        }
      });
      return { found: found, near: found.length > 0 };
    });
  }

  function words(text) { return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean); }
  function quote(text) { return "»" + text + "«"; }
  function element(name, text, attributes) {
    var node = document.createElement(name);
    if (text) { node.textContent = text; }
    Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
    return node;
  }
  function plural(count, one, many) { return count + " " + (count === 1 ? one : many); }

  var fields = ["q", "indsats", "diagnose", "kommune", "alder", "format", "tidspunkt", "sprog", "tolk", "anonym"];
  function value(name) {
    var field = form.elements[name];
    if (field.type === "checkbox") { return field.checked ? field.value : ""; }
    return (field.value || "").trim();
  }
  function label(name) {
    var field = form.elements[name];
    var text = field.type === "checkbox" ? field.labels[0].textContent
      : field.tagName === "SELECT" ? field.options[field.selectedIndex].textContent : value(name);
    return name === "alder" ? "alder " + text + " år" : text;
  }

  var start = null, run = 0;
  function update(announce) {
    var mine = ++run;
    var query = value("q"), stop = start.stopord, places = start.kommuner;
    var typed = words(query).filter(function (word) { return stop.indexOf(word) < 0; });
    var postcodes = typed.filter(function (word) { return /^[0-9]{4}$/.test(word); });
    var terms = typed.filter(function (word) { return !/^[0-9]{4}$/.test(word); });
    var chosen = fields.slice(1).filter(function (name) { return value(name) !== ""; });
    var params = new URLSearchParams();
    fields.forEach(function (name) { if (value(name)) { params.set(name, value(name)); } });
    history.replaceState(null, "", params.toString() ? "?" + params.toString() : location.pathname);
    if (terms.length === 0 && postcodes.length === 0 && chosen.length === 0) {
      area.hidden = true;
      status.textContent = "";
      return;
    }
    // Where: a municipality chosen, and the municipalities of the postcodes typed.
    var unknownPostcodes = [], where = null;
    postcodes.forEach(function (postcode) {
      var place = places.filter(function (p) { return p[4].indexOf(postcode) >= 0; });
      if (place.length === 0) { unknownPostcodes.push(postcode); } else { where = (where || []).concat(place); }
    });
    if (value("kommune")) {
      var chosenPlace = places.filter(function (p) { return p[1] === value("kommune"); });
      where = where ? where.filter(function (p) { return chosenPlace.indexOf(p) >= 0; }) : chosenPlace;
    }
    var filterNames = ["indsats", "diagnose", "format", "tidspunkt", "sprog", "tolk", "anonym"].filter(function (name) {
      return value(name) !== "";
    });
    var age = /^[0-9]{1,3}$/.test(value("alder")) ? parseInt(value("alder"), 10) : null;
    var wanted = terms.map(function (term) { return lookup(stem(term)); })
      .concat(filterNames.map(function (name) {
        return load("f/" + value(name).replace(/\.html$/, "")).then(function (text) { return { found: numbers(text || ""), near: false }; });
      }))
      .concat(age === null ? [] : [load("f/alder")]);
    Promise.all(wanted).then(function (answers) {
      if (mine !== run) { return; }
      var limits = age === null ? null : answers.pop() || [];
      var missing = terms.filter(function (term, i) { return answers[i].found.length === 0; });
      var near = terms.filter(function (term, i) { return answers[i].near; });
      // Every word and every choice must fit: the offers all answers have.
      var result = null;
      answers.forEach(function (answer) {
        var set = new Set(answer.found);
        result = result === null ? Array.from(set) : result.filter(function (n) { return set.has(n); });
      });
      if (unknownPostcodes.length > 0 && where === null) { result = []; }
      if (result === null) {
        result = [];
        (where || places).forEach(function (p) { for (var n = p[2]; n < p[2] + p[3]; n++) { result.push(n); } });
      }
      if (where) {
        result = result.filter(function (n) { return where.some(function (p) { return n >= p[2] && n < p[2] + p[3]; }); });
      }
      if (limits) {
        var excluded = {};
        limits.forEach(function (limit) {
          if ((limit[1] !== null && age < limit[1]) || (limit[2] !== null && age > limit[2])) { excluded[limit[0]] = true; }
        });
        result = result.filter(function (n) { return !excluded[n]; });
      }
      result.sort(function (a, b) { return a - b; });
      show(result, { query: query, terms: terms, stems: terms.map(stem), missing: missing, near: near, chosen: chosen, where: where,
        unknownPostcodes: unknownPostcodes }, announce);
    });
  }

  function describe(search) {
    var parts = [];
    if (search.query) { parts.push("for " + quote(search.query)); }
    var chosen = search.chosen.filter(function (name) { return name !== "kommune"; }).map(label);
    if (chosen.length) { parts.push("(valgt: " + chosen.join(", ") + ")"); }
    return parts.join(" ");
  }

  function show(result, search, announce) {
    area.hidden = false;
    list.textContent = "";
    var groups = [];
    start.kommuner.forEach(function (place) {
      var mine = result.filter(function (n) { return n >= place[2] && n < place[2] + place[3]; });
      if (mine.length) { groups.push({ place: place, numbers: mine }); }
    });
    var described = describe(search);
    if (result.length === 0) {
      heading.textContent = "Ingen tilbud passer" + (described ? " " + described : "");
      var help = element("ul", "", { "class": "help" });
      search.missing.forEach(function (term) {
        help.appendChild(element("li", "Vi kender ikke ordet " + quote(term) + ". Tjek stavningen, eller prøv et andet ord."));
      });
      if (search.terms.length > 1 && search.missing.length === 0) {
        help.appendChild(element("li", "Ordene findes, men ikke i det samme tilbud. Prøv med færre ord."));
      }
      search.unknownPostcodes.forEach(function (postcode) {
        var item = element("li", "Postnummer " + postcode + " hører ikke til en kommune i kataloget. ");
        item.appendChild(element("a", "Se postnumrene", { href: root + "postnumre.html" }));
        help.appendChild(item);
      });
      if (search.chosen.length) {
        help.appendChild(element("li", "Du har valgt: " + search.chosen.map(label).join(", ") + ". Prøv at fjerne et af valgene."));
      }
      help.appendChild(element("li", "Du kan også finde tilbud efter sygdom, behov eller kommune herunder, eller ringe til din kommune."));
      list.appendChild(help);
      status.textContent = "Ingen tilbud passer.";
    } else {
      var placeText = groups.length === 1 ? "i " + groups[0].place[0] : "i " + groups.length + " kommuner";
      heading.textContent = plural(result.length, "tilbud", "tilbud") + (described ? " " + described : "") + " " + placeText;
      if (search.near.length) {
        list.appendChild(element("p", "Vi fandt ikke " + search.near.map(quote).join(" og ") +
          " præcist, så vi viser også tilbud med ord, der ligner.", { "class": "meta" }));
      }
      groups.forEach(function (group, index) { list.appendChild(groupSection(group, index < 5, search.stems)); });
      status.textContent = heading.textContent + ".";
    }
    if (announce) { heading.focus(); }
  }

  // How well a result's title fits the words typed: offers named by them first, ended or paused ones last.
  function score(row, stems) {
    var title = words(row[0]).map(stem);
    // Whole stems only: "ryg" (the back) must not lift "rygestop" (smoking).
    var named = stems.filter(function (s) { return title.indexOf(s) >= 0; });
    return named.length * 2 - (row[3] ? 1 : 0);
  }

  function groupSection(group, open, stems) {
    var place = group.place;
    var section = element("section");
    var title = element("h3");
    title.appendChild(element("a", place[0], { href: root + place[1] + "/index.html" }));
    title.appendChild(document.createTextNode(": " + plural(group.numbers.length, "tilbud", "tilbud")));
    section.appendChild(title);
    var items = element("ul", "", { "class": "modules" });
    section.appendChild(items);
    function fill() {
      load("k/" + place[1]).then(function (rows) {
        items.textContent = "";
        var found = group.numbers.map(function (n) { return (rows || [])[n - place[2]]; }).filter(Boolean);
        found = found.map(function (row, i) { return { row: row, i: i, score: score(row, stems) }; })
          .sort(function (a, b) { return b.score - a.score || a.i - b.i; });
        found.forEach(function (entry) {
          var row = entry.row;
          var item = element("li");
          item.appendChild(element("a", row[0], { href: root + row[1] }));
          var text = element("p", row[2]);
          if (row[3]) { text.insertBefore(element("strong", row[3] + " "), text.firstChild); }
          item.appendChild(text);
          items.appendChild(item);
        });
      });
    }
    if (open) {
      fill();
    } else {
      var more = element("button", "Vis " + (group.numbers.length === 1 ? "tilbuddet" : "de " + group.numbers.length + " tilbud") +
        " i " + place[0], { type: "button", "class": "more" });
      more.addEventListener("click", function () { more.remove(); fill(); });
      section.appendChild(more);
    }
    return section;
  }

  load("start").then(function (data) {
    if (!data) { return; }
    start = data;
    (start.sprog || []).forEach(function (language) {
      var option = element("option", language[1].charAt(0).toUpperCase() + language[1].slice(1), { value: "sprog/" + language[0] });
      form.elements.sprog.appendChild(option);
    });
    document.getElementById("felt-sprog").hidden = (start.sprog || []).length === 0;
    var params = new URLSearchParams(location.search);
    fields.forEach(function (name) {
      var field = form.elements[name];
      if (!params.has(name)) { return; }
      if (field.type === "checkbox") { field.checked = true; } else { field.value = params.get(name); }
    });
    if (fields.slice(1).some(function (name) { return params.has(name); })) { form.querySelector("details").open = true; }
    form.hidden = false;
    var timer = null;
    form.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { update(false); }, 150); });
    form.addEventListener("change", function () { update(false); });
    form.addEventListener("submit", function (event) { event.preventDefault(); update(true); });
    update(false);
  });
})();

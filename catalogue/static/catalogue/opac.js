// Autocomplete for the OPAC search boxes: titles from /api/v3/opac/autocomplete in a <datalist>.
(function () {
  "use strict";
  var list = document.getElementById("opac-suggestions");
  if (!list) {
    list = document.createElement("datalist");
    list.id = "opac-suggestions";
    document.body.appendChild(list);
  }
  var timer = null;
  var controller = null;
  function suggest(input) {
    var text = input.value.trim();
    if (text.length < 2) { return; }
    if (controller) { controller.abort(); }
    controller = new AbortController();
    fetch("/api/v3/opac/autocomplete?q=" + encodeURIComponent(text), {signal: controller.signal})
      .then(function (response) { return response.ok ? response.json() : {results: []}; })
      .then(function (data) {
        list.replaceChildren.apply(list, data.results.map(function (item) {
          var option = document.createElement("option");
          option.value = item.title;
          return option;
        }));
      })
      .catch(function () { /* no suggestions: the search still works */ });
  }
  document.querySelectorAll("[data-opac-autocomplete]").forEach(function (input) {
    input.setAttribute("list", "opac-suggestions");
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { suggest(input); }, 150);
    });
  });
})();

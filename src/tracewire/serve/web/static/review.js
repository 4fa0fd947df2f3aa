// Review from the browser (only served with `tracewire serve --review`): every write goes
// through fetch with the token in an Authorization header, which no cross-site page can
// send. The token is kept in this tab's sessionStorage, never in a cookie.
"use strict";
(function () {
  var field = document.getElementById("review-token");
  var status = document.getElementById("review-status");
  if (!field) return;
  field.value = sessionStorage.getItem("tracewire-token") || "";
  field.addEventListener("change", function () {
    sessionStorage.setItem("tracewire-token", field.value);
  });

  function say(text, undo) {
    status.textContent = text + " ";
    if (undo) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "review-undo";
      button.textContent = "undo";
      button.addEventListener("click", function () { post(undo, {}, "undone"); });
      status.appendChild(button);
    }
  }

  function post(url, body, done) {
    return fetch(url, {
      method: "POST",
      headers: {"Content-Type": "application/json", "Authorization": "Bearer " + field.value},
      body: JSON.stringify(body),
      credentials: "omit",
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) {
          say("refused (" + response.status + "): " + (data.detail || ""), null);
          return null;
        }
        say(done + ": " + data.kind + " #" + data.id + " by " + data.user, data.undo);
        return data;
      });
    });
  }

  // The other entity of a merge or split, found by name: suggestions from the entities
  // API as one types (GET /api/entities?q=), the chosen one's id kept in a hidden field.
  function suggest(form) {
    var name = form.elements["other-name"], chosen = form.elements.other;
    var list = form.querySelector(".review-suggestions");
    var left = Number(form.dataset.left), asked = 0, timer = null, found = [];
    function close() { list.hidden = true; name.setAttribute("aria-expanded", "false"); }
    function pick(item) {
      name.value = item.canonical;
      chosen.value = String(item.id);
      close();
    }
    function show(items) {
      found = items.filter(function (item) { return item.id !== left; });
      list.textContent = "";
      found.forEach(function (item) {
        var option = document.createElement("li");
        option.setAttribute("role", "option");
        option.dataset.id = String(item.id);
        option.textContent = item.canonical;
        [["type", item.type], ["id", "#" + item.id]].forEach(function (pair) {
          var small = document.createElement("span");
          small.className = pair[0];
          small.textContent = pair[1];
          option.appendChild(small);
        });
        option.addEventListener("mousedown", function (event) {
          event.preventDefault();  // keep the focus in the field
          pick(item);
        });
        list.appendChild(option);
      });
      list.hidden = found.length === 0;
      name.setAttribute("aria-expanded", String(!list.hidden));
    }
    name.addEventListener("input", function () {
      chosen.value = "";
      clearTimeout(timer);
      var q = name.value.trim();
      if (!q) { close(); return; }
      timer = setTimeout(function () {
        var mine = ++asked;
        fetch("/api/entities?limit=8&q=" + encodeURIComponent(q), {credentials: "same-origin"})
          .then(function (response) { return response.json(); })
          .then(function (page) { if (mine === asked) { show(page.items || []); } });
      }, 150);
    });
    name.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { close(); }
      if (event.key === "Enter" && !chosen.value && found.length) {
        event.preventDefault();
        pick(found[0]);
      }
    });
    name.addEventListener("blur", close);
    // what the field names: the entity chosen, else the one suggestion of exactly that name
    return function () {
      if (chosen.value) { return Number(chosen.value); }
      var typed = name.value.trim().toLowerCase();
      var same = found.filter(function (item) { return item.canonical.toLowerCase() === typed; });
      return same.length === 1 ? same[0].id : null;
    };
  }

  document.querySelectorAll("form.review-pair").forEach(function (form) {
    var other = suggest(form);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var action = event.submitter ? event.submitter.value : "merge";
      var right = other();
      if (right === null) {
        say("choose the other entity among the names suggested", null);
        return;
      }
      var body = {left: Number(form.dataset.left), right: right};
      post("/api/review/" + action, body, action === "merge" ? "merged" : "kept apart");
    });
  });
  document.querySelectorAll("button.review-reject").forEach(function (button) {
    button.addEventListener("click", function () {
      post("/api/review/claims/" + button.dataset.claim + "/reject", {}, "claim rejected");
    });
  });
  document.querySelectorAll("button.review-undo-button").forEach(function (button) {
    button.addEventListener("click", function () {
      post(button.dataset.undo, {}, "undone").then(function (data) {
        if (data) { button.replaceWith(document.createTextNode("undone")); }
      });
    });
  });
  document.querySelectorAll("button.review-match-button").forEach(function (button) {
    button.addEventListener("click", function () {
      var d = button.dataset;
      post("/api/review/matches", {entity: Number(d.entity), entry: d.entry, list_id: d.list,
                                   judgement: d.judgement}, "match " + d.judgement);
    });
  });
})();

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

  document.querySelectorAll("form.review-pair").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var action = event.submitter ? event.submitter.value : "merge";
      var body = {left: Number(form.dataset.left), right: Number(form.elements.other.value)};
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

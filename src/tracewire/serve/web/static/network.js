/* Draws the neighbourhood embedded in #network (data-graph, data-colours) with cytoscape
   and its force-directed fcose layout (npm: cytoscape-fcose; cose when it is missing).
   Edges: colour by relation; solid (asserted/reported), dashed (planned, alleged,
   speculative, rumoured) or red dotted (denied) by their strongest claim; their labels on
   hover or with the "edge labels" toggle. Node labels sit under the nodes, wrapped, never
   cut, and nodes are moved apart until no two labels overlap. A click on a node adds its
   neighbours (GET /api/graph/<id>) and then every edge between the nodes shown (GET
   /api/graph/edges), a double click opens its dossier. Relation and hedging filter the
   edges drawn; a technology class (data-technology, chosen in the form) narrows the claims
   the server draws them from, expansions included. The view exports as PNG and GraphML.
   The instance is window.tracewireNetwork. */
(function () {
  "use strict";
  var box = document.getElementById("network");
  if (!box || typeof window.cytoscape !== "function") {
    return;
  }
  var graph = JSON.parse(box.dataset.graph);
  var colours = JSON.parse(box.dataset.colours || "{}");
  var strength = ["asserted", "reported", "planned", "alleged", "speculative", "rumoured", "denied"];
  var fcose = typeof window.cytoscapeFcose === "function";
  if (fcose) { window.cytoscape.use(window.cytoscapeFcose); }
  var info = document.getElementById("network-info");
  var technology = box.dataset.technology || "";
  function filtered(url) {
    return technology ? url + "&technology=" + encodeURIComponent(technology) : url;
  }

  function nodeElement(n) {
    var classes = [];
    if (n.id === graph.centre) { classes.push("centre"); }
    if (n.sanctioned) { classes.push("sanctioned"); }
    return { group: "nodes", classes: classes.join(" "),
             data: { id: String(n.id), label: n.canonical, type: n.type, href: n.url } };
  }
  function edgeElement(e) {
    return {
      group: "edges",
      data: {
        id: [e.subject, e.relation, e.object].join("-"),
        source: String(e.subject), target: String(e.object), relation: e.relation,
        colour: colours[e.relation] || "#777777", label: e.relation + " (" + e.claims + ")",
        claims: e.claims, strongest: e.strongest, weakest: e.weakest
      },
      classes: "line-" + e.line + (e.directed ? " directed" : "")
    };
  }
  var elements = graph.nodes.map(nodeElement).concat(graph.edges.map(edgeElement));
  var cy = window.cytoscape({
    container: box,
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
        "background-color": "#5b7083", "width": 22, "height": 22,
        "text-wrap": "wrap", "text-max-width": 150, "text-background-color": "#fff",
        "text-background-opacity": 0.85, "text-background-padding": 1 } },
      { selector: "node.centre", style: {
        "background-color": "#1f4e79", "width": 34, "height": 34, "font-weight": "bold" } },
      { selector: "node.sanctioned", style: { "border-width": 4, "border-color": "#c0392b" } },
      { selector: "node.expanded", style: { "border-width": 2, "border-color": "#1f4e79" } },
      { selector: "edge", style: {
        "curve-style": "bezier", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "width": "mapData(claims, 1, 20, 1.5, 7)", "label": "", "font-size": 9,
        "text-rotation": "autorotate", "color": "#444", "text-background-color": "#fff",
        "text-background-opacity": 0.85 } },
      { selector: "edge.directed", style: { "target-arrow-shape": "triangle" } },
      { selector: "edge.line-solid", style: { "line-style": "solid" } },
      { selector: "edge.line-dashed", style: { "line-style": "dashed" } },
      { selector: "edge.line-dotted", style: {
        "line-style": "dotted", "line-color": "#d11", "target-arrow-color": "#d11" } },
      { selector: "edge.hover, edge.labelled", style: { "label": "data(label)" } },
      { selector: ".filtered", style: { "display": "none" } }
    ]
  });
  window.tracewireNetwork = cy;

  // Nodes with their labels as boxes; any two that overlap are pushed apart along the
  // axis where they overlap least, until none does (or a pass limit).
  function declutter() {
    for (var pass = 0; pass < 400; pass += 1) {
      var nodes = cy.nodes(":visible");
      var boxes = nodes.map(function (n) { return n.boundingBox({ includeLabels: true }); });
      var moved = false;
      for (var i = 0; i < boxes.length; i += 1) {
        for (var j = i + 1; j < boxes.length; j += 1) {
          var a = boxes[i], b = boxes[j];
          var ox = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
          var oy = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
          if (ox <= 0 || oy <= 0) { continue; }
          var pa = nodes[i].position(), pb = nodes[j].position();
          var step = (ox < oy ? ox : oy) / 2 + 2;
          var sign = ox < oy ? (pa.x <= pb.x ? -1 : 1) : (pa.y <= pb.y ? -1 : 1);
          if (ox < oy) {
            nodes[i].position({ x: pa.x + sign * step, y: pa.y });
            nodes[j].position({ x: pb.x - sign * step, y: pb.y });
          } else {
            nodes[i].position({ x: pa.x, y: pa.y + sign * step });
            nodes[j].position({ x: pb.x, y: pb.y - sign * step });
          }
          moved = true;
          a = nodes[i].boundingBox({ includeLabels: true });
          boxes[i] = a;
          boxes[j] = nodes[j].boundingBox({ includeLabels: true });
        }
      }
      if (!moved) { return; }
    }
  }

  function layout(randomize) {
    var options = fcose ? {
      name: "fcose", quality: "proof", randomize: randomize, animate: false,
      nodeDimensionsIncludeLabels: true, nodeRepulsion: 12000, idealEdgeLength: 110,
      nodeSeparation: 90, packComponents: true
    } : { name: "cose", animate: false, nodeDimensionsIncludeLabels: true, randomize: randomize };
    var run = cy.layout(options);
    run.one("layoutstop", function () {
      declutter();
      cy.fit(cy.elements(":visible"), 30);
      box.dataset.ready = "true";
      box.dataset.layout = fcose ? "fcose" : "cose";
    });
    run.run();
  }

  function applyFilters() {
    var relation = document.getElementById("filter-relation");
    var hedging = document.getElementById("filter-hedging");
    var wantRelation = relation ? relation.value : "";
    var floor = hedging && hedging.value ? strength.indexOf(hedging.value) : strength.length;
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var keep = (!wantRelation || e.data("relation") === wantRelation) &&
          strength.indexOf(e.data("strongest")) <= floor;
        e.toggleClass("filtered", !keep);
      });
      cy.nodes().forEach(function (n) {
        var shown = n.hasClass("centre") || n.connectedEdges(":visible").length > 0 ||
          n.connectedEdges().length === 0;
        n.toggleClass("filtered", !shown);
      });
    });
  }

  function json(response) {
    if (!response.ok) { throw new Error("HTTP " + response.status); }
    return response.json();
  }
  // The edges between every two nodes shown, of which those not drawn yet are added.
  function linkShown() {
    var ids = cy.nodes().map(function (n) { return "ids=" + encodeURIComponent(n.id()); });
    return fetch(filtered("/api/graph/edges?" + ids.join("&")), { credentials: "same-origin" })
      .then(json)
      .then(function (found) {
        var added = [];
        found.edges.forEach(function (e) {
          var element = edgeElement(e);
          if (cy.getElementById(element.data.id).empty() &&
              !cy.getElementById(element.data.source).empty() &&
              !cy.getElementById(element.data.target).empty()) { added.push(element); }
        });
        cy.add(added);
        return added.length;
      });
  }

  function expand(node) {
    if (node.hasClass("expanded") || box.dataset.ready !== "true") { return; }
    box.dataset.ready = "false";
    info.textContent = "adding the neighbours of " + node.data("label") + "…";
    fetch(filtered("/api/graph/" + node.id() + "?depth=1&max_nodes=30"),
          { credentials: "same-origin" })
      .then(json)
      .then(function (found) {
        var added = [];
        found.nodes.forEach(function (n) {
          if (cy.getElementById(String(n.id)).empty()) {
            var element = nodeElement(n);
            element.classes = (n.sanctioned ? "sanctioned" : "");
            element.position = { x: node.position().x + (Math.random() - 0.5) * 80,
                                 y: node.position().y + (Math.random() - 0.5) * 80 };
            added.push(element);
          }
        });
        found.edges.forEach(function (e) {
          var element = edgeElement(e);
          if (cy.getElementById(element.data.id).empty()) { added.push(element); }
        });
        cy.add(added);
        return linkShown().then(function (linked) {
          node.addClass("expanded");
          box.dataset.expanded = String(Number(box.dataset.expanded || "0") + 1);
          info.textContent = node.data("label") + ": " + found.nodes.length + " nodes, " +
            found.edges.length + " edges (" + (added.length + linked) + " new elements). " +
            "Double-click a node to open its dossier.";
          applyFilters();
          layout(false);
        });
      })
      .catch(function (error) {
        info.textContent = "could not add the neighbours of " + node.data("label") + ": " +
          error.message;
        box.dataset.ready = "true";
      });
  }

  cy.on("tap", "node", function (event) { expand(event.target); });
  cy.on("dbltap", "node", function (event) {
    window.location.assign(event.target.data("href"));
  });
  cy.on("mouseover", "edge", function (event) { event.target.addClass("hover"); });
  cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); });
  cy.on("mouseover", "node", function () { box.style.cursor = "pointer"; });
  cy.on("mouseout", "node", function () { box.style.cursor = ""; });

  function bind(id, event, handler) {
    var element = document.getElementById(id);
    if (element) { element.addEventListener(event, handler); }
  }
  bind("filter-relation", "change", applyFilters);
  bind("filter-hedging", "change", applyFilters);
  bind("edge-labels", "change", function (event) {
    cy.edges().toggleClass("labelled", event.target.checked);
  });
  function reload() { document.getElementById("network-controls").submit(); }
  bind("network-depth", "change", reload);
  bind("network-technology", "change", reload);

  function download(blob, name) {
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }
  function xml(text) {
    return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }
  // The view as GraphML: the nodes and edges shown, with names, types and hedging.
  function graphml() {
    var out = ['<?xml version="1.0" encoding="UTF-8"?>',
      '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
      '<key id="label" for="node" attr.name="label" attr.type="string"/>',
      '<key id="type" for="node" attr.name="type" attr.type="string"/>',
      '<key id="relation" for="edge" attr.name="relation" attr.type="string"/>',
      '<key id="claims" for="edge" attr.name="claims" attr.type="int"/>',
      '<key id="strongest" for="edge" attr.name="strongest" attr.type="string"/>',
      '<graph id="tracewire" edgedefault="directed">'];
    cy.nodes(":visible").forEach(function (n) {
      out.push('<node id="n' + xml(n.id()) + '"><data key="label">' + xml(n.data("label")) +
        '</data><data key="type">' + xml(n.data("type")) + "</data></node>");
    });
    cy.edges(":visible").forEach(function (e) {
      out.push('<edge source="n' + xml(e.data("source")) + '" target="n' + xml(e.data("target")) +
        '"><data key="relation">' + xml(e.data("relation")) + '</data><data key="claims">' +
        e.data("claims") + '</data><data key="strongest">' + xml(e.data("strongest")) +
        "</data></edge>");
    });
    out.push("</graph>", "</graphml>");
    return out.join("\n");
  }
  window.tracewireGraphml = graphml;
  bind("export-png", "click", function () {
    download(cy.png({ output: "blob", full: true, scale: 2, bg: "#ffffff" }), "network.png");
  });
  bind("export-graphml", "click", function () {
    download(new Blob([graphml()], { type: "application/xml" }), "network.graphml");
  });

  layout(true);
})();

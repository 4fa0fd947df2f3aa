/* Draws the neighbourhood embedded in #network (data-graph, data-colours) with cytoscape.
   Edges: colour by relation; solid (asserted/reported), dashed (planned, alleged,
   speculative, rumoured) or red dotted (denied) by their strongest claim. Clicking a node
   opens its dossier. The instance is exposed as window.tracewireNetwork. */
(function () {
  "use strict";
  var box = document.getElementById("network");
  if (!box || typeof window.cytoscape !== "function") {
    return;
  }
  var graph = JSON.parse(box.dataset.graph);
  var colours = JSON.parse(box.dataset.colours || "{}");
  var elements = [];
  var busy = graph.edges.length > 40;  // many edges: labels only on hover
  graph.nodes.forEach(function (n) {
    var classes = [];
    if (n.id === graph.centre) { classes.push("centre"); }
    if (n.sanctioned) { classes.push("sanctioned"); }
    elements.push({
      group: "nodes",
      data: { id: String(n.id), label: n.canonical, type: n.type, href: n.url },
      classes: classes.join(" ")
    });
  });
  graph.edges.forEach(function (e, i) {
    elements.push({
      group: "edges",
      data: {
        id: "e" + i,
        source: String(e.subject),
        target: String(e.object),
        relation: e.relation,
        colour: colours[e.relation] || "#777777",
        label: e.relation + " (" + e.claims + ")",
        claims: e.claims,
        strongest: e.strongest,
        weakest: e.weakest
      },
      classes: "line-" + e.line + (e.directed ? " directed" : "") + (busy ? " quiet" : "")
    });
  });
  var cy = window.cytoscape({
    container: box,
    elements: elements,
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
        "background-color": "#5b7083", "width": 22, "height": 22,
        "text-wrap": "ellipsis", "text-max-width": 140 } },
      { selector: "node.centre", style: {
        "background-color": "#1f4e79", "width": 34, "height": 34, "font-weight": "bold" } },
      { selector: "node.sanctioned", style: { "border-width": 4, "border-color": "#c0392b" } },
      { selector: "edge", style: {
        "curve-style": "bezier", "line-color": "data(colour)", "target-arrow-color": "data(colour)",
        "width": "mapData(claims, 1, 20, 1.5, 7)", "label": "data(label)", "font-size": 9,
        "text-rotation": "autorotate", "color": "#444", "text-background-color": "#fff",
        "text-background-opacity": 0.8 } },
      { selector: "edge.directed", style: { "target-arrow-shape": "triangle" } },
      { selector: "edge.line-solid", style: { "line-style": "solid" } },
      { selector: "edge.line-dashed", style: { "line-style": "dashed" } },
      { selector: "edge.quiet", style: { "label": "", "opacity": 0.6 } },
      { selector: "edge.quiet.hover", style: { "label": "data(label)", "opacity": 1 } },
      { selector: "edge.line-dotted", style: {
        "line-style": "dotted", "line-color": "#d11", "target-arrow-color": "#d11" } }
    ],
    layout: {
      name: "concentric",
      concentric: function (node) { return node.hasClass("centre") ? 2 : 1; },
      levelWidth: function () { return 1; },
      minNodeSpacing: 30,
      animate: false
    }
  });
  cy.on("tap", "node", function (event) {
    window.location.assign(event.target.data("href"));
  });
  cy.on("mouseover", "edge", function (event) { event.target.addClass("hover"); });
  cy.on("mouseout", "edge", function (event) { event.target.removeClass("hover"); });
  cy.on("mouseover", "node", function () { box.style.cursor = "pointer"; });
  cy.on("mouseout", "node", function () { box.style.cursor = ""; });
  window.tracewireNetwork = cy;
  box.dataset.ready = "true";
})();

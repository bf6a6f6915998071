// Charts of the actor, network and timeline pages, drawn with the vendored Apache ECharts
// (SVG renderer, so the drawing is part of the page). Data comes from a JSON block.
(function () {
  "use strict";
  var block = document.getElementById("chart-data");
  if (!block || !window.echarts) return;
  var data = JSON.parse(block.textContent);
  var QUAD_COLOURS = ["#4f9a4f", "#1f7a3a", "#e0a020", "#c0392b"];

  function make(id) {
    var node = document.getElementById(id);
    if (!node) return null;
    var chart = echarts.init(node, null, { renderer: "svg" });
    window.addEventListener("resize", function () { chart.resize(); });
    return chart;
  }

  var network = make("network-chart");
  if (network) {
    var byGoldstein = data.weight === "goldstein";
    var maxNode = Math.max.apply(null, data.nodes.map(function (n) { return n.events; }).concat([1]));
    var maxEdge = Math.max.apply(null, data.edges.map(function (e) { return byGoldstein ? Math.abs(e.goldstein) : e.events; }).concat([1]));
    network.setOption({
      animation: false,
      tooltip: { formatter: function (p) {
        if (p.dataType === "edge") return echarts.format.encodeHTML(p.data.source + " → " + p.data.target) + "<br>" + p.data.events + " events, Goldstein " + p.data.goldstein;
        return echarts.format.encodeHTML(p.data.name) + ": " + p.data.events + " events";
      } },
      series: [{
        type: "graph", layout: "force", roam: true, draggable: true,
        force: { initLayout: "circular", layoutAnimation: false, repulsion: 260, edgeLength: [60, 160], gravity: 0.08 },
        label: { show: true, position: "right", fontSize: 11 }, edgeSymbol: ["none", "arrow"], edgeSymbolSize: 7,
        data: data.nodes.map(function (n) {
          return { name: n.code, events: n.events, symbolSize: 12 + 30 * Math.sqrt(n.events / maxNode) };
        }),
        links: data.edges.map(function (e) {
          var w = byGoldstein ? Math.abs(e.goldstein) : e.events;
          var colour = byGoldstein ? (e.goldstein >= 0 ? "#2e8b57" : "#c0392b") : "#7b8a99";
          return { source: e.source, target: e.target, events: e.events, goldstein: e.goldstein,
                   lineStyle: { width: 1 + 6 * w / maxEdge, color: colour, opacity: 0.8, curveness: 0.15 } };
        })
      }]
    });
    network.on("click", function (p) { if (p.dataType === "node") window.location.href = "/actor?code=" + encodeURIComponent(p.data.name); });
  }

  var timeline = make("timeline-chart");
  if (timeline) {
    var months = data.months.map(function (m) { return m.month; });
    timeline.setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 20, top: 36, bottom: 30 },
      xAxis: { type: "category", data: months }, yAxis: { type: "value", minInterval: 1 },
      series: [1, 2, 3, 4].map(function (q) {
        return { name: q + " " + data.quads[q], type: "bar", stack: "q", barMaxWidth: 90, itemStyle: { color: QUAD_COLOURS[q - 1] },
                 data: data.months.map(function (m) { return m["q" + q]; }) };
      })
    });
  }

  var dyad = make("dyad-chart");
  if (dyad) {
    dyad.setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 40, top: 36, bottom: 30 },
      xAxis: { type: "category", data: data.dyad.map(function (m) { return m.month; }) },
      yAxis: [{ type: "value", name: "Goldstein" }, { type: "value", name: "events", minInterval: 1 }],
      series: [
        { name: "Goldstein sum", type: "line", data: data.dyad.map(function (m) { return m.goldstein; }), itemStyle: { color: "#1f5f99" } },
        { name: "events", type: "bar", yAxisIndex: 1, barMaxWidth: 60, data: data.dyad.map(function (m) { return m.events; }), itemStyle: { color: "#c8d3dd" } }
      ]
    });
  }

  var actor = make("actor-chart");
  if (actor) {
    var rows = data.months;
    actor.setOption({
      animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
      grid: { left: 40, right: 40, top: 36, bottom: 30 },
      xAxis: { type: "category", data: rows.map(function (m) { return m.month; }) },
      yAxis: [{ type: "value", name: "events", minInterval: 1 }, { type: "value", name: "Goldstein" }],
      series: [
        { name: "as source", type: "bar", barMaxWidth: 50, data: rows.map(function (m) { return m.as_source; }), itemStyle: { color: "#5b8fd1" } },
        { name: "as target", type: "bar", barMaxWidth: 50, data: rows.map(function (m) { return m.as_target; }), itemStyle: { color: "#e39a5a" } },
        { name: "Goldstein out", type: "line", yAxisIndex: 1, data: rows.map(function (m) { return m.goldstein_out; }) },
        { name: "Goldstein in", type: "line", yAxisIndex: 1, data: rows.map(function (m) { return m.goldstein_in; }) }
      ]
    });
  }
})();

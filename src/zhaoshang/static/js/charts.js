/* Charts of the cockpit and the rollup. Data comes from json_script blocks rendered by the server; the
   words (series names, units) from data-* attributes of each chart's element, translated by the template. */
(function () {
  "use strict";
  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  // fit(el), when given, returns the part of the option that depends on the chart's size.
  function chart(id, option, fit) {
    var el = document.getElementById(id);
    if (!el || !window.echarts) return;
    var c = echarts.init(el, null, { renderer: "canvas" });
    // Tooltips drawn on the canvas: HTML tooltips carry inline styles, which the CSP (style-src 'self') refuses.
    if (option.tooltip) option.tooltip.renderMode = "richText";
    c.setOption(option);
    if (fit) c.setOption(fit(el));
    drawn.push({ chart: c, el: el, fit: fit });
  }
  // Redrawn at the new width when the window changes and when printing starts or ends, so a printed chart
  // is drawn at the paper's width, not cut at the screen's.
  var drawn = [];
  function resizeAll() {
    drawn.forEach(function (d) { d.chart.resize(); if (d.fit) d.chart.setOption(d.fit(d.el)); });
  }
  window.addEventListener("resize", resizeAll);
  window.addEventListener("beforeprint", resizeAll);
  window.addEventListener("afterprint", resizeAll);
  if (window.matchMedia) window.matchMedia("print").addEventListener("change", resizeAll);
  function words(id) {
    var el = document.getElementById(id);
    return el ? el.dataset : {};
  }
  var pct = function (v) { return Math.round(v * 1000) / 10 + "%"; };

  var gauges = data("data-gauges");
  if (gauges) {
    chart("chart-gauges", {
      tooltip: { formatter: function (p) { return p.seriesName + "：" + pct(p.value / 100); } },
      series: gauges.slice(0, 3).map(function (g, i) {
        return {
          name: g.name, type: "gauge", center: [(i * 2 + 1) * 100 / (2 * Math.min(gauges.length, 3)) + "%", "60%"],
          radius: "62%", min: 0, max: 150, splitNumber: 3,
          axisLine: { lineStyle: { width: 10, color: [[g.time_progress * 100 / 150, "#94a3b8"], [1, "#1d4ed8"]] } },
          pointer: { width: 4 }, detail: { formatter: "{value}%", fontSize: 14, offsetCenter: [0, "40%"] },
          title: { fontSize: 12, offsetCenter: [0, "75%"] },
          data: [{ value: Math.round(g.completion * 1000) / 10, name: g.name }]
        };
      })
    }, function (el) {
      // Side by side, each gauge keeps within its own third of the width (a phone's is narrower than tall).
      var n = Math.min(gauges.length, 3);
      var r = Math.min(0.31 * Math.min(el.clientWidth, el.clientHeight), 0.42 * el.clientWidth / n);
      return { series: gauges.slice(0, 3).map(function () { return { radius: r }; }) };
    });
  }
  var cum = data("data-cumulative");
  if (cum) {
    var w = words("chart-cumulative");
    chart("chart-cumulative", {
      tooltip: { trigger: "axis" }, legend: { top: 0 },
      xAxis: { type: "category", data: cum.months }, yAxis: { type: "value", name: w.unit },
      series: [
        { name: w.actual, type: "line", data: cum.actual },
        { name: w.manufacturing, type: "line", data: cum.manufacturing },
        { name: w.pace, type: "line", data: cum.pace, lineStyle: { type: "dashed" }, symbol: "none" },
        { name: w.paceManufacturing, type: "line", data: cum.pace_manufacturing, lineStyle: { type: "dashed" }, symbol: "none" }
      ]
    });
  }
  var dirs = data("data-directions");
  if (dirs) {
    var wd = words("chart-directions");
    chart("chart-directions", {
      tooltip: { trigger: "axis" }, grid: { left: 90 },
      xAxis: { type: "value", name: wd.unit },
      yAxis: { type: "category", data: dirs.map(function (d) { return d.name; }).reverse() },
      series: [{ type: "bar", name: wd.series, data: dirs.map(function (d) { return d.yi; }).reverse() }]
    });
  }
  var funnel = data("data-funnel");
  if (funnel) {
    chart("chart-funnel", {
      tooltip: {}, series: [{ type: "funnel", sort: "none", label: { formatter: "{b}：{c}" },
        data: funnel.map(function (f) { return { name: f.stage, value: f.count }; }) }]
    });
  }
  var tree = data("data-chain");
  if (tree) {
    chart("chart-chain", {
      tooltip: { trigger: "item" },
      series: [{ type: "tree", data: [tree], top: "2%", left: "12%", bottom: "2%", right: "22%",
                 initialTreeDepth: 3, symbolSize: 9, label: { position: "left", fontSize: 12 },
                 leaves: { label: { position: "right" } }, expandAndCollapse: true }]
    });
  }
  var rollup = data("data-rollup");
  if (rollup) {
    var wr = words("chart-rollup");
    chart("chart-rollup", {
      tooltip: { trigger: "axis", valueFormatter: pct }, grid: { bottom: 80 },
      xAxis: { type: "category", data: rollup.names, axisLabel: { rotate: 60 } },
      yAxis: { type: "value", axisLabel: { formatter: pct } },
      series: [{ type: "bar", name: wr.series, data: rollup.completion,
                 markLine: { symbol: "none", data: [{ yAxis: rollup.time_progress, name: wr.timeProgress }],
                             label: { formatter: wr.timeProgress } } }]
    });
  }
})();

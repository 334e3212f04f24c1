// The region's figures: for each indicator, a bar per unit (click: the unit's figures) and the
// region's value over the last five years. Charts are drawn when they scroll into view.
(function () {
  var source = document.getElementById("region-figures-data");
  if (!source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var RED = "#b3261e", BLUE = "#1d4f91";
  var charts = [];

  function suffix(f) { return f.unit === "%" ? "%" : f.unit; }

  function unitsOption(f) {
    var many = data.units.length > 24;
    var series = {
      type: "bar", data: f.units, itemStyle: { color: RED }, cursor: "pointer",
      label: { show: !many, position: "top", fontSize: 10 },
    };
    if (f.kind !== "amount" && f.region !== null) {
      // a rate or an average: the region's own value (sums over units), not the mean of the bars
      series.markLine = {
        symbol: "none", lineStyle: { color: BLUE, type: "dashed" },
        label: { formatter: "区域\n" + f.region + suffix(f), position: "end", color: BLUE, fontSize: 10 },
        data: [{ yAxis: f.region }],
      };
    }
    return {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + suffix(f); } },
      animation: false,
      grid: { left: 44, right: f.kind === "amount" ? 12 : 52, top: 22, bottom: many ? 62 : 40 },
      xAxis: { type: "category", data: data.units, axisLabel: { interval: many ? "auto" : 0, rotate: 25, fontSize: 10 } },
      yAxis: { type: "value", minInterval: f.kind === "amount" ? 1 : 0, max: f.unit === "%" ? 100 : null },
      dataZoom: many ? [{ type: "slider", height: 12, bottom: 2, showDetail: false, end: Math.min(100, 2400 / data.units.length) }] : [],
      series: [series],
    };
  }

  function yearsOption(f) {
    return {
      tooltip: { trigger: "axis", valueFormatter: function (v) { return v === null || v === undefined ? "—" : v + suffix(f); } },
      animation: false,
      grid: { left: 44, right: 12, top: 22, bottom: 28 },
      xAxis: { type: "category", data: data.years.map(function (y) { return y + "年"; }) },
      yAxis: { type: "value", minInterval: f.kind === "amount" ? 1 : 0 },
      series: [{
        type: f.kind === "amount" ? "bar" : "line", data: f.years, connectNulls: false,
        itemStyle: { color: f.kind === "amount" ? BLUE : RED }, label: { show: true, position: "top", fontSize: 10 },
      }],
    };
  }

  function draw(box) {
    if (box.dataset.drawn) return;
    box.dataset.drawn = "1";
    var f = data.figures[box.dataset.code];
    var chart = echarts.init(box, null, { renderer: "svg" });
    if (box.dataset.axis === "units") {
      chart.setOption(unitsOption(f));
      chart.on("click", function (p) { if (data.unitUrls[p.dataIndex]) location.href = data.unitUrls[p.dataIndex]; });
    } else {
      chart.setOption(yearsOption(f));
    }
    charts.push(chart);
  }

  var boxes = Array.prototype.slice.call(document.querySelectorAll(".rf-chart"));
  if ("IntersectionObserver" in window) {
    var seen = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { if (e.isIntersecting) { draw(e.target); seen.unobserve(e.target); } });
    }, { rootMargin: "200px" });
    boxes.forEach(function (b) { seen.observe(b); });
  } else {
    boxes.forEach(draw);
  }
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();

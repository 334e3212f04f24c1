// The supervisor's overview: one bar per unit for each key count; the legend picks the figure.
(function () {
  var box = document.getElementById("overview-chart");
  var source = document.getElementById("overview-chart-data");
  if (!box || !source || !window.echarts) return;
  var data = JSON.parse(source.textContent);
  var selected = {};
  data.series.forEach(function (s, i) { selected[s.name] = i === 0; });
  var chart = echarts.init(box, null, { renderer: "svg" });
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { type: "scroll", top: 0, selectedMode: "single", selected: selected },
    grid: { left: 48, right: 16, top: 48, bottom: 64 },
    xAxis: { type: "category", data: data.units, axisLabel: { interval: 0, rotate: 20 } },
    yAxis: { type: "value", minInterval: 1 },
    series: data.series.map(function (s) {
      return { name: s.name, type: "bar", data: s.data, itemStyle: { color: "#b3261e" }, label: { show: true, position: "top" } };
    }),
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();

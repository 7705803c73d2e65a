// infragame web app: draws every chart from its ECharts option (the same
// data as the report's SVG chart) and follows running jobs. No inline
// scripts: the Content-Security-Policy allows only this file and ECharts.
(function () {
  "use strict";
  var charts = [];
  // whiskers draws a confidence interval over bar k of n of a category (a
  // datum [lo, hi, category, k, n]; web/echarts.go, indexOption, lays the
  // bars out so that bar k is centred at -0.35 + 0.7(k+0.5)/n of the band).
  function whiskers(params, api) {
    var lo = api.value(0), hi = api.value(1), cat = api.value(2), k = api.value(3), n = api.value(4);
    var band = api.size([0, 1])[1];
    var y = api.coord([0, cat])[1] + band * (-0.35 + 0.7 * (k + 0.5) / n);
    var x1 = api.coord([lo, cat])[0], x2 = api.coord([hi, cat])[0];
    var cap = Math.max(2, band * 0.7 / n / 4);
    var style = { stroke: "#222", lineWidth: 1.2 };
    return { type: "group", children: [
      { type: "line", shape: { x1: x1, y1: y, x2: x2, y2: y }, style: style },
      { type: "line", shape: { x1: x1, y1: y - cap, x2: x1, y2: y + cap }, style: style },
      { type: "line", shape: { x1: x2, y1: y - cap, x2: x2, y2: y + cap }, style: style }
    ] };
  }
  var renderers = { whiskers: whiskers };
  function drawCharts() {
    var els = document.querySelectorAll("[data-echarts]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      try {
        var opt = JSON.parse(el.getAttribute("data-echarts"));
        (opt.series || []).forEach(function (s) {
          if (s.type === "custom" && typeof s.renderItem === "string") s.renderItem = renderers[s.renderItem];
        });
        var c = echarts.init(el, null, { renderer: "svg" });
        c.setOption(opt);
        el.setAttribute("data-drawn", "1");
        charts.push(c);
      } catch (e) {
        el.textContent = "chart error: " + e.message;
        el.setAttribute("data-drawn", "error");
      }
    }
    window.addEventListener("resize", function () {
      for (var i = 0; i < charts.length; i++) charts[i].resize();
    });
  }
  function followJob() {
    var job = document.getElementById("job");
    if (!job || job.getAttribute("data-state") !== "running" || !window.EventSource) return;
    var id = job.getAttribute("data-job");
    var bar = document.getElementById("job-progress");
    var count = document.getElementById("job-count");
    var es = new EventSource("/api/v1/jobs/" + encodeURIComponent(id) + "/events");
    es.addEventListener("progress", function (ev) {
      var st = JSON.parse(ev.data);
      bar.max = st.total; bar.value = st.done;
      count.textContent = st.done + " / " + st.total;
    });
    es.addEventListener("end", function () {
      es.close();
      window.location.reload();
    });
    var cancel = document.getElementById("job-cancel");
    if (cancel) {
      cancel.addEventListener("click", function () {
        fetch("/api/v1/jobs/" + encodeURIComponent(id), { method: "DELETE" }).then(function () {
          window.location.reload();
        });
      });
    }
  }
  // An engine page has the same options in its paste form and its upload
  // form: a choice made in one is carried to the other.
  function syncOptions() {
    var pairs = [["#engine-form select", "upload-"], ["#upload-form select", ""]];
    pairs.forEach(function (p) {
      document.querySelectorAll(p[0]).forEach(function (sel) {
        sel.addEventListener("change", function () {
          var other = p[1]
            ? document.getElementById(p[1] + sel.name)
            : document.querySelector('#engine-form select[name="' + sel.name + '"]');
          if (other) other.value = sel.value;
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (window.echarts) drawCharts();
    followJob();
    syncOptions();
  });
})();

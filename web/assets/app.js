// infragame web app: draws every chart from its ECharts option (the same
// data as the report's SVG chart) and follows running jobs. No inline
// scripts: the Content-Security-Policy allows only this file and ECharts.
(function () {
  "use strict";
  var charts = [];
  function drawCharts() {
    var els = document.querySelectorAll("[data-echarts]");
    for (var i = 0; i < els.length; i++) {
      var el = els[i];
      try {
        var opt = JSON.parse(el.getAttribute("data-echarts"));
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

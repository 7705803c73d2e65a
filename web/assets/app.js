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
  // The import form (/data/import) sends the file to POST /api/v1/imports
  // with the bearer token, kept for the tab in sessionStorage, and shows
  // the import report (records by kind, rows skipped) or the problem.
  function importForm() {
    var form = document.getElementById("import-form");
    if (!form) return;
    var tok = document.getElementById("import-token");
    var saved = window.sessionStorage && sessionStorage.getItem("infragame-token");
    if (saved && !tok.value) tok.value = saved;
    var out = document.getElementById("import-result");
    function el(tag, text, attrs) {
      var e = document.createElement(tag);
      if (text !== undefined) e.textContent = text;
      for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
      return e;
    }
    function row(dl, key, value, id) {
      dl.appendChild(el("dt", key));
      var dd = el("dd");
      dd.appendChild(typeof value === "number" ? el("span", String(value), { "class": "n", "data-value": String(value), id: id }) : el("span", value, { id: id }));
      dl.appendChild(dd);
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var file = document.getElementById("import-file").files[0];
      if (!file) return;
      if (window.sessionStorage) sessionStorage.setItem("infragame-token", tok.value.trim());
      var q = new URLSearchParams({ name: file.name });
      var kind = document.getElementById("import-kind").value, from = document.getElementById("import-from").value;
      if (kind) q.set("kind", kind);
      if (from) q.set("from", from);
      var body = new FormData();
      body.append("file", file);
      out.hidden = false;
      out.textContent = "…";
      out.removeAttribute("data-state");
      fetch("/api/v1/imports?" + q.toString(), { method: "POST", body: body, headers: { Authorization: "Bearer " + tok.value.trim() } })
        .then(function (resp) { return resp.json().then(function (doc) { return { ok: resp.ok, doc: doc }; }); })
        .then(function (r) {
          out.textContent = "";
          var dl = el("dl");
          if (r.ok) {
            out.appendChild(el("h2", form.dataset.lImported));
            row(dl, form.dataset.lRecords, r.doc.records, "import-records");
            row(dl, form.dataset.lId, r.doc.id, "import-id");
            Object.keys(r.doc.counts || {}).sort().forEach(function (k) { row(dl, k, r.doc.counts[k], "import-count-" + k); });
            if (r.doc.skipped && r.doc.skipped.length) row(dl, form.dataset.lSkipped, r.doc.skipped.join("; "), "import-skipped");
            out.appendChild(dl);
            out.setAttribute("data-state", "done");
          } else {
            out.appendChild(el("h2", form.dataset.lRefused));
            out.appendChild(el("pre", r.doc.detail || r.doc.title, { id: "import-error", "class": "problem" }));
            var where = [r.doc.file, r.doc.line, r.doc.column].filter(function (x) { return x; }).join(":");
            if (where || r.doc.path || r.doc.field) row(dl, form.dataset.lWhere, [where, r.doc.path || r.doc.field].filter(function (x) { return x; }).join(" "), "import-where");
            out.appendChild(dl);
            out.setAttribute("data-state", "refused");
            out.setAttribute("data-status", String(r.doc.status));
          }
        })
        .catch(function (e) {
          out.textContent = String(e);
          out.setAttribute("data-state", "refused");
        });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    importForm();
    if (window.echarts) drawCharts();
    followJob();
    syncOptions();
  });
})();

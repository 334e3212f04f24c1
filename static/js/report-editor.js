// The report editor: every text saves on its own after a pause in typing; the page says
// 已保存 with the time; leaving, submitting or changing the structure first saves what is
// typed, and is refused while a save is failing or refused (a conflict is shown, never
// overwritten). Served from the vendored static files (no inline script).
(function () {
  "use strict";
  var editor = document.getElementById("report-editor");
  if (!editor || !editor.dataset.editable) return;
  var PAUSE = 1200;
  var status = document.getElementById("save-status");
  var states = new Map(); // form -> {dirty, saving, timer, blocked}

  function state(form) {
    if (!states.has(form)) states.set(form, { dirty: false, saving: null, timer: null, blocked: false });
    return states.get(form);
  }
  function say(text, kind) {
    status.textContent = text;
    status.className = "save-status" + (kind ? " save-" + kind : "");
  }
  function pending() {
    var n = 0;
    states.forEach(function (s) { if (s.dirty || s.saving) n += 1; });
    return n;
  }
  function blocked() {
    var n = 0;
    states.forEach(function (s) { if (s.blocked) n += 1; });
    return n;
  }
  function replace(id, html) {
    var old = document.getElementById(id);
    if (!old || html === undefined) return;
    var holder = document.createElement("div");
    holder.innerHTML = html;
    if (holder.firstElementChild) old.replaceWith(holder.firstElementChild);
  }

  function save(form) {
    var s = state(form);
    clearTimeout(s.timer);
    if (s.saving) return s.saving.then(function () { return s.dirty ? save(form) : true; });
    if (!s.dirty) return Promise.resolve(!s.blocked);
    s.dirty = false;
    say("正在保存…", "busy");
    var body = new FormData(form);
    s.saving = fetch(form.action, {
      method: "POST",
      body: body,
      headers: { Accept: "application/json", "HX-Request": "true" },
      credentials: "same-origin",
    })
      .then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        var read = type.indexOf("json") >= 0 ? response.json() : response.text().then(function (t) { return { ok: false, message: t }; });
        return read.then(function (data) { return { response: response, data: data }; });
      })
      .then(function (answer) {
        var data = answer.data, id = form.dataset.section;
        s.saving = null;
        if (data.revision !== undefined && answer.response.ok) form.elements.revision.value = data.revision;
        if (id) {
          replace("figures-" + id, data.figures);
          replace("findings-" + id, data.findings);
          replace("conflicts-" + id, data.conflicts);
        }
        if (answer.response.ok) {
          s.blocked = false;
          say(pending() ? "正在保存…" : "已保存 " + data.saved_at, pending() ? "busy" : "ok");
          return true;
        }
        // A conflict or a refusal: the words stay in the box, nothing is overwritten; saving this
        // text again waits until the writer has compared and typed.
        s.blocked = true;
        s.dirty = true;
        say("未保存：" + (data.message || "保存失败"), "error");
        return false;
      })
      .catch(function () {
        s.saving = null;
        s.dirty = true;
        s.blocked = true;
        say("未保存：网络中断，请稍后再试（文字仍在页面上）", "error");
        return false;
      })
      .finally(function () { s.saving = null; });
    return s.saving;
  }

  function saveAll() {
    var waits = [];
    states.forEach(function (s, form) { if (s.dirty || s.saving) waits.push(save(form)); });
    return Promise.all(waits).then(function (results) {
      return results.every(Boolean) && !blocked();
    });
  }

  editor.addEventListener("input", function (event) {
    var form = event.target.form;
    if (!form || !form.classList.contains("autosave")) return;
    var s = state(form);
    s.dirty = true;
    s.blocked = false; // typing again after a conflict is the writer's merge
    say("有未保存的修改", "busy");
    clearTimeout(s.timer);
    s.timer = setTimeout(function () { save(form); }, PAUSE);
  });

  // Structure changes, submitting and sending first save what is typed; refused while anything
  // cannot be saved.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var guarded = form.classList.contains("structural") || form.classList.contains("needs-saved");
    if (!guarded || form.dataset.saved) return;
    event.preventDefault();
    if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) return;
    saveAll().then(function (ok) {
      if (!ok) {
        say("还有未保存的修改，请先处理后再操作", "error");
        window.alert("还有未能保存的修改（见页面上方提示），请先处理后再" + (form.classList.contains("needs-saved") ? "提交或报送" : "操作") + "。");
        return;
      }
      form.dataset.saved = "1";
      // After the current submit event has finished (a submission requested during it is ignored).
      setTimeout(function () { form.requestSubmit(); }, 0);
    });
  });

  window.addEventListener("beforeunload", function (event) {
    if (pending() || blocked()) {
      states.forEach(function (s, form) { if (s.dirty && !s.blocked) save(form); });
      event.preventDefault();
      event.returnValue = "";
      return "";
    }
  });
})();

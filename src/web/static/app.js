// quiz serve: autosave, heartbeats, countdown, live progress. Every page works without it.
(function () {
  "use strict";
  var root = document.getElementById("attempt");
  function post(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "x-quiz-fetch": "1", "Content-Type": "application/x-www-form-urlencoded" },
      body: body,
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().catch(function () { return { ok: false, error: "서버 응답을 읽지 못했습니다." }; })
        .then(function (j) { j.status = r.status; return j; });
    });
  }
  function setStatus(text, bad) {
    var s = document.getElementById("status");
    if (!s) return;
    s.textContent = text;
    s.className = "status" + (bad ? " bad" : " ok");
  }
  if (root) {
    var id = root.dataset.id, csrf = root.dataset.csrf;
    var beatMs = parseInt(root.dataset.beat || "30000", 10);
    // Heartbeat: keeps this window's hold on the attempt while the student thinks.
    setInterval(function () {
      post("/a/" + id + "/beat", "csrf=" + encodeURIComponent(csrf)).then(function (j) {
        if (!j.ok) setStatus(j.error || "연결을 확인하세요.", true);
      }, function () { setStatus("네트워크 연결이 끊겼습니다. 답은 다시 연결되면 저장됩니다.", true); });
    }, beatMs);
    if (root.dataset.mode === "exam") {
      var forms = document.querySelectorAll("form.answer");
      var pending = {};
      var save = function (form) {
        var pos = form.dataset.pos;
        var mark = document.getElementById("saved" + pos);
        var body = new URLSearchParams(new FormData(form)).toString();
        if (mark) { mark.textContent = "저장 중…"; mark.className = "saved-mark"; }
        return post(form.action, body).then(function (j) {
          if (j.ok) {
            if (mark) { mark.textContent = "저장됨"; mark.className = "saved-mark"; }
            var nav = document.getElementById("nav" + pos);
            if (nav) nav.className = "saved";
            var n = document.querySelectorAll(".navigator a.saved").length;
            var c = document.getElementById("answered"); if (c) c.textContent = n;
            setStatus("", false);
          } else if (j.status === 409 && /제출|시간이 끝났/.test(j.error || "")) {
            // Finished meanwhile (the instructor closed the quiz, or time
            // ran out): the results page says so.
            location.reload();
          } else { fail(form, mark, j.error || "저장하지 못했습니다."); }
          unanswered();
        }, function () { fail(form, mark, "저장하지 못했습니다: 네트워크 연결을 확인하세요."); });
      };
      var fail = function (form, mark, msg) {
        if (mark) {
          mark.className = "saved-mark bad";
          mark.textContent = "저장 실패 ";
          var b = document.createElement("button");
          b.type = "button"; b.className = "retry"; b.textContent = "다시 시도";
          b.addEventListener("click", function () { save(form); });
          mark.appendChild(b);
        }
        setStatus(msg, true);
      };
      // The numbers of the questions not answered yet, beside the submit.
      var unanswered = function () {
        var out = document.getElementById("unanswered");
        if (!out) return;
        var left = [];
        Array.prototype.forEach.call(document.querySelectorAll(".navigator a"), function (a, i) {
          if (a.className.indexOf("saved") < 0) left.push(i + 1);
        });
        out.textContent = left.length ? "답하지 않은 문제 " + left.length + "개: " + left.join(", ") + "번." : "모든 문제에 답했습니다.";
      };
      unanswered();
      Array.prototype.forEach.call(forms, function (form) {
        form.addEventListener("submit", function (e) { e.preventDefault(); save(form); });
        form.addEventListener("change", function () { save(form); });
        form.addEventListener("input", function (e) {
          if (e.target.tagName !== "TEXTAREA" && e.target.type !== "text" && e.target.tagName !== "INPUT") return;
          clearTimeout(pending[form.dataset.pos]);
          pending[form.dataset.pos] = setTimeout(function () { save(form); }, 1200);
        });
      });
      var deadline = root.dataset.deadline;
      var timer = document.getElementById("timer");
      if (deadline && timer) {
        var end = Date.parse(deadline);
        var tick = function () {
          var left = Math.max(0, Math.floor((end - Date.now()) / 1000));
          timer.textContent = Math.floor(left / 60) + "분 " + (left % 60) + "초";
          if (left < 60) timer.parentNode.className = "timer low";
          if (left === 0) { clearInterval(t); location.reload(); }
        };
        var t = setInterval(tick, 1000); tick();
      }
    }
  }
  var live = document.getElementById("live");
  if (live && window.EventSource) {
    var es = new EventSource(live.dataset.events);
    es.addEventListener("progress", function (e) {
      var v; try { v = JSON.parse(e.data); } catch (x) { return; }
      if (!v) return;
      var fill = function (tbody, rows, cols) {
        if (!tbody) return;
        while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
        rows.forEach(function (r) {
          var tr = document.createElement("tr");
          cols(r).forEach(function (c) { var td = document.createElement("td"); td.textContent = c; tr.appendChild(td); });
          tbody.appendChild(tr);
        });
      };
      fill(document.getElementById("progress-rows"), v.rows, function (r) { var on = r.attempt > 0; return [r.student, r.name, on ? String(r.attempt) : "", on ? r.answered + "/" + r.questions : "", r.score, r.state]; });
      fill(document.getElementById("facility-rows"), v.facility, function (r) { return [r.question, r.prompt, String(r.answers), r.facility]; });
    });
  }
})();

/* mod_quizcontest: progressive enhancement of the contest pages. Every page works without it.
 * - countdowns follow the server's remaining time (sent in the page), measured here with a
 *   monotonic clock so a sleeping tab or a wrong device clock cannot shift them;
 * - the quiz page saves each answer as it is chosen (POST .../luu), with a sequence number
 *   that only grows: the milliseconds since the attempt's start when the answer was chosen,
 *   reckoned from the server's elapsed time sent with the page (the server is the clock: past
 *   the deadline it takes, within its grace, only saves numbered before the deadline); choices
 *   made while offline are queued (also in localStorage) and sent in order when the
 *   connection is back; the form's own submit stays the way to hand in;
 * - while logins queue (the login form has data-login-queue), the form is sent by fetch: when
 *   the server answers that the login waits its turn (every password check of the process
 *   busy: the page carries #login-waiting and a Retry-After), the notice is shown and the
 *   same form is sent again after that many seconds, the password staying in this page's
 *   field (the server never sends it back); any other answer is followed as the browser
 *   would (a redirect, or the page shown). Otherwise the browser sends the form as ever. */
(function () {
  "use strict";

  function pad(n, w) { n = String(n); while (n.length < (w || 2)) { n = "0" + n; } return n; }

  function formatLeft(ms) {
    if (ms < 0) { ms = 0; }
    var s = Math.floor(ms / 1000), h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60);
    s = s % 60;
    if (h >= 48) { return Math.floor(h / 24) + " ngày"; }
    return (h > 0 ? h + ":" : "") + pad(m) + ":" + pad(s);
  }

  /* countdowns on the home page: <time data-countdown-ms="..."> */
  function startCountdowns() {
    var els = document.querySelectorAll("[data-countdown-ms]");
    if (!els.length) { return; }
    var t0 = performance.now();
    function tick() {
      for (var i = 0; i < els.length; i++) {
        var left = Number(els[i].getAttribute("data-countdown-ms")) - (performance.now() - t0);
        els[i].setAttribute("data-left", formatLeft(left));
        els[i].title = formatLeft(left);
      }
    }
    tick();
    setInterval(tick, 1000);
  }

  function Quiz(form) {
    this.form = form;
    this.url = form.getAttribute("data-save-url");
    this.seq = Number(form.getAttribute("data-seq")) || 0;
    this.t0 = performance.now();
    this.remaining = Number(form.getAttribute("data-remaining-ms")) || 0;
    this.elapsed = Number(form.getAttribute("data-elapsed-ms")) || 0;
    this.csrf = form.querySelector("input[name=csrf]").value;
    this.seqField = form.querySelector("input[name=seq]");
    this.state = document.getElementById("save-state");
    this.countdown = document.getElementById("countdown");
    /* "2": a queue of an older page named options by their choice ids, not their places */
    this.key = "qc-queue2:" + this.url;
    this.queue = [];
    this.sending = false;
    this.closed = false;
    try { this.queue = JSON.parse(localStorage.getItem(this.key) || "[]"); } catch (e) { this.queue = []; }
    /* a queue left by an earlier visit only counts if it is newer than the page */
    var self = this;
    this.queue = this.queue.filter(function (item) { return item.seq > self.seq; });
    if (this.queue.length) { this.seq = this.queue[this.queue.length - 1].seq; }
  }

  Quiz.prototype.msg = function (name) { return this.form.getAttribute("data-msg-" + name) || ""; };

  Quiz.prototype.show = function (name) {
    if (this.state) {
      this.state.textContent = this.msg(name);
      this.state.setAttribute("data-state", name);
    }
  };

  Quiz.prototype.left = function () { return this.remaining - (performance.now() - this.t0); };

  /* the next sequence number: the milliseconds since the attempt's start now, as the server's
     elapsed time at the page and this page's monotonic clock since make them, and always more
     than the last one */
  Quiz.prototype.nextSeq = function () {
    var now = Math.floor(this.elapsed + (performance.now() - this.t0));
    return Math.max(this.seq + 1, now);
  };

  Quiz.prototype.tick = function () {
    var left = this.left();
    if (this.countdown) {
      this.countdown.textContent = " (" + this.msg("left") + " " + formatLeft(left) + ")";
      this.countdown.setAttribute("data-left-ms", String(Math.max(0, Math.round(left))));
    }
    if (left <= 0 && !this.closed) {
      this.closed = true;
      this.show("closed");
      /* hand in what is saved: the server finalises with the answers saved up to the deadline */
      this.flush(true);
    }
  };

  Quiz.prototype.persist = function () {
    try { localStorage.setItem(this.key, JSON.stringify(this.queue)); } catch (e) { /* private mode */ }
  };

  /* one change: the whole selection of a question, or the prediction */
  Quiz.prototype.change = function (fields) {
    this.seq = this.nextSeq();
    fields.seq = this.seq;
    /* a newer change of the same question supersedes a queued older one */
    this.queue = this.queue.filter(function (item) {
      return !(fields.position && item.position === fields.position) &&
             !(fields.prediction !== undefined && item.prediction !== undefined);
    });
    this.queue.push(fields);
    this.persist();
    this.seqField.value = String(this.nextSeq());
    this.flush(false);
  };

  Quiz.prototype.encode = function (item) {
    var parts = ["csrf=" + encodeURIComponent(this.csrf), "seq=" + item.seq];
    if (item.position) {
      parts.push("position=" + item.position);
      if (item.choices.length === 0) { parts.push("choice="); }
      item.choices.forEach(function (c) { parts.push("choice=" + encodeURIComponent(c)); });
    } else {
      parts.push("prediction=" + encodeURIComponent(item.prediction));
    }
    return parts.join("&");
  };

  Quiz.prototype.flush = function (thenSubmit) {
    var self = this;
    if (this.sending) { this.submitAfter = this.submitAfter || thenSubmit; return; }
    if (!this.queue.length) {
      if (thenSubmit || this.submitAfter) { this.handIn(); }
      return;
    }
    this.sending = true;
    /* while offline, keep saying so: a retry every 2 s must not make screen readers repeat */
    if (!this.state || this.state.getAttribute("data-state") !== "offline") { this.show("saving"); }
    var item = this.queue[0];
    fetch(this.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: this.encode(item)
    }).then(function (r) {
      self.sending = false;
      if (r.status === 200 || r.status === 400) {
        /* saved, or refused as invalid (never retried); a newer change of the same question
           may have replaced it in the queue meanwhile: remove this one, not the head */
        var i = self.queue.indexOf(item);
        if (i >= 0) { self.queue.splice(i, 1); }
        self.persist();
        if (!self.queue.length) { self.show("saved"); }
        self.flush(thenSubmit);
      } else if (r.status === 409) {
        /* another tab or device saved newer answers: show what the server has */
        self.queue = [];
        self.persist();
        self.show("stale");
        setTimeout(function () { window.location.reload(); }, 800);
      } else if (r.status === 410) {
        /* closed, or "late": numbered after the deadline, which the server no longer takes */
        self.queue = [];
        self.persist();
        self.show("closed");
        window.location.reload();
      } else {
        self.retryLater(thenSubmit);
      }
    }).catch(function () {
      self.sending = false;
      self.retryLater(thenSubmit);
    });
  };

  /* submit the form the way the contestant asked (Nộp bài, or Lưu bài), now that all is saved */
  Quiz.prototype.handIn = function () {
    var by = this.submitter;
    this.submitter = null;
    this.submitAfter = false;
    this.seqField.value = String(this.nextSeq());
    if (by && this.form.requestSubmit) { this.form.requestSubmit(by); } else { this.form.submit(); }
  };

  Quiz.prototype.retryLater = function (thenSubmit) {
    var self = this;
    this.show("offline");
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(function () { self.flush(thenSubmit); }, 2000);
  };

  Quiz.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("change", function (ev) {
      var t = ev.target;
      if (t.name && /^a\d+$/.test(t.name)) {
        var boxes = self.form.querySelectorAll("input[name=" + t.name + "]");
        var chosen = [];
        for (var i = 0; i < boxes.length; i++) { if (boxes[i].checked) { chosen.push(boxes[i].value); } }
        self.change({ position: Number(t.name.substring(1)), choices: chosen });
      } else if (t.name === "prediction" && /^\d+$/.test(t.value.trim())) {
        self.change({ prediction: t.value.trim() });
      }
    });
    this.form.addEventListener("submit", function (ev) {
      /* hand in only after everything chosen is saved, so the saved answers are the answers */
      if (self.queue.length) {
        ev.preventDefault();
        self.submitter = ev.submitter || null;
        self.flush(true);
      } else {
        self.seqField.value = String(self.nextSeq());
      }
    });
    window.addEventListener("online", function () { self.flush(false); });
    document.addEventListener("visibilitychange", function () { self.tick(); });
    this.tick();
    setInterval(function () { self.tick(); }, 500);
    if (this.queue.length) { this.flush(false); }
  };

  function bindLogin(form) {
    var tries = 0;
    function send() {
      var body = new URLSearchParams(new FormData(form));
      fetch(form.action, { method: "POST", body: body, credentials: "same-origin",
                           headers: { "Content-Type": "application/x-www-form-urlencoded" } })
        .then(function (resp) {
          if (resp.redirected) { window.location.assign(resp.url); return null; }
          return resp.text().then(function (html) {
            var wait = Number(resp.headers.get("Retry-After")) || 0;
            var doc = new DOMParser().parseFromString(html, "text/html");
            var notice = doc.getElementById("login-waiting");
            if (resp.status === 200 && wait > 0 && notice && tries < 60) {
              /* still waiting: show the notice, keep the fields, take the page's new token */
              var csrf = doc.querySelector("form[data-login-queue] input[name=csrf]");
              var mine = form.querySelector("input[name=csrf]");
              if (csrf && mine) { mine.value = csrf.value; }
              var old = document.getElementById("login-waiting");
              notice = document.importNode(notice, true);
              if (old) { old.parentNode.replaceChild(notice, old); }
              else { form.parentNode.insertBefore(notice, form); }
              tries++;
              setTimeout(send, wait * 1000);
              return;
            }
            document.open();
            document.write(html);
            document.close();
          });
        })
        .catch(function () { form.submit(); });
    }
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      tries = 0;
      send();
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    startCountdowns();
    var login = document.querySelector("form[data-login-queue]");
    if (login && window.fetch && window.URLSearchParams && window.DOMParser) { bindLogin(login); }
    var form = document.getElementById("quiz");
    if (form && window.fetch) { new Quiz(form).bind(); }
  });
})();

/* mod_quizcontest, the on-stage contest: the live scoreboard refreshes itself from its own XML
 * (?format=xml) every few seconds, and the presenter's countdown counts down. Without
 * JavaScript both pages still work: the scoreboard by reloading, the countdown shows its
 * seconds. */
(function () {
  'use strict';

  function text(el, value) {
    if (el && el.textContent !== value) { el.textContent = value; }
  }

  // points as the page writes them: the Vietnamese decimal comma ("14,00"; the XML has "14.00")
  function points(value) { return (value || '').replace('.', ','); }

  function refresh(board) {
    var url = window.location.pathname + '?format=xml';
    fetch(url, { cache: 'no-store', credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) { throw new Error(r.status); }
      return r.text();
    }).then(function (body) {
      var doc = new DOMParser().parseFromString(body, 'application/xml');
      var teams = doc.querySelectorAll('teams > team');
      var tbody = board.querySelector('tbody');
      var rows = [];
      Array.prototype.forEach.call(teams, function (t) {
        var row = document.getElementById('team-' + t.getAttribute('id'));
        if (!row) { return; }
        text(row.querySelector('.position'), t.getAttribute('position'));
        text(row.querySelector('.total'), points(t.getAttribute('total')));
        text(row.querySelector('.prize'), t.getAttribute('prize') || '');
        var online = t.querySelector('online');
        if (online) { text(row.querySelector('.online'), points(online.textContent)); }
        Array.prototype.forEach.call(t.querySelectorAll('score'), function (s) {
          text(row.querySelector('[data-part="' + s.getAttribute('part') + '"]'), points(s.textContent));
        });
        rows[Number(t.getAttribute('rank-order')) - 1] = row;
      });
      rows.forEach(function (row) { if (row) { tbody.appendChild(row); } });
      var stage = doc.querySelector('stage');
      var state = document.getElementById('board-state');
      if (stage && state && stage.getAttribute('closed') === '1') {
        text(state, state.getAttribute('data-final'));
      }
      board.setAttribute('data-refreshed', String(Date.now()));
    }).catch(function () {
      board.setAttribute('data-refresh-failed', String(Date.now()));
    });
  }

  function countdown(el) {
    var left = Number(el.getAttribute('data-remaining'));
    var out = el.querySelector('.seconds');
    function tick() {
      text(out, String(left));
      if (left <= 0) {
        el.classList.add('over');
        return;
      }
      left -= 1;
      window.setTimeout(tick, 1000);
    }
    tick();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var board = document.querySelector('[data-poll]');
    if (board) {
      var every = Number(board.getAttribute('data-poll')) || 3000;
      window.setInterval(function () { refresh(board); }, every);
    }
    var c = document.querySelector('[data-remaining]');
    if (c) { countdown(c); }
  });
}());

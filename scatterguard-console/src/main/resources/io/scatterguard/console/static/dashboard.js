// Scatterguard console: draws the dashboard's charts from /api/stats. Served from the jar; the page's
// Content-Security-Policy allows no other script and no inline code.
(function () {
  'use strict';
  var outcomes = document.getElementById('outcomes-chart');
  if (!outcomes || typeof Chart === 'undefined') return;
  var fallback = document.getElementById('chart-fallback');
  if (fallback) fallback.hidden = true;
  var COLORS = {
    accepted: '#16a34a', rejected: '#dc2626', quarantined: '#d97706', tempfailed: '#2563eb',
    discarded: '#64748b', abandoned: '#cbd5e1'
  };
  var LABELS = {
    accepted: 'Accepted', rejected: 'Rejected', quarantined: 'Quarantined', tempfailed: 'Temporarily refused',
    discarded: 'Discarded', abandoned: 'Abandoned'
  };
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#5b6775';
  Chart.defaults.animation = false;

  function label(iso, range) {
    var s = new Date(iso).toISOString();
    if (range === '24h') return s.slice(11, 16);
    if (range === '7d') return s.slice(5, 10) + ' ' + s.slice(11, 16);
    return s.slice(5, 10);
  }

  function draw(stats) {
    var names = Object.keys(COLORS);
    new Chart(outcomes, {
      type: 'bar',
      data: {
        labels: stats.outcomes.map(function (b) { return label(b.start, stats.range); }),
        datasets: names.map(function (n) {
          return { label: LABELS[n], data: stats.outcomes.map(function (b) { return b[n]; }),
                   backgroundColor: COLORS[n], borderRadius: 3, maxBarThickness: 42 };
        })
      },
      options: {
        maintainAspectRatio: false,
        interaction: { mode: 'index', intersect: false },
        scales: { x: { stacked: true, grid: { display: false } },
                  y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } } }
      }
    });
    outcomes.dataset.drawn = 'true';
    var byKind = document.getElementById('category-chart');
    if (byKind) {
      var kinds = Object.keys(stats.backscatterRefusedByCategory);
      new Chart(byKind, {
        type: 'bar',
        data: { labels: kinds, datasets: [{ label: 'Refused', backgroundColor: '#0f766e', borderRadius: 4, maxBarThickness: 34,
                 data: kinds.map(function (k) { return stats.backscatterRefusedByCategory[k]; }) }] },
        options: { indexAxis: 'y', maintainAspectRatio: false, plugins: { legend: { display: false } },
                   scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { grid: { display: false } } } }
      });
      byKind.dataset.drawn = 'true';
    }
  }

  fetch('/api/stats?range=' + encodeURIComponent(outcomes.dataset.range || '24h'),
        { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
    .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
    .then(draw)
    .catch(function (e) {
      if (fallback) { fallback.hidden = false; fallback.textContent = 'The chart could not be loaded (' + e.message + ').'; }
    });
})();

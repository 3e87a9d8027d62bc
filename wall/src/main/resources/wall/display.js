// The wall display: figures arrive as server-sent events ("figures", "trend"); the page only shows
// them. It says STALE when nothing new has come for the server's staleAfter or the stream is down,
// and reconnects by itself. The wall view is the default; ?view=detail is the desk screen's full
// table. ?lpa=NAME and ?queue=NAME show a subset; ?rotate=PT30S cycles through the force and each
// LPA; ?token=… is passed to the stream.
'use strict';
(() => {
  const params = new URLSearchParams(location.search);
  const only = { lpa: params.get('lpa'), queue: params.get('queue') };
  const token = params.get('token');
  const detail = params.get('view') === 'detail';
  document.documentElement.dataset.view = detail ? 'detail' : 'wall';
  const rotateMs = isoMs(params.get('rotate') || '');
  let rotation = 0;
  const RECONNECT_MS = 2000;
  const RATES = new Set(['ANSWERED_WITHIN_STANDARD', 'ABANDONMENT_RATE', 'ATTENDED_WITHIN_STANDARD']);
  const VERDICT = { GREEN: '✓ MEETS', AMBER: '! CLOSE', RED: '✗ MISSES' };
  // Calls waiting and the longest wait have no standard: they are judged against the alert levels.
  const LEVEL = { GREEN: '✓ NORMAL', AMBER: '! WARNING', RED: '✗ CRITICAL' };
  // Three different things, three different marks: nothing has arrived, nothing to measure, and no standard.
  const NO_DATA = '…', NO_CALLS = '–';

  let view = null;
  let trend = null;
  let index = new Map();
  let connected = false;
  let lastFigureAt = null;     // performance.now() of the newest figure the server had
  let clock = null;            // { eventTime, rate, at }: the feed's time, moved on by the page between updates

  const $ = id => document.getElementById(id);
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function connect() {
    const stream = new EventSource('events' + (token ? '?token=' + encodeURIComponent(token) : ''));
    stream.addEventListener('open', () => { connected = true; showState(); });
    stream.addEventListener('figures', e => {
      view = JSON.parse(e.data);
      const now = performance.now();
      lastFigureAt = view.fedAgoMs < 0 ? null : now - view.fedAgoMs;
      clock = { eventTime: view.clock.eventTime, rate: view.clock.rate, at: now };
      index = new Map(view.figures.map(f => [key(f.measure, f.queue, f.scope, f.scopeId, f.area, f.frame), f]));
      render();
    });
    stream.addEventListener('trend', e => { trend = JSON.parse(e.data); renderTrend(); if (view && !detail) renderWall(); });
    stream.addEventListener('error', () => {
      connected = false;
      showState();
      // A stream the browser gave up on (the server refused it, or answered with an error) is opened again here.
      if (stream.readyState === EventSource.CLOSED) {
        setTimeout(connect, RECONNECT_MS);
      }
    });
  }

  const key = (measure, queue, scope, scopeId, area, frame) =>
    [measure, queue || '', scope, scope === 'FORCE' ? '' : scopeId, area || '', frame].join('|');

  function scope() {
    return only.lpa ? ['LPA', only.lpa] : ['FORCE', ''];
  }

  function find(measure, queue, frame, lpa) {
    const [s, id] = lpa ? ['LPA', lpa] : scope();
    return index.get(key(measure, queue, s, id, null, frame));
  }

  function format(f) {
    if (!f) return NO_DATA;
    if (f.value === null || f.value === undefined) return NO_CALLS;
    const v = f.value;
    if (RATES.has(f.measure)) return (v * 100).toFixed(1) + '%';
    if (f.measure === 'MEAN_WAIT_SECONDS') return v.toFixed(1) + ' s';
    if (f.measure === 'LONGEST_WAIT_SECONDS') return v < 100 ? Math.round(v) + ' s' : minutes(v * 1000);
    return String(Math.round(v));
  }

  function minutes(ms) {
    const total = Math.floor(Math.abs(ms) / 1000);
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h > 0 ? h + ':' + String(m).padStart(2, '0') + ':' + s : m + ':' + s;
  }

  function figureCell(f, extra) {
    const td = el('td');
    const span = el('span', 'figure ' + (f ? f.status : 'NONE'), format(f));
    span.dataset.id = f ? f.id : '';
    span.dataset.value = f && f.value !== null ? String(f.value) : '';
    td.append(span);
    if (f && VERDICT[f.status]) td.append(el('span', 'verdict ' + f.status, VERDICT[f.status]));
    if (extra) td.append(el('span', 'sub', extra));
    return td;
  }

  function lengthLabel(ms) {
    const min = ms / 60000;
    return min % 60 === 0 ? (min === 60 ? 'last hour' : 'last ' + min / 60 + ' h') : 'last ' + min + ' min';
  }

  function render() {
    $('force').textContent = view.force;
    const filter = [only.lpa && 'LPA ' + only.lpa, only.queue && 'queue ' + only.queue].filter(Boolean).join(' · ')
      || (rotateMs ? 'Whole force' : '');
    $('filter').hidden = !filter;
    $('filter').textContent = filter ? (detail ? 'Showing ' : '') + filter : '';
    $('as-of').textContent = view.asOf ? 'Figures as of ' + time(view.asOf, !!detail) : 'No live figures yet';
    if (detail) {
      renderCalls();
      renderResponse();
      renderAlerts();
    } else {
      renderWall();
    }
    renderBanner();
    tick();
  }

  // What a figure's colour means, in words and a symbol, or which of the three empty states it is in.
  function markFor(f) {
    if (!f) return ['mark', 'no data yet'];
    if (f.judged === 'ALERT_LEVEL') return ['verdict ' + f.status, LEVEL[f.status] || 'no calls'];
    if (f.judged === 'STANDARD') return VERDICT[f.status] ? ['verdict ' + f.status, VERDICT[f.status]] : ['mark', 'no calls'];
    return ['mark', 'no standard'];
  }

  function figureSpan(f, cls) {
    const span = el('span', cls + ' ' + (f ? f.status : 'NONE'), format(f));
    span.dataset.id = f ? f.id : '';
    span.dataset.value = f && f.value !== null ? String(f.value) : '';
    return span;
  }

  function wallCell(f, cls) {
    const d = el('div', 'cell');
    const [markCls, word] = markFor(f);
    d.append(figureSpan(f, cls), el('span', markCls, word));
    return d;
  }

  function renderWall() {
    const box = $('wall-queues');
    const cells = [el('span', 'head', 'Queue'), el('span', 'head', 'Waiting now'), el('span', 'head', 'Longest wait'),
      el('span', 'head', 'Last hour')];
    view.queues.filter(q => !only.queue || q === only.queue).forEach(q => {
      const first = q === (only.queue || view.queues[0]);
      const name = el('span', 'queue', q.replace(/_/g, ' '));
      name.dataset.queue = q;
      cells.push(name);
      cells.push(wallCell(find('CALLS_WAITING', q, 'LIVE'), first ? 'figure headline' : 'figure'));
      cells.push(wallCell(find('LONGEST_WAIT_SECONDS', q, 'LIVE'), first ? 'figure headline' : 'figure'));
      // The last hour against the queue's standard: answered within it, or the mean wait where that is the standard
      // (101, the Crime Bureau). The first queue's (999) is a headline; the others' smaller, so the wall keeps to
      // about eight figures.
      const byAnswered = trend ? trend.targets[q] !== undefined : first;
      const cell = wallCell(find(byAnswered ? 'ANSWERED_WITHIN_STANDARD' : 'MEAN_WAIT_SECONDS', q, 'PT1H'),
        first ? 'figure' : 'minor');
      if (!byAnswered) cell.insertBefore(el('span', 'mark', 'mean wait'), cell.lastElementChild);
      cells.push(cell);
    });
    box.replaceChildren(...cells);

    const response = $('wall-response');
    response.hidden = Boolean(only.queue);
    const attended = find('ATTENDED_WITHIN_STANDARD', null, 'DAY');
    const d = el('div');
    const [markCls, word] = markFor(attended);
    d.append(figureSpan(attended, 'figure'), el('span', markCls, word
      + (attended && attended.denominator !== null ? ' · of ' + Math.round(attended.denominator) : '')));
    $('wall-attended').replaceChildren(d);
    const breachesToday = attended && attended.denominator !== null ? Math.round(attended.denominator - attended.numerator) : null;
    const words = [];
    const count = (measure, label) => {
      const f = find(measure, null, 'LIVE');
      const n = el('span', 'count', f ? format(f) : NO_DATA);
      n.dataset.id = f ? f.id : '';
      words.push(n, document.createTextNode(' ' + label + ' · '));
    };
    count('INCIDENTS_AT_RISK', 'at risk');
    // Published from the first unresourced alert on (issue 16), so before that there is no figure, not a zero.
    if (find('INCIDENTS_UNRESOURCED', null, 'LIVE')) count('INCIDENTS_UNRESOURCED', 'with no unit sent');
    count('INCIDENTS_BREACHED', 'breached now');
    count('INCIDENTS_OPEN', 'open');
    words.push(el('span', 'count', breachesToday === null ? NO_DATA : String(breachesToday)),
      document.createTextNode(' breaches today'));
    $('wall-incidents').replaceChildren(...words);

    const relevant = relevantAlerts();
    const byKind = new Map();
    relevant.forEach(a => byKind.set(a.kind, (byKind.get(a.kind) || 0) + 1));
    const counts = [];
    [...byKind.entries()].forEach(([kind, n], i) => {
      if (i > 0) counts.push(document.createTextNode(' · '));
      const c = el('span', 'count', String(n));
      c.dataset.kind = kind;
      counts.push(c, document.createTextNode(' ' + kindWords(kind, n)));
    });
    if (!counts.length) counts.push(el('span', 'none', 'No active alerts'));
    $('wall-alert-counts').replaceChildren(...counts);
    const worst = relevant[0];
    const line = [];
    if (worst) {
      line.push(el('span', 'severity ' + worst.severity, worst.severity), document.createTextNode(worst.sentence || worst.kind));
      $('wall-alert-worst').dataset.alert = worst.alertId;
    }
    $('wall-alert-worst').replaceChildren(...line);
  }

  function kindWords(kind, n) {
    const words = {
      INCIDENT_AT_RISK: ['incident at risk', 'incidents at risk'],
      INCIDENT_BREACHED: ['incident breached', 'incidents breached'],
      FEED_SILENT: ['feed silent', 'feeds silent'],
    }[kind];
    const plain = kind.toLowerCase().replace(/_/g, ' ');
    return words ? words[n === 1 ? 0 : 1] : plain;
  }

  function relevantAlerts() {
    return view.alerts.filter(a => {
      if (only.queue && a.queue !== only.queue && a.kind !== 'FEED_SILENT') return false;
      if (only.lpa && a.lpa && a.lpa !== only.lpa) return false;
      return true;
    });
  }

  function renderCalls() {
    const head = el('tr');
    head.append(el('th', null, 'Queue'));
    view.lengths.forEach(l => head.append(el('th', null, 'Within standard, ' + lengthLabel(l))));
    ['Within standard, today', 'Abandoned, last hour', 'Mean wait, last hour', 'Waiting now', 'Longest wait now']
      .forEach(t => head.append(el('th', null, t)));
    $('calls-head').replaceChildren(head);
    const hour = 'PT1H';
    const rows = view.queues.filter(q => !only.queue || q === only.queue).map(q => {
      const tr = el('tr');
      tr.dataset.queue = q;
      tr.append(el('td', 'queue', q.replace(/_/g, ' ')));
      view.lengths.forEach(l => tr.append(figureCell(find('ANSWERED_WITHIN_STANDARD', q, 'PT' + durationPart(l)))));
      const today = find('ANSWERED_WITHIN_STANDARD', q, 'DAY');
      tr.append(figureCell(today, today && today.denominator !== null ? 'of ' + Math.round(today.denominator) + ' answered' : undefined));
      // A queue with no answered-within standard (101, the Crime Bureau) says so, rather than "no data yet".
      if (trend && trend.targets[q] === undefined) {
        [...tr.children].slice(1, view.lengths.length + 2).forEach(td => td.replaceChildren(el('span', 'mark', 'no standard')));
      }
      tr.append(figureCell(find('ABANDONMENT_RATE', q, hour)));
      tr.append(figureCell(find('MEAN_WAIT_SECONDS', q, hour)));
      tr.append(figureCell(find('CALLS_WAITING', q, 'LIVE')));
      tr.append(figureCell(find('LONGEST_WAIT_SECONDS', q, 'LIVE')));
      return tr;
    });
    $('calls-body').replaceChildren(...rows);
  }

  // Window lengths as the ISO durations the server names frames by: 900000 -> 15M, 3600000 -> 1H.
  function durationPart(ms) {
    const min = ms / 60000;
    return min % 60 === 0 ? (min / 60) + 'H' : min + 'M';
  }

  function renderResponse() {
    const section = $('response');
    section.hidden = Boolean(only.queue);
    if (only.queue) return;
    const tiles = [];
    const tile = (label, f, text) => {
      const d = el('div', 'tile');
      const span = el('span', 'figure ' + (f ? f.status : 'NONE'), text !== undefined ? text : format(f));
      span.dataset.id = f ? f.id : '';
      span.dataset.value = f && f.value !== null ? String(f.value) : '';
      d.append(span, el('span', 'label', label));
      if (f && VERDICT[f.status]) d.append(el('span', 'verdict ' + f.status, VERDICT[f.status]));
      return d;
    };
    const attended = find('ATTENDED_WITHIN_STANDARD', null, 'DAY');
    const breachesToday = attended && attended.denominator !== null ? Math.round(attended.denominator - attended.numerator) : null;
    tiles.push(tile('open now', find('INCIDENTS_OPEN', null, 'LIVE')));
    tiles.push(tile('at risk now', find('INCIDENTS_AT_RISK', null, 'LIVE')));
    const unresourced = find('INCIDENTS_UNRESOURCED', null, 'LIVE');
    if (unresourced) tiles.push(tile('no unit sent', unresourced));
    tiles.push(tile('breached now', find('INCIDENTS_BREACHED', null, 'LIVE')));
    const breaches = tile('breaches today', attended, breachesToday === null ? '–' : String(breachesToday));
    breaches.querySelector('.figure').className = 'figure ' + (breachesToday > 0 ? 'RED' : 'NONE');
    // Derived (attended within standard today: denominator - numerator), so it names its source rather than being one.
    breaches.querySelector('.figure').dataset.value = breachesToday === null ? '' : String(breachesToday);
    breaches.querySelector('.figure').dataset.id = '';
    breaches.querySelector('.figure').dataset.from = attended ? attended.id : '';
    breaches.querySelector('.figure').id = 'breaches-today';
    breaches.querySelector('.verdict') && breaches.querySelector('.verdict').remove();
    tiles.push(breaches);
    $('response-tiles').replaceChildren(...tiles);

    // Attended within standard today: this screen's scope first, then each LPA on the force-wide screen.
    const lpaRows = [null].concat(only.lpa ? [] : view.lpas).map(lpa => {
      const f = find('ATTENDED_WITHIN_STANDARD', null, 'DAY', lpa);
      const tr = el('tr');
      tr.dataset.lpa = lpa || '';
      tr.append(el('td', null, (lpa || (only.lpa ? 'LPA ' + only.lpa : 'Force')) + ': attended in time today'));
      tr.append(figureCell(f, f && f.denominator !== null ? 'of ' + Math.round(f.denominator) : undefined));
      return tr;
    });
    $('lpa-body').replaceChildren(...lpaRows);
    renderAtRisk();
  }

  function renderAtRisk() {
    const incidents = view.atRisk.filter(i => !only.lpa || i.lpa === only.lpa).sort((a, b) => a.deadline - b.deadline);
    const shown = incidents.slice(0, 5).map(i => {
      const li = el('li');
      li.dataset.incident = i.incidentId;
      li.dataset.deadline = String(i.deadline);
      li.dataset.lpa = i.lpa || '';
      li.append(el('span', 'place', i.incidentId + ' · ' + (i.district || 'district unknown')));
      li.append(el('span', 'countdown', ''));
      return li;
    });
    if (incidents.length > shown.length) shown.push(el('li', 'none', '+ ' + (incidents.length - shown.length) + ' more'));
    if (!shown.length) shown.push(el('li', 'none', 'None at risk'));
    $('at-risk').replaceChildren(...shown);
  }

  function renderAlerts() {
    const relevant = relevantAlerts();
    const items = relevant.map(a => {
      const li = el('li');
      li.dataset.alert = a.alertId;
      li.dataset.kind = a.kind;
      li.append(el('span', 'severity ' + a.severity, a.severity), document.createTextNode(a.sentence || a.kind));
      return li;
    });
    if (!items.length) items.push(el('li', 'none', 'No active alerts'));
    $('alert-list').replaceChildren(...items);
  }

  function renderBanner() {
    const silent = view.alerts.filter(a => a.kind === 'FEED_SILENT');
    $('banner').hidden = silent.length === 0;
    $('banner').textContent = silent.map(a => '⚠ ' + a.sentence).join('  ');
  }

  function renderTrend() {
    const box = $(detail ? 'trend-chart' : 'wall-trend-chart');
    const title = $(detail ? 'trend-title' : 'wall-trend-title');
    if (!trend) return;
    const queue = only.queue && trend.series[only.queue + (only.lpa ? '@' + only.lpa : '')] ? only.queue : '999';
    const points = trend.series[queue + (only.lpa ? '@' + only.lpa : '')] || [];
    const target = trend.targets[queue];
    title.textContent = queue + (detail ? ' answered' : '') + ' within standard, ' + lengthLabel(isoMs(trend.windowLength))
      + ', over 24 hours' + (only.lpa ? ' (' + only.lpa + ')' : '');
    box.dataset.points = String(points.length);
    box.dataset.hours = points.length ? ((points[points.length - 1][0] - points[0][0]) / 3600000).toFixed(1) : '0';
    if (points.length < 2) {
      box.replaceChildren(el('p', 'none', 'Not enough figures yet for a trend'));
      return;
    }
    const NS = 'http://www.w3.org/2000/svg';
    // Drawn at the box's own size in CSS pixels, so the labels are exactly as large as the stylesheet says.
    const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
    const W = box.clientWidth || 1000, H = box.clientHeight || 300;
    const left = 4 * rem, right = 6 * rem, top = 1.2 * rem, bottom = 2.4 * rem;
    const end = points[points.length - 1][0], start = end - 24 * 3600 * 1000;
    const values = points.map(p => p[1]).concat(target === undefined ? [] : [target]);
    const low = Math.max(0, Math.floor((Math.min(...values) - 0.05) * 10) / 10);
    const x = t => left + (t - start) / (end - start) * (W - left - right);
    const y = v => top + (1 - (v - low) / (1 - low)) * (H - top - bottom);
    const svg = document.createElementNS(NS, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + W + ' ' + H);
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', queue + ' answered within standard over the last 24 hours');
    const add = (tag, attrs, text) => {
      const n = document.createElementNS(NS, tag);
      Object.entries(attrs).forEach(([k, v]) => n.setAttribute(k, v));
      if (text !== undefined) n.textContent = text;
      svg.append(n);
      return n;
    };
    // Gridlines every 10 points, or 20 where the chart is too short for a label each.
    const step = (H - top - bottom) / ((1 - low) / 0.1) < 1.5 * rem ? 0.2 : 0.1;
    for (let v = low; v <= 1.0001; v += step) {
      add('line', { class: 'grid', x1: left, x2: W - right, y1: y(v), y2: y(v) });
      add('text', { x: left - 0.5 * rem, y: y(v) + 0.35 * rem, 'text-anchor': 'end' }, Math.round(v * 100) + '%');
    }
    for (let t = Math.ceil(start / 21600000) * 21600000; t <= end; t += 21600000) {
      add('text', { x: x(t), y: H - 0.6 * rem, 'text-anchor': 'middle' }, time(t, false));
    }
    if (target !== undefined) {
      add('line', { class: 'standard', x1: left, x2: W - right, y1: y(target), y2: y(target) });
      add('text', { x: left + 0.5 * rem, y: y(target) - 0.4 * rem }, 'standard ' + Math.round(target * 100) + '%');
    }
    add('polyline', { class: 'value', points: points.filter(p => p[0] >= start).map(p => x(p[0]).toFixed(1) + ',' + y(p[1]).toFixed(1)).join(' ') });
    const last = points[points.length - 1];
    add('text', { class: 'latest', x: W - right + 0.5 * rem, y: Math.min(H - bottom, Math.max(top + rem, y(last[1]) + 0.5 * rem)) },
      (last[1] * 100).toFixed(1) + '%');
    box.replaceChildren(svg);
  }

  function isoMs(iso) {
    const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/.exec(iso) || [];
    return (((Number(m[1] || 0) * 60) + Number(m[2] || 0)) * 60 + Number(m[3] || 0)) * 1000;
  }

  function time(epochMs, withDay) {
    const options = { timeZone: view ? view.timeZone : undefined, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
    if (withDay) Object.assign(options, { second: '2-digit', weekday: 'short', day: 'numeric', month: 'short' });
    return new Intl.DateTimeFormat('en-GB', options).format(new Date(epochMs));
  }

  function feedNow() {
    return clock.eventTime + (performance.now() - clock.at) * clock.rate;
  }

  function showState() {
    const now = performance.now();
    const staleFor = lastFigureAt === null ? null : now - lastFigureAt;
    let state, text;
    if (!connected) {
      state = view ? 'stale' : 'connecting';
      text = view ? 'STALE · connection lost, reconnecting' : 'CONNECTING';
    } else if (!view || staleFor === null || staleFor > view.staleAfterMs) {
      state = 'stale';
      text = staleFor === null ? 'STALE · no figures yet' : 'STALE · no update for ' + minutes(staleFor);
    } else {
      state = 'live';
      text = '● LIVE';
    }
    document.body.dataset.state = state;
    $('state').textContent = text;
  }

  function tick() {
    showState();
    if (view) {
      $('wall-clock').textContent = 'Clock ' + new Intl.DateTimeFormat('en-GB',
        { timeZone: view.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date());
    }
    if (!clock) return;
    const now = feedNow();
    document.querySelectorAll('#at-risk li[data-deadline]').forEach(li => {
      const left = Number(li.dataset.deadline) - now;
      const countdown = li.querySelector('.countdown');
      countdown.textContent = left >= 0 ? minutes(left) + ' left' : '+' + minutes(left) + ' over';
      countdown.className = 'countdown ' + (left >= 0 ? 'AMBER' : 'RED');
    });
  }

  // A rotation over the force and its LPAs, on one stream: only the filter changes.
  function rotate() {
    if (!view) return;
    const scopes = [null].concat(view.lpas);
    rotation = (rotation + 1) % scopes.length;
    only.lpa = scopes[rotation];
    document.body.dataset.rotation = only.lpa || '';
    render();
    renderTrend();
  }

  window.addEventListener('resize', renderTrend);
  // The chart is drawn at its box's size in CSS pixels; the box changes as the figures around it fill in.
  if (window.ResizeObserver) {
    let drawn = '';
    const observer = new ResizeObserver(entries => {
      const r = entries[0].contentRect;
      const size = Math.round(r.width) + 'x' + Math.round(r.height);
      if (size !== drawn) { drawn = size; renderTrend(); }
    });
    observer.observe($('wall-trend-chart'));
    observer.observe($('trend-chart'));
  }
  setInterval(tick, 250);
  if (rotateMs > 0) setInterval(rotate, Math.max(5000, rotateMs));
  connect();
})();

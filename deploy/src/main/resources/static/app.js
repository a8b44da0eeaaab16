// The tracker's web page: reads the same REST API a client uses. Data is inserted as text, never as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  let credentials = sessionStorage.getItem('stpgov.credentials');

  async function api(path) {
    const response = await fetch(path, {
      headers: { Authorization: 'Basic ' + credentials, 'X-Requested-With': 'XMLHttpRequest' } });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (ignored) { /* not JSON */ }
      const error = new Error(detail);
      error.status = response.status;
      throw error;
    }
    return response;
  }

  function cell(row, content) {
    const td = document.createElement('td');
    td.className = 'govuk-table__cell';
    if (Array.isArray(content)) {
      if (content.length) {
        const list = document.createElement('ul');
        content.forEach((item) => {
          const li = document.createElement('li');
          li.textContent = item.text;
          if (item.className) { li.className = item.className; }
          list.appendChild(li);
        });
        td.appendChild(list);
      }
    } else {
      td.textContent = content == null ? '' : String(content);
    }
    row.appendChild(td);
    return td;
  }

  function holder(h) {
    return { text: h.odsCode + ' ' + h.post + (h.personName ? ' (' + h.personName + ')' : '')
        + (h.accepted ? '' : ', not accepted') + (h.joint ? ', joint' : '') };
  }

  function asOfParam() {
    const value = $('as-of').value;
    return value ? 'asOf=' + encodeURIComponent(new Date(value).toISOString()) : '';
  }

  function query(path) {
    const asOf = asOfParam();
    return path + (asOf ? (path.includes('?') ? '&' : '?') + asOf : '');
  }

  function fill(tableId, rows, render) {
    const body = document.querySelector('#' + tableId + ' tbody');
    body.replaceChildren();
    rows.forEach((item) => {
      const row = document.createElement('tr');
      row.className = 'govuk-table__row';
      render(row, item);
      body.appendChild(row);
    });
  }

  async function show() {
    const pid = $('partnership').value;
    if (!pid) { return; }
    try {
      $('error').hidden = true;
      const base = '/api/partnerships/' + encodeURIComponent(pid);
      const [map, gaps, decisions] = await Promise.all([
        api(query(base + '/accountability-map')).then((r) => r.json()),
        api(query(base + '/gaps')).then((r) => r.json()),
        api(query(base + '/decisions')).then((r) => r.json())]);
      $('gap-count').textContent = gaps.length;
      fill('gaps', gaps, (row, g) => {
        cell(row, g.kind);
        cell(row, (g.subject.title || g.subject.ref) + ' (' + g.subject.type + ')');
        cell(row, g.detail);
        cell(row, g.since);
      });
      fill('map', map.subjects, (row, s) => {
        if (s.gaps.length) { row.classList.add('gap-row'); }
        cell(row, (s.subject.title || s.subject.ref) + ' (' + s.subject.type + ')');
        cell(row, s.accountable.map(holder).concat(s.pending.filter((p) => p.role === 'ACCOUNTABLE')
            .map((p) => ({ text: holder(p).text + ', from ' + p.effectiveFrom, className: 'holder-pending' }))));
        cell(row, s.responsible.map(holder));
        cell(row, s.consulted.map(holder));
        cell(row, s.informed.map(holder));
        cell(row, s.gaps.map((g) => ({ text: g.kind })));
      });
      fill('decisions', decisions, (row, d) => {
        cell(row, d.decidedOn);
        cell(row, d.title);
        cell(row, d.theme);
        cell(row, d.outcome);
        cell(row, d.status + (d.supersededBy ? ' by ' + d.supersededBy.substring(0, 8) : ''));
        cell(row, d.decidingOdsCodes.join(', '));
        cell(row, d.awaitingRatification.join(', '));
      });
    } catch (error) {
      $('error').textContent = error.message;
      $('error').hidden = false;
    }
  }

  async function download(suffix) {
    const pid = $('partnership').value;
    const response = await api(query('/api/partnerships/' + encodeURIComponent(pid) + suffix));
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = pid + suffix.replace('/', '-').replace('.csv', '') + '.csv';
    link.click();
  }

  async function start() {
    const partnerships = await api('/api/partnerships').then((r) => r.json());
    $('sign-in').hidden = true;
    $('tracker').hidden = false;
    $('who').textContent = atob(credentials).split(':')[0];
    const select = $('partnership');
    select.replaceChildren();
    partnerships.forEach((p) => {
      const option = document.createElement('option');
      option.value = p.id;
      option.textContent = p.name + ' (' + p.region + ')';
      select.appendChild(option);
    });
    await show();
  }

  $('sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    credentials = btoa(unescape(encodeURIComponent($('username').value + ':' + $('password').value)));
    try {
      await start();
      sessionStorage.setItem('stpgov.credentials', credentials);
      $('sign-in-error').hidden = true;
    } catch (error) {
      $('sign-in-error').textContent = error.status === 401 ? 'Wrong username or password' : error.message;
      $('sign-in-error').hidden = false;
    }
  });
  $('sign-out').addEventListener('click', (event) => {
    event.preventDefault();
    sessionStorage.removeItem('stpgov.credentials');
    location.reload();
  });
  $('partnership').addEventListener('change', show);
  $('refresh').addEventListener('click', show);
  $('map-csv').addEventListener('click', (event) => { event.preventDefault(); download('/accountability-map.csv'); });
  $('decisions-csv').addEventListener('click', (event) => { event.preventDefault(); download('/decisions.csv'); });
  if (credentials) { start().catch(() => sessionStorage.removeItem('stpgov.credentials')); }
}());

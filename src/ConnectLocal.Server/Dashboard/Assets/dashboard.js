// ConnectLocal dashboard (docs/dashboard.md): the live numbers (server-sent events) and the controls. No framework,
// nothing loaded from elsewhere. Requests that change something carry X-ConnectLocal-UI: 1 (the server refuses others).
'use strict';

const escapeHtml = (text) => String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));

function slots(channel) {
  if (!channel) return '<span class="muted">—</span>';
  let boxes = '';
  for (let i = 0; i < channel.max; i++) boxes += `<span class="slot${i < channel.active ? ' used' : ''}"></span>`;
  return `<span class="slots" data-active="${channel.active}" data-max="${channel.max}">${boxes}</span> ${channel.active}/${channel.max}`;
}

function renderLive(data) {
  const regions = document.getElementById('live-regions');
  const agents = document.querySelector('#live-agents tbody');
  if (!data) { regions.innerHTML = '<p class="empty">The instance no longer exists.</p>'; agents.innerHTML = ''; return; }
  regions.innerHTML = data.regions.map((r) => `
    <h3>${escapeHtml(r.region)}</h3>
    <table class="live-queues" data-region="${escapeHtml(r.region)}"><thead><tr><th>Queue</th><th>Contacts waiting</th><th>Oldest contact (s)</th>
    <th>Agents available</th><th>Agents on contact</th><th>Agents online</th></tr></thead><tbody>
    ${r.queues.map((q) => `<tr data-queue="${escapeHtml(q.id)}"><td>${escapeHtml(q.name)}${data.regions.length > 1 ? ` <span class="muted">(${escapeHtml(q.record)} record)</span>` : ''}</td>
      <td class="num" data-metric="CONTACTS_IN_QUEUE">${q.CONTACTS_IN_QUEUE}</td><td class="num" data-metric="OLDEST_CONTACT_AGE">${q.OLDEST_CONTACT_AGE}</td>
      <td class="num" data-metric="AGENTS_AVAILABLE">${q.AGENTS_AVAILABLE}</td><td class="num" data-metric="AGENTS_ON_CONTACT">${q.AGENTS_ON_CONTACT}</td>
      <td class="num" data-metric="AGENTS_ONLINE">${q.AGENTS_ONLINE}</td></tr>`).join('')}
    </tbody></table>`).join('');
  agents.innerHTML = data.agents.map((a) => `<tr data-agent="${escapeHtml(a.id)}" data-username="${escapeHtml(a.username)}">
    <td><a href="#user-${escapeHtml(a.id)}">${escapeHtml(a.username)}</a></td><td data-field="region">${escapeHtml(a.region ?? 'signed in nowhere')}</td>
    <td data-field="status">${escapeHtml(a.status ?? '—')}</td>
    ${['VOICE', 'CHAT', 'TASK', 'EMAIL'].map((c) => `<td data-channel="${c}">${slots(a.slots[c])}</td>`).join('')}</tr>`).join('');
  renderContacts(data.contacts ?? []);
  (data.groups ?? []).forEach(renderGroup);
}

const clock = (iso) => (iso ? String(iso).slice(11, 19) : '—');

function renderContacts(contacts) {
  const table = document.getElementById('live-contacts');
  if (!table) return;
  const base = table.dataset.base;
  table.querySelector('tbody').innerHTML = contacts.length === 0
    ? '<tr><td colspan="8" class="empty">No contact yet.</td></tr>'
    : contacts.map((c) => `<tr data-contact="${escapeHtml(c.id)}" data-state="${escapeHtml(c.state)}">
      <td><a href="${escapeHtml(base + encodeURIComponent(c.id))}"><code>${escapeHtml(c.id)}</code></a></td><td>${escapeHtml(c.channel)}</td>
      <td data-field="state">${escapeHtml(c.state)}</td><td>${escapeHtml(c.region)}</td><td>${escapeHtml(c.queue ?? '—')}</td>
      <td>${escapeHtml(c.agent ?? '—')}</td><td>${clock(c.since)}</td>
      <td>${c.flowLog ? `<a href="${escapeHtml(base + encodeURIComponent(c.id))}#flow-log">flow log</a>` : '<span class="muted">—</span>'}</td></tr>`).join('');
}

// A traffic distribution group as the server last sampled it: status, telephony and agent bars, sign-in.
function renderGroup(g) {
  const box = document.querySelector(`.group[data-group="${CSS.escape(g.id)}"]`);
  if (!box) return;
  const status = box.querySelector('.group-status');
  if (status) status.textContent = g.status;
  box.dataset.status = g.status;
  for (const [kind, shares] of [['telephony', g.telephony], ['agents', g.agents]]) {
    for (const [region, percentage] of Object.entries(shares ?? {})) {
      const share = box.querySelector(`.split[data-kind="${kind}"] .share[data-region="${CSS.escape(region)}"]`);
      if (share && share.dataset.percentage !== String(percentage)) {
        share.style.width = `${percentage}%`;
        share.dataset.percentage = String(percentage);
        share.title = `${region} ${percentage} %`;
        share.textContent = percentage > 0 ? `${region} ${percentage} %` : '';
      }
    }
  }
  const input = box.querySelector('input.percent');
  const first = box.dataset.regions.split(',')[0];
  if (input && document.activeElement !== input && g.telephony && first in g.telephony) input.value = g.telephony[first];
  for (const [region, enabled] of Object.entries(g.signIn ?? {})) {
    const label = box.querySelector(`.split[data-kind="sign-in"] .signin[data-region="${CSS.escape(region)}"]`);
    if (label) { label.className = `signin ${enabled ? 'on' : 'off'}`; label.textContent = `${region}: ${enabled ? 'enabled' : 'disabled'}`; }
  }
}

// A contact's page: the server pushes its state and flow log (HTML it rendered); the actions run are marked on the graphs.
function markVisited() {
  document.querySelectorAll('.graph[data-flow] g.action.visited').forEach((g) => g.classList.remove('visited'));
  document.querySelectorAll('table.flow-log tr[data-action]').forEach((row) => {
    const graph = document.querySelector(`.graph[data-flow="${CSS.escape(row.dataset.flow)}"]`);
    graph?.querySelector(`g.action[data-action="${CSS.escape(row.dataset.action)}"]`)?.classList.add('visited');
  });
}

function startContact(section) {
  const state = document.getElementById('live-state');
  markVisited();
  const source = new EventSource(section.dataset.contactLive);
  source.onopen = () => { state.textContent = 'live'; state.classList.add('on'); };
  source.onerror = () => { state.textContent = 'reconnecting…'; state.classList.remove('on'); };
  source.onmessage = (event) => {
    const html = JSON.parse(event.data);
    if (html === null) { state.textContent = 'forgotten by the server'; source.close(); return; }
    section.innerHTML = html;
    section.dataset.updated = String(Date.now());
    markVisited();
  };
}

function startLive(section) {
  const state = document.getElementById('live-state');
  const source = new EventSource(section.dataset.live);
  source.onopen = () => { state.textContent = 'live'; state.classList.add('on'); };
  source.onerror = () => { state.textContent = 'reconnecting…'; state.classList.remove('on'); };
  source.onmessage = (event) => { renderLive(JSON.parse(event.data)); section.dataset.updated = String(Date.now()); };
}

async function send(url, body, contentType = 'application/json') {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': contentType, 'X-ConnectLocal-UI': '1' }, body, credentials: 'same-origin' });
}

function setupGroup(group) {
  const regions = group.dataset.regions.split(',');
  const result = group.querySelector('.result');
  const apply = async (percentages) => {
    result.textContent = 'UpdateTrafficDistribution…';
    const body = JSON.stringify({ TelephonyConfig: { Distributions: regions.map((r) => ({ Region: r, Percentage: percentages[r] })) } });
    const response = await send(group.dataset.control, body);
    const requestId = response.headers.get('x-amzn-RequestId');
    if (response.ok) {
      result.textContent = `done (request ${requestId})`;
      result.dataset.outcome = 'ok';
      regions.forEach((r) => {
        const share = group.querySelector(`.split[data-kind="telephony"] .share[data-region="${r}"]`);
        if (share) { share.style.width = `${percentages[r]}%`; share.dataset.percentage = percentages[r]; share.textContent = percentages[r] > 0 ? `${r} ${percentages[r]} %` : ''; }
      });
    } else {
      const error = await response.json().catch(() => ({}));
      result.textContent = `${response.headers.get('x-amzn-ErrorType') ?? response.status}: ${error.message ?? error.Message ?? ''}`;
      result.dataset.outcome = 'error';
    }
  };
  group.querySelectorAll('button.shift').forEach((button) => button.addEventListener('click', () =>
    apply(Object.fromEntries(regions.map((r) => [r, r === button.dataset.region ? 100 : 0])))));
  group.querySelector('button.apply').addEventListener('click', () => {
    const first = Math.max(0, Math.min(100, Number(group.querySelector('input.percent').value) || 0));
    apply(Object.fromEntries(regions.map((r, i) => [r, i === 0 ? first : 100 - first])));
  });
}

function setupSimulation(form) {
  const result = form.querySelector('.result');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const example = form.elements.example.value;
    const file = form.elements.file.files[0];
    let response;
    result.textContent = 'running…';
    if (file) {
      response = await send(`${form.dataset.run}?name=${encodeURIComponent(file.name)}`, await file.text(), 'text/plain');
    } else if (example) {
      response = await send(`${form.dataset.run}?example=${encodeURIComponent(example)}`, '', 'text/plain');
    } else {
      result.textContent = 'choose an example or a file';
      return;
    }
    document.getElementById('report').innerHTML = await response.text();
    result.textContent = response.ok ? 'done' : 'failed';
  });
}

document.querySelectorAll('[data-live]').forEach(startLive);
document.querySelectorAll('[data-contact-live]').forEach(startContact);
document.querySelectorAll('.group[data-control]').forEach(setupGroup);
document.querySelectorAll('form#simulate').forEach(setupSimulation);

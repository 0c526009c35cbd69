/*
 * The redis-events console: reads the console's JSON every few seconds and renders it,
 * without reloading the page. Every action is confirmed in a dialog and reported.
 */
(() => {
	'use strict';

	const REFRESH_MS = 5000;
	const body = document.body;
	const base = body.dataset.base;
	const readOnly = body.dataset.readOnly === 'true';
	const canAct = body.dataset.canAct === 'true' && !readOnly;
	const csrfHeader = body.dataset.csrfHeader;
	const csrfToken = body.dataset.csrfToken;
	const view = document.getElementById('view');

	const STATES = {
		RUNNING: ['ok', '▶'],
		PAUSED: ['warn', '⏸'],
		STARTING: ['idle', '…'],
		STOPPING: ['idle', '…'],
		STOPPED: ['bad', '■'],
	};

	let timer = null;
	let busy = false;
	const selected = new Set();
	const openDetails = new Set();
	let search = '';

	/** Build an element: h('td', {class: 'num'}, 'text', child, ...). */
	function h(tag, attrs, ...children) {
		const element = document.createElement(tag);
		for (const [name, value] of Object.entries(attrs || {})) {
			if (value === null || value === undefined || value === false) {
				continue;
			}
			if (name.startsWith('on')) {
				element.addEventListener(name.substring(2), value);
			}
			else if (name === 'dataset') {
				Object.assign(element.dataset, value);
			}
			else {
				element.setAttribute(name, value === true ? '' : value);
			}
		}
		for (const child of children.flat(Infinity)) {
			if (child !== null && child !== undefined && child !== false) {
				element.append(child instanceof Node ? child : String(child));
			}
		}
		return element;
	}

	async function api(path, payload) {
		const init = { headers: { Accept: 'application/json' }, credentials: 'same-origin' };
		if (payload) {
			init.method = 'POST';
			init.headers['Content-Type'] = 'application/json';
			if (csrfHeader) {
				init.headers[csrfHeader] = csrfToken;
			}
			init.body = JSON.stringify(payload);
		}
		let response;
		try {
			response = await fetch(base + path, init);
		}
		catch (ex) {
			throw new Error('The application cannot be reached (' + ex.message + ')');
		}
		const type = response.headers.get('Content-Type') || '';
		const data = type.includes('json') ? await response.json().catch(() => null) : null;
		if (!response.ok) {
			const reason = (data && (data.error || data.message)) || (response.status + ' ' + response.statusText);
			throw new Error(response.status === 401 || response.status === 403
				? reason : 'Request failed: ' + reason);
		}
		if (data === null) {
			throw new Error('Signed out or session expired: reload the page to sign in again');
		}
		return data;
	}

	function showBanner(message) {
		const banner = document.getElementById('banner');
		banner.hidden = !message;
		banner.textContent = message ? '✗ ' + message : '';
	}

	function showNotice(message, refused) {
		const notice = document.getElementById('notice');
		notice.hidden = false;
		notice.classList.toggle('refused', Boolean(refused));
		notice.textContent = (refused ? '✗ ' : '✓ ') + message;
	}

	function confirmAction(title, text, label) {
		const dialog = document.getElementById('confirm');
		document.getElementById('confirm-title').textContent = title;
		document.getElementById('confirm-text').textContent = text;
		const ok = document.getElementById('confirm-ok');
		const cancel = document.getElementById('confirm-cancel');
		ok.textContent = label;
		return new Promise((resolve) => {
			const done = (answer) => {
				ok.onclick = null;
				cancel.onclick = null;
				dialog.onclose = null;
				if (dialog.open) {
					dialog.close();
				}
				resolve(answer);
			};
			ok.onclick = () => done(true);
			cancel.onclick = () => done(false);
			dialog.onclose = () => done(false);
			dialog.showModal();
			cancel.focus();
		});
	}

	async function act(title, text, label, path, payload) {
		if (!(await confirmAction(title, text, label))) {
			return;
		}
		busy = true;
		try {
			const result = await api(path, payload);
			showNotice(result.message, false);
		}
		catch (ex) {
			showNotice(ex.message, true);
		}
		finally {
			busy = false;
			refresh();
		}
	}

	/* Formatting */

	function count(value) {
		return (value === null || value === undefined) ? '–' : Number(value).toLocaleString('en');
	}

	function duration(ms) {
		if (ms === null || ms === undefined) {
			return '–';
		}
		if (ms < 1000) {
			return Math.round(ms) + ' ms';
		}
		const s = Math.floor(ms / 1000);
		if (s < 60) {
			return s + ' s';
		}
		if (s < 3600) {
			return Math.floor(s / 60) + ' min ' + (s % 60) + ' s';
		}
		return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
	}

	function time(epochMs) {
		return epochMs ? new Date(epochMs).toLocaleString('en-GB') : '–';
	}

	function stateBadge(state) {
		const [kind, icon] = STATES[state] || ['idle', '?'];
		return h('span', { class: 'badge ' + kind, dataset: { state } }, icon + ' ' + state);
	}

	function deadLetterBadge(countValue) {
		if (countValue === null || countValue === undefined) {
			return h('span', { class: 'badge idle' }, '? unknown');
		}
		return countValue > 0
			? h('span', { class: 'badge bad', dataset: { deadLetters: countValue } }, '⚠ ' + count(countValue))
			: h('span', { class: 'badge ok', dataset: { deadLetters: 0 } }, '✓ 0');
	}

	function sparkline(values, unit, label) {
		const points = (values || []).map((v) => (v === null ? null : Number(v)));
		const known = points.filter((v) => v !== null);
		if (known.length === 0) {
			return h('span', { class: 'muted small' }, 'collecting…');
		}
		const max = Math.max(...known, 1e-9);
		// the newest sample at the right edge; at least a minute's width of samples
		const step = 92 / Math.max(points.length - 1, 11);
		const coordinates = [];
		points.forEach((v, i) => {
			if (v !== null) {
				coordinates.push([92 - (points.length - 1 - i) * step, 22 - (v / max) * 20]);
			}
		});
		const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
		svg.setAttribute('viewBox', '0 0 96 24');
		svg.setAttribute('role', 'img');
		const last = known[known.length - 1];
		const text = (last < 10 ? last.toFixed(1) : Math.round(last)) + ' ' + unit;
		svg.setAttribute('aria-label', label + ', latest ' + text + ', highest ' + max.toFixed(1) + ' ' + unit);
		const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
		line.setAttribute('points', coordinates.map(([x, y]) => x.toFixed(1) + ',' + y.toFixed(1)).join(' '));
		const dot = document.createElementNS('http://www.w3.org/2000/svg', 'circle');
		const [lastX, lastY] = coordinates[coordinates.length - 1];
		dot.setAttribute('cx', lastX.toFixed(1));
		dot.setAttribute('cy', lastY.toFixed(1));
		dot.setAttribute('r', '2');
		svg.append(line, dot);
		return h('span', { class: 'spark' }, svg, h('span', { class: 'small' }, text));
	}

	function table(headers, rows, attrs) {
		return h('div', { class: 'table-wrap' },
			h('table', Object.assign({ class: 'stack' }, attrs || {}),
				h('thead', {}, h('tr', {}, headers.map(([label, cls]) => h('th', { class: cls, scope: 'col' }, label)))),
				h('tbody', {}, rows)));
	}

	function cell(label, content, cls) {
		return h('td', { 'data-label': label, class: cls }, content);
	}

	function groupsTable(groups) {
		if (!groups.length) {
			return h('p', { class: 'muted' }, 'No consumer groups yet.');
		}
		return table([['Group'], ['Consumers', 'num'], ['Pending', 'num'], ['Lag', 'num'],
			['Oldest pending idle', 'num'], ['Last delivered']],
		groups.map((g) => h('tr', { dataset: { group: g.name } },
			cell('Group', [g.name, g.handled ? null : h('span', { class: 'muted small' }, ' (not this app)')]),
			cell('Consumers', count(g.consumers), 'num'),
			cell('Pending', count(g.pending), 'num'),
			cell('Lag', count(g.lag), 'num'),
			cell('Oldest pending idle', duration(g.oldestPendingIdleMs), 'num'),
			cell('Last delivered', h('code', {}, g.lastDeliveredId)))), { class: 'stack groups' });
	}

	function handlerActions(handler) {
		if (!canAct) {
			return null;
		}
		const button = (action, label, danger) => h('button', {
			type: 'button',
			class: danger ? 'danger' : null,
			dataset: { action, handler: handler.id },
			onclick: () => act(label + ' handler ' + handler.id + '?',
				describeHandlerAction(action, handler.id), label,
				'/api/handlers/' + encodeURIComponent(handler.id), { action }),
		}, label);
		const buttons = [];
		if (handler.state === 'RUNNING') {
			buttons.push(button('pause', 'Pause'));
		}
		if (handler.state === 'PAUSED') {
			buttons.push(button('resume', 'Resume'));
		}
		if (handler.state === 'STOPPED') {
			buttons.push(button('start', 'Start'));
		}
		else {
			buttons.push(button('stop', 'Stop', true));
		}
		return h('div', { class: 'actions' }, buttons);
	}

	function describeHandlerAction(action, id) {
		switch (action) {
			case 'pause': return 'Handler ' + id + ' stops fetching entries. Running entries finish and keep their leases.';
			case 'resume': return 'Handler ' + id + ' fetches entries again.';
			case 'stop': return 'Handler ' + id + ' stops: running entries finish, the rest stays pending for other consumers.';
			default: return 'Handler ' + id + ' starts fetching entries.';
		}
	}

	/** For an ordered handler: its partition key, and which partitions this application owns. */
	function orderedNote(handler) {
		if (!handler.ordered) {
			return null;
		}
		const partitions = Object.entries(handler.partitionOwnership || {});
		const owned = partitions.filter(([, isOwned]) => isOwned).map(([name]) => name);
		return h('div', { class: 'small ordered', dataset: { ordered: handler.partitionKey || '' } },
			'ordered by ', h('code', {}, handler.partitionKey || '?'),
			partitions.length ? h('span', {
				class: 'muted',
				dataset: { owned: owned.length, partitions: partitions.length },
				title: owned.length ? 'Owned here: ' + owned.join(', ') : 'Other consumers own every partition',
			}, ' · owns ' + owned.length + ' of ' + partitions.length
				+ (partitions.length === 1 ? ' partition' : ' partitions')) : null);
	}

	function handlersTable(handlers, overview) {
		const headers = [['Handler'], ['State'], ['In flight', 'num'], ['Processed', 'num'], ['Failed', 'num'],
			['Retried', 'num'], ['Dead-lettered', 'num'], ['Processed/s'], ['Wait time']];
		if (canAct) {
			headers.push(['Actions']);
		}
		return table(headers, handlers.map((handler) => {
			const series = overview.series[handler.id] || { processedPerSecond: [], waitMillis: [] };
			let wait;
			if (!overview.metersKept) {
				wait = h('span', { class: 'muted small' }, 'no meters');
			}
			else if (!overview.waitTimeMeasured) {
				wait = h('span', { class: 'muted small', title: 'The application records no redis.stream.message.wait timer' }, 'not measured');
			}
			else {
				wait = sparkline(series.waitMillis, 'ms', 'Mean wait before handling');
			}
			return h('tr', { dataset: { handler: handler.id } },
				cell('Handler', h('div', {}, h('b', {}, handler.id),
					h('span', { class: 'muted small' }, ' group ' + handler.group), orderedNote(handler))),
				cell('State', stateBadge(handler.state)),
				cell('In flight', count(handler.inFlight) + ' / ' + handler.concurrency, 'num'),
				cell('Processed', count(handler.processed), 'num'),
				cell('Failed', count(handler.failed), 'num'),
				cell('Retried', count(handler.retried), 'num'),
				cell('Dead-lettered', count(handler.deadLettered), 'num'),
				cell('Processed/s', overview.metersKept
					? sparkline(series.processedPerSecond, '/s', 'Entries processed per second')
					: h('span', { class: 'muted small' }, 'no meters')),
				cell('Wait time', wait, 'wait'),
				canAct ? cell('Actions', handlerActions(handler)) : null);
		}), { class: 'stack handlers' });
	}

	/* Overview */

	function renderOverview(overview) {
		setCrumbs([]);
		const cards = overview.streams.map((stream) => {
			const handlers = overview.handlers.filter((handler) => handler.stream === stream.name);
			const facts = stream.error
				? h('p', { class: 'banner', role: 'alert' }, '✗ ' + stream.error)
				: h('ul', { class: 'facts' },
					h('li', {}, 'Length ', h('b', {}, count(stream.length))),
					h('li', {}, 'Entries added ', h('b', {}, count(stream.entriesAdded))),
					h('li', {}, 'Dead letters ', deadLetterBadge(stream.deadLetterLength)));
			return h('section', { class: 'card stream', dataset: { stream: stream.name } },
				h('h2', {}, h('a', { href: '#/streams/' + encodeURIComponent(stream.name) }, stream.name),
					h('span', { class: 'muted small' }, ' ', h('code', {}, stream.key))),
				facts,
				h('h3', {}, 'Consumer groups'),
				stream.error ? h('p', { class: 'muted' }, 'Unknown while Redis cannot be reached.') : groupsTable(stream.groups),
				h('h3', {}, 'Handlers'),
				handlersTable(handlers, overview),
				h('p', { class: 'note' }, 'Sparklines: the last ' + Math.round((overview.sampleSeconds || 5) * 60 / 60)
					+ ' minutes at most, one point every ' + (overview.sampleSeconds || 5) + ' s, from this application\'s meters.'
					+ (overview.metersKept && !overview.waitTimeMeasured ? ' Wait time is not measured: the application records no redis.stream.message.wait timer.' : '')),
				h('p', {}, h('a', { href: '#/streams/' + encodeURIComponent(stream.name), class: 'open-stream' },
					'Pending entries and dead letters of ' + stream.name + ' →')));
		});
		const streamErrors = overview.streams.filter((stream) => stream.error);
		showBanner(streamErrors.length ? streamErrors[0].error : null);
		view.replaceChildren(...(cards.length ? cards : [h('p', { class: 'muted' }, 'No handlers in this application.')]));
	}

	/* Stream page */

	function matches(letter) {
		if (!search) {
			return true;
		}
		const needle = search.trim();
		return letter.id.includes(needle) || String(letter.metadata.originalId || '').includes(needle);
	}

	function letterRow(stream, letter) {
		const meta = letter.metadata || {};
		const key = letter.id;
		const details = h('details', {
			dataset: { details: key },
			open: openDetails.has(key),
			ontoggle: (event) => (event.target.open ? openDetails.add(key) : openDetails.delete(key)),
		}, h('summary', {}, '_dlqMetadata and payload'),
		h('pre', { class: 'metadata' }, JSON.stringify(meta, null, 2)),
		stream.payloadsShown
			? h('pre', { class: 'payload' }, JSON.stringify(letter.payload, null, 2))
			: h('p', { class: 'muted small' }, 'Payload hidden: set redis-events.console.show-payloads=true (or redis-events.actuator.show-payloads=true) to show it.'));
		const actions = canAct ? h('div', { class: 'actions' },
			h('button', { type: 'button', dataset: { action: 'redrive-one', letter: key },
				onclick: () => act('Redrive dead letter ' + key + '?', 'It goes back into ' + stream.name + ' without its _dlqMetadata, and every group processes it again.', 'Redrive',
					'/api/streams/' + encodeURIComponent(stream.name), { action: 'redrive', ids: [key] }) }, 'Redrive'),
			h('button', { type: 'button', class: 'danger', dataset: { action: 'delete-one', letter: key },
				onclick: () => act('Delete dead letter ' + key + '?', 'It is removed for good.', 'Delete',
					'/api/streams/' + encodeURIComponent(stream.name), { action: 'delete', ids: [key] }) }, 'Delete')) : null;
		const columns = canAct ? 8 : 6;
		return [h('tr', { dataset: { letter: key, originalId: meta.originalId || '' } },
			canAct ? cell('Select', h('input', {
				type: 'checkbox', 'aria-label': 'Select dead letter ' + key, checked: selected.has(key),
				onchange: (event) => { (event.target.checked ? selected.add(key) : selected.delete(key)); updateSelection(); },
			})) : null,
			cell('Dead letter', h('code', {}, key)),
			cell('Original', h('code', {}, meta.originalId || '–')),
			cell('Attempts', count(meta.attempts), 'num'),
			cell('Group', meta.consumerGroup || '–'),
			cell('Failed at', time(meta.timestamp)),
			cell('Error', h('span', { class: 'error-text' }, meta.error || '–'), 'wide'),
			actions ? cell('Actions', actions) : null),
		h('tr', { class: 'letter-details', dataset: { detailsOf: key } },
			h('td', { colspan: columns, class: 'wide' }, details))];
	}

	function updateSelection() {
		document.querySelectorAll('[data-needs-selection]').forEach((button) => {
			button.disabled = selected.size === 0;
			button.textContent = button.dataset.label + ' (' + selected.size + ')';
		});
	}

	function deadLetterSection(stream) {
		const path = '/api/streams/' + encodeURIComponent(stream.name);
		const visibleIds = new Set();
		stream.deadLetterGroups.forEach((group) => group.letters.forEach((letter) => visibleIds.add(letter.id)));
		for (const id of [...selected]) {
			if (!visibleIds.has(id)) {
				selected.delete(id);
			}
		}
		const searchBox = h('input', {
			type: 'search', id: 'dlq-search', placeholder: 'Search by dead-letter id or original id',
			'aria-label': 'Search dead letters by dead-letter id or original id', value: search,
			oninput: (event) => { search = event.target.value; renderLetters(); },
		});
		const toolbar = h('div', { class: 'toolbar' }, searchBox,
			canAct ? [
				h('button', { type: 'button', dataset: { action: 'redrive-selected', needsSelection: '', label: 'Redrive selected' },
					onclick: () => act('Redrive ' + selected.size + ' dead letters?', 'They go back into ' + stream.name + ' and every group processes them again.', 'Redrive',
						path, { action: 'redrive', ids: [...selected] }).then(() => selected.clear()) }, 'Redrive selected'),
				h('button', { type: 'button', class: 'danger', dataset: { action: 'delete-selected', needsSelection: '', label: 'Delete selected' },
					onclick: () => act('Delete ' + selected.size + ' dead letters?', 'They are removed for good.', 'Delete',
						path, { action: 'delete', ids: [...selected] }).then(() => selected.clear()) }, 'Delete selected'),
				h('button', { type: 'button', dataset: { action: 'redrive-all' }, disabled: stream.deadLetterLength === 0,
					onclick: () => act('Redrive all ' + stream.deadLetterLength + ' dead letters of ' + stream.name + '?',
						'Every dead letter goes back into ' + stream.name + ' and every group processes it again.', 'Redrive all',
						path, { action: 'redrive', all: true }) }, 'Redrive all'),
				h('button', { type: 'button', class: 'danger', dataset: { action: 'delete-all' }, disabled: stream.deadLetterLength === 0,
					onclick: () => act('Delete all ' + stream.deadLetterLength + ' dead letters of ' + stream.name + '?',
						'Every dead letter is removed for good.', 'Delete all',
						path, { action: 'delete', all: true }) }, 'Delete all'),
			] : null);
		const letters = h('div', { id: 'dlq-groups' });
		function renderLetters() {
			const groups = stream.deadLetterGroups.map((group) => {
				const shown = group.letters.filter(matches);
				if (!shown.length) {
					return null;
				}
				const headers = [['Dead letter'], ['Original'], ['Attempts', 'num'], ['Group'], ['Failed at'], ['Error']];
				if (canAct) {
					headers.unshift(['Select']);
					headers.push(['Actions']);
				}
				return h('section', { class: 'dlq-group', dataset: { cause: group.id, errorType: group.errorType || '' } },
					h('header', {},
						h('span', { class: 'badge bad' }, '⚠ ' + group.letters.length),
						h('span', { class: 'cause' }, group.errorType || 'unknown error type'),
						h('span', { class: 'fingerprint' }, group.fingerprint)),
					table(headers, shown.map((letter) => letterRow(stream, letter)), { class: 'stack letters' }));
			}).filter(Boolean);
			letters.replaceChildren(...(groups.length ? groups
				: [h('p', { class: 'muted' }, search ? 'No dead letter matches “' + search + '”.' : 'No dead letters.')]));
			updateSelection();
		}
		renderLetters();
		const shownNote = stream.deadLetterLength > stream.deadLettersShown
			? 'Grouped and searchable: the newest ' + count(stream.deadLettersShown) + ' of ' + count(stream.deadLetterLength) + '.'
			: null;
		return h('section', { class: 'card', id: 'dead-letters' },
			h('h2', {}, 'Dead letters ', deadLetterBadge(stream.deadLetterLength)),
			h('p', { class: 'note' }, 'Grouped by error type and message (ids and numbers masked), the most frequent cause first. ', shownNote),
			toolbar, letters);
	}

	function renderStream(stream) {
		setCrumbs([stream.name]);
		const focused = document.activeElement && document.activeElement.id === 'dlq-search';
		const caret = focused ? document.activeElement.selectionStart : null;
		const pending = stream.pendingEntries.length
			? table([['Group'], ['Entry'], ['Consumer'], ['Idle', 'num'], ['Deliveries', 'num']],
				stream.pendingEntries.map((entry) => h('tr', { dataset: { pending: entry.id } },
					cell('Group', entry.group), cell('Entry', h('code', {}, entry.id)),
					cell('Consumer', h('code', {}, entry.consumer)), cell('Idle', duration(entry.idleMs), 'num'),
					cell('Deliveries', count(entry.deliveries), 'num'))))
			: h('p', { class: 'muted' }, 'Nothing pending.');
		view.replaceChildren(
			h('section', { class: 'card stream-page', dataset: { stream: stream.name } },
				h('h2', {}, stream.name, h('span', { class: 'muted small' }, ' ', h('code', {}, stream.key))),
				h('ul', { class: 'facts' },
					h('li', {}, 'Length ', h('b', {}, count(stream.length))),
					h('li', {}, 'Entries added ', h('b', {}, count(stream.entriesAdded))),
					h('li', {}, 'Dead letters ', deadLetterBadge(stream.deadLetterLength))),
				h('h3', {}, 'Consumer groups'), groupsTable(stream.groups),
				h('h3', {}, 'Pending entries'), pending),
			deadLetterSection(stream));
		showBanner(null);
		if (focused) {
			const box = document.getElementById('dlq-search');
			box.focus();
			box.setSelectionRange(caret, caret);
		}
	}

	function setCrumbs(parts) {
		const crumbs = document.getElementById('crumbs');
		crumbs.replaceChildren(h('a', { href: '#/' }, 'Overview'), ...parts.map((part) => [' / ', h('span', {}, part)]).flat());
	}

	/* Routing and refresh */

	function route() {
		const match = /^#\/streams\/(.+)$/.exec(location.hash);
		return match ? { stream: decodeURIComponent(match[1]) } : {};
	}

	async function refresh() {
		clearTimeout(timer);
		if (busy || document.getElementById('confirm').open) {
			timer = setTimeout(refresh, 1000);
			return;
		}
		const current = route();
		try {
			if (current.stream) {
				const stream = await api('/api/streams/' + encodeURIComponent(current.stream));
				if (route().stream === current.stream) {
					renderStream(stream);
				}
			}
			else {
				const overview = await api('/api/overview');
				if (!route().stream) {
					renderOverview(overview);
				}
			}
			document.getElementById('refreshed').textContent = 'Updated ' + new Date().toLocaleTimeString('en-GB');
			body.dataset.loaded = 'true';
		}
		catch (ex) {
			showBanner(ex.message);
			document.getElementById('refreshed').textContent = 'Update failed ' + new Date().toLocaleTimeString('en-GB');
		}
		timer = setTimeout(refresh, REFRESH_MS);
	}

	document.getElementById('mode').textContent = readOnly ? 'read-only' : (canAct ? '' : 'view only');
	window.addEventListener('hashchange', () => {
		selected.clear();
		search = '';
		document.getElementById('notice').hidden = true;
		view.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
		refresh();
	});
	refresh();
})();

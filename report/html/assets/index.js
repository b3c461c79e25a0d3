// Sorting and filtering of the findings table of a kpreempt report. Plain
// JavaScript that works from file://; the filters live in the address's
// fragment (#rule=...&maintainer=...), so that a filtered view is a link.
(function () {
	'use strict';
	var table = document.getElementById('findings');
	if (!table) {
		return;
	}
	var body = table.tBodies[0];
	var items = Array.prototype.map.call(body.rows, function (tr) {
		return {
			tr: tr,
			n: Number(tr.dataset.n),
			rule: tr.dataset.rule,
			file: tr.dataset.file,
			status: tr.dataset.status || '',
			entries: JSON.parse(tr.dataset.entries || '[]'),
			maintainers: JSON.parse(tr.dataset.maintainers || '[]')
		};
	});
	var names = ['rule', 'dir', 'entry', 'maintainer', 'status'];
	var controls = {};
	names.forEach(function (k) {
		var el = document.getElementById('f-' + k);
		if (el) {
			controls[k] = el;
		}
	});
	var shown = document.getElementById('shown');

	function inDir(file, dir) {
		dir = dir.replace(/^\.\//, '').replace(/\/+$/, '');
		return dir === '' || file === dir || file.indexOf(dir + '/') === 0;
	}

	function current() {
		var s = {};
		Object.keys(controls).forEach(function (k) {
			if (controls[k].value) {
				s[k] = controls[k].value;
			}
		});
		return s;
	}

	function apply() {
		var s = current();
		var n = 0;
		items.forEach(function (it) {
			var ok = (!s.rule || it.rule === s.rule) &&
				(!s.dir || inDir(it.file, s.dir)) &&
				(!s.entry || it.entries.indexOf(s.entry) >= 0) &&
				(!s.maintainer || it.maintainers.indexOf(s.maintainer) >= 0) &&
				(!s.status || it.status === s.status);
			it.tr.hidden = !ok;
			if (ok) {
				n++;
			}
		});
		shown.textContent = n === items.length ?
			items.length + (items.length === 1 ? ' finding' : ' findings') :
			n + ' of ' + items.length + ' findings shown';
		var parts = [];
		names.forEach(function (k) {
			if (s[k]) {
				parts.push(k + '=' + encodeURIComponent(s[k]));
			}
		});
		var hash = '#' + parts.join('&');
		if (location.hash !== hash && !(hash === '#' && location.hash === '')) {
			location.replace(hash);
		}
	}

	function fromHash() {
		var s = {};
		location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
			var i = kv.indexOf('=');
			if (i > 0) {
				try {
					s[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
				} catch (e) {
					// a malformed fragment filters nothing
				}
			}
		});
		Object.keys(controls).forEach(function (k) {
			var el = controls[k];
			if (el.value !== (s[k] || '')) {
				el.value = s[k] || '';
			}
			if (el.tagName === 'SELECT' && s[k] && el.value !== s[k]) {
				// Not among the choices (a maintainer of no finding): keep it
				// visible rather than silently showing everything.
				var o = document.createElement('option');
				o.value = s[k];
				o.textContent = s[k] + ' (0)';
				el.appendChild(o);
				el.value = s[k];
			}
		});
		apply();
	}

	Object.keys(controls).forEach(function (k) {
		controls[k].addEventListener(controls[k].tagName === 'SELECT' ? 'change' : 'input', apply);
	});
	var form = document.getElementById('filters');
	form.addEventListener('reset', function (e) {
		e.preventDefault();
		Object.keys(controls).forEach(function (k) {
			controls[k].value = '';
		});
		apply();
	});
	form.addEventListener('submit', function (e) {
		e.preventDefault();
	});
	window.addEventListener('hashchange', fromHash);

	var heads = table.tHead.rows[0].cells;
	function key(it, i, type) {
		var c = it.tr.cells[i];
		var v = c.dataset.v !== undefined ? c.dataset.v : c.textContent;
		return type === 'num' ? Number(v) : v.toLowerCase();
	}
	function sortBy(th) {
		var i = th.cellIndex;
		var dir = th.getAttribute('aria-sort') === 'ascending' ? -1 : 1;
		Array.prototype.forEach.call(heads, function (h) {
			h.removeAttribute('aria-sort');
		});
		th.setAttribute('aria-sort', dir > 0 ? 'ascending' : 'descending');
		items.sort(function (a, b) {
			var x = key(a, i, th.dataset.sort);
			var y = key(b, i, th.dataset.sort);
			return (x < y ? -1 : x > y ? 1 : 0) * dir || a.n - b.n;
		});
		items.forEach(function (it) {
			body.appendChild(it.tr);
		});
	}
	Array.prototype.forEach.call(heads, function (th) {
		if (!th.dataset.sort) {
			return;
		}
		th.tabIndex = 0;
		th.title = 'sort';
		th.addEventListener('click', function () {
			sortBy(th);
		});
		th.addEventListener('keydown', function (e) {
			if (e.key === 'Enter' || e.key === ' ') {
				e.preventDefault();
				sortBy(th);
			}
		});
	});
	fromHash();
}());
